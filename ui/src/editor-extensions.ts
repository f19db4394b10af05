// The CodeMirror setup of an editable document: highlighting per language, editing helpers,
// and the keys and hovers that call into Rust (through the callbacks given).
import { EditorState, Prec, type Extension } from "@codemirror/state";
import { canApplyToCluster } from "./cluster-apply-model";
import {
  EditorView, crosshairCursor, drawSelection, dropCursor, highlightActiveLine, highlightActiveLineGutter,
  hoverTooltip, keymap, lineNumbers, rectangularSelection, type ViewUpdate,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import {
  bracketMatching, foldGutter, foldKeymap, HighlightStyle, indentOnInput, syntaxHighlighting,
} from "@codemirror/language";
import { tags } from "@lezer/highlight";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap, type CompletionSource } from "@codemirror/autocomplete";
import { lintGutter, nextDiagnostic, previousDiagnostic } from "@codemirror/lint";
import { json } from "@codemirror/lang-json";
import { yaml } from "@codemirror/lang-yaml";
import { markdown } from "@codemirror/lang-markdown";
import { hcl } from "./hcl-language";
import { renderMarkdown } from "./markdown-lite";
import { crlfLines } from "./crlf";
import { LINE_SEPARATOR } from "./editor-sync";
import type { FileLanguage, HoverInfo } from "./generated/types";

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

/** Languages the Rust engine understands (navigation, completion, hover, format). */
export function isHclLanguage(language: FileLanguage): boolean {
  return language === "terraform" || language === "terragrunt" || language === "tfvars" || language === "hcl";
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

/** Editor commands that need the app (Rust calls, panels, dialogs). Positions are offsets.
 * Saving (Ctrl/Cmd+S) is a window-wide shortcut of the app, not an editor key. */
export interface EditorCommands {
  definition(pos: number): void;
  references(pos: number): void;
  rename(pos: number): void;
  format(): void;
  /** Right click: the editor's context menu at client coordinates. */
  contextMenu(pos: number, x: number, y: number): void;
}

export interface EditorSetup {
  path: string;
  language: FileLanguage;
  /** The text has Windows line endings (see crlf.ts). */
  crlf: boolean;
  commands: EditorCommands;
  completions: CompletionSource;
  hover: (pos: number) => Promise<HoverInfo | null>;
  onUpdate: (update: ViewUpdate) => void;
}

const isMac = typeof navigator !== "undefined" && /Mac/.test(navigator.platform);
const modKey = (e: MouseEvent) => (isMac ? e.metaKey : e.ctrlKey);

export function editorExtensions(setup: EditorSetup): Extension {
  const { commands } = setup;
  const head = (view: EditorView) => view.state.selection.main.head;
  const rust = isHclLanguage(setup.language);
  return [
    // Lines break on "\n" only, so positions are Rust's UTF-16 offsets even with "\r" in the text.
    EditorState.lineSeparator.of(LINE_SEPARATOR),
    setup.crlf ? crlfLines() : [],
    lineNumbers(),
    highlightActiveLineGutter(),
    foldGutter(),
    lintGutter(),
    history(),
    drawSelection(),
    dropCursor(),
    // Several cursors (Alt+click, rectangular selection) as in other editors.
    EditorState.allowMultipleSelections.of(true),
    indentOnInput(),
    closeBrackets(),
    rectangularSelection(),
    crosshairCursor(),
    highlightActiveLine(),
    bracketMatching(),
    highlightSelectionMatches(),
    syntaxHighlighting(highlightStyle),
    rust ? autocompletion({ override: [setup.completions], icons: true }) : [],
    rust ? hoverTooltip((_view, pos) => hoverAt(setup, pos), { hoverTime: 350 }) : [],
    Prec.high(
      keymap.of([
        ...(rust
          ? [
              { key: "F12", run: (v: EditorView) => (commands.definition(head(v)), true) },
              { key: "Shift-F12", run: (v: EditorView) => (commands.references(head(v)), true) },
              { key: "F2", run: (v: EditorView) => (commands.rename(head(v)), true) },
              { key: "Shift-Alt-f", run: () => (commands.format(), true), preventDefault: true },
            ]
          : []),
        { key: "F8", run: nextDiagnostic },
        { key: "Shift-F8", run: previousDiagnostic },
      ]),
    ),
    keymap.of([
      ...closeBracketsKeymap,
      ...defaultKeymap,
      ...searchKeymap,
      ...historyKeymap,
      ...foldKeymap,
      ...completionKeymap,
      indentWithTab,
    ]),
    // Ctrl/Cmd+click goes to the definition (as in VS Code); Alt+click adds a cursor instead.
    EditorView.clickAddsSelectionRange.of((e) => e.altKey),
    EditorView.domEventHandlers({
      mousedown(e, view) {
        if (!rust || e.button !== 0 || !modKey(e)) return false;
        const pos = view.posAtCoords({ x: e.clientX, y: e.clientY });
        if (pos === null) return false;
        e.preventDefault();
        view.dispatch({ selection: { anchor: pos } });
        commands.definition(pos);
        return true;
      },
      contextmenu(e, view) {
        // Terraform files get the language commands; Kubernetes YAML gets "Apply to Cluster…".
        if (!rust && !canApplyToCluster(setup.path)) return false;
        const pos = view.posAtCoords({ x: e.clientX, y: e.clientY }) ?? head(view);
        e.preventDefault();
        commands.contextMenu(pos, e.clientX, e.clientY);
        return true;
      },
    }),
    EditorView.contentAttributes.of({ "aria-label": `Contents of ${setup.path}`, "data-testid": "editor-content" }),
    languageExtension(setup.language),
    EditorView.updateListener.of(setup.onUpdate),
  ];
}

async function hoverAt(setup: EditorSetup, pos: number) {
  const info = await setup.hover(pos).catch(() => null);
  if (!info || !info.markdown.trim()) return null;
  return {
    pos: info.range.from,
    end: info.range.to,
    above: true,
    create: () => ({ dom: renderMarkdown(info.markdown) }),
  };
}
