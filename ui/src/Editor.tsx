// The editor area: a CodeMirror 6 view of the open file. Read-only until the editing issue
// lands (saving with conflict detection is part of it); the status bar says so.
import { useEffect, useRef } from "react";
import { EditorState, type Extension } from "@codemirror/state";
import {
  EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers,
} from "@codemirror/view";
import { defaultKeymap } from "@codemirror/commands";
import { bracketMatching, foldGutter, HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { tags } from "@lezer/highlight";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { json } from "@codemirror/lang-json";
import { yaml } from "@codemirror/lang-yaml";
import { markdown } from "@codemirror/lang-markdown";
import { hcl } from "./hcl-language";
import type { FileLanguage } from "./generated/types";

export function languageExtension(language: FileLanguage): Extension {
  switch (language) {
    case "terraform":
    case "terragrunt":
    case "tfvars":
    case "hcl":
      return hcl;
    case "json":
      return json();
    case "yaml":
      return yaml();
    case "markdown":
      return markdown();
    default:
      return [];
  }
}

/** Colours come from CSS variables, so the same style serves the light and dark themes. */
const highlightStyle = HighlightStyle.define([
  { tag: tags.keyword, color: "var(--syn-keyword)", fontWeight: "600" },
  { tag: [tags.typeName, tags.className], color: "var(--syn-type)" },
  { tag: [tags.propertyName, tags.definition(tags.propertyName)], color: "var(--syn-property)" },
  { tag: [tags.string, tags.special(tags.string)], color: "var(--syn-string)" },
  { tag: [tags.number, tags.bool, tags.atom, tags.null], color: "var(--syn-number)" },
  { tag: tags.comment, color: "var(--syn-comment)", fontStyle: "italic" },
  { tag: tags.special(tags.variableName), color: "var(--syn-special)" },
  { tag: tags.function(tags.variableName), color: "var(--syn-function)" },
  { tag: tags.meta, color: "var(--syn-keyword)" },
  { tag: tags.heading, color: "var(--syn-keyword)", fontWeight: "600" },
  { tag: tags.link, color: "var(--syn-function)", textDecoration: "underline" },
]);

export interface CursorPosition {
  line: number;
  column: number;
}

interface Props {
  path: string;
  text: string;
  language: FileLanguage;
  onCursor?: (pos: CursorPosition) => void;
}

export function Editor({ path, text, language, onCursor }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const cursorHandler = useRef(onCursor);
  cursorHandler.current = onCursor;

  useEffect(() => {
    if (!host.current) return;
    const view = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: text,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          foldGutter(),
          drawSelection(),
          highlightActiveLine(),
          bracketMatching(),
          highlightSelectionMatches(),
          syntaxHighlighting(highlightStyle),
          keymap.of([...defaultKeymap, ...searchKeymap]),
          EditorState.readOnly.of(true),
          EditorView.contentAttributes.of({ "aria-label": `Contents of ${path}`, "data-testid": "editor-content" }),
          languageExtension(language),
          EditorView.updateListener.of((update) => {
            if (update.selectionSet || update.docChanged) {
              const head = update.state.selection.main.head;
              const line = update.state.doc.lineAt(head);
              cursorHandler.current?.({ line: line.number, column: head - line.from + 1 });
            }
          }),
        ],
      }),
    });
    cursorHandler.current?.({ line: 1, column: 1 });
    return () => view.destroy();
  }, [path, text, language]);

  return <div className="editor" ref={host} data-path={path} />;
}
