// The editor's Rust-backed commands and the UI they open: Go to Definition (F12, Ctrl/Cmd+
// click; a picker when there are several), Find References (Shift+F12, a panel), Rename (F2:
// a name box, a preview panel, then the rename), Format Document (Shift+Alt+F) and the
// editor's context menu.
import { useCallback, useState, type Dispatch, type SetStateAction } from "react";
import type { Text } from "@codemirror/state";
import type { Api } from "./api";
import { ApiError } from "./api";
import type { BottomView } from "./BottomPanel";
import type { Location, RenamePreview } from "./generated/types";
import { identifierAt } from "./identifier";
import { isHclLanguage } from "./editor-extensions";
import type { Workbench } from "./workbench";

/** The commands of a document, by its path (see EditorCommands). */
export interface PathCommands {
  definition(path: string, pos: number): void;
  references(path: string, pos: number): void;
  rename(path: string, pos: number): void;
  format(path: string): void;
  contextMenu(path: string, pos: number, x: number, y: number): void;
}

export interface RenameBox {
  path: string;
  pos: number;
  name: string;
  /** Client coordinates under the symbol. */
  x: number;
  y: number;
  busy: boolean;
  error: string | null;
}

export interface RenamePreviewState {
  path: string;
  offset: number;
  newName: string;
  preview: RenamePreview;
  /** The text the preview was made for: applying after further edits would be wrong. */
  text: Text | null;
  busy: boolean;
}

interface Options {
  api: Api;
  workbench: Workbench;
  goTo: (location: { path: string; range: { from: number; to: number } }) => void;
  showNotice: (text: string) => void;
  /** Shows an error: a notice for answers ("no symbol here"), a banner for failures. */
  explain: (err: unknown) => void;
  setBottom: Dispatch<SetStateAction<BottomView | null>>;
}

export function useCodeNavigation({ api, workbench, goTo, showNotice, explain, setBottom }: Options) {
  const [references, setReferences] = useState<{ title: string; locations: Location[] } | null>(null);
  const [rename, setRename] = useState<RenameBox | null>(null);
  const [renamePreview, setRenamePreview] = useState<RenamePreviewState | null>(null);
  const [picker, setPicker] = useState<{ locations: Location[]; x: number; y: number } | null>(null);
  const [menu, setMenu] = useState<{ path: string; pos: number; x: number; y: number } | null>(null);

  const commands: PathCommands = {
    definition: async (path, pos) => {
      const doc = workbench.get(path);
      if (!doc) return;
      try {
        const found = await doc.query(() => api.definition(path, pos));
        if (found === null) return;
        if (found.length === 0) showNotice("No definition found.");
        else if (found.length === 1) goTo(found[0]);
        else {
          const at = doc.view.coordsAtPos(pos);
          setPicker({ locations: found, x: at?.left ?? 200, y: at?.bottom ?? 120 });
        }
      } catch (err) {
        explain(err);
      }
    },
    references: async (path, pos) => {
      const doc = workbench.get(path);
      if (!doc) return;
      try {
        const found = await doc.query(() => api.references(path, pos));
        if (found === null) return;
        const name = identifierAt(doc.view.state.doc, pos)?.name;
        setReferences({ title: name ? `References to ${name}` : "References", locations: found });
        setBottom("references");
      } catch (err) {
        explain(err);
      }
    },
    rename: (path, pos) => {
      const doc = workbench.get(path);
      if (!doc) return;
      const word = identifierAt(doc.view.state.doc, pos);
      if (!word) {
        showNotice("Put the cursor on a name to rename it.");
        return;
      }
      const at = doc.view.coordsAtPos(word.from);
      setRename({ path, pos, name: word.name, x: at?.left ?? 200, y: at?.bottom ?? 120, busy: false, error: null });
    },
    format: (path) => {
      const doc = workbench.get(path);
      if (!doc) return;
      if (!isHclLanguage(doc.language)) showNotice("Format Document works on Terraform and HCL files.");
      else doc.format().catch(explain);
    },
    contextMenu: (path, pos, x, y) => setMenu({ path, pos, x, y }),
  };

  /** The name box's Enter: ask Rust what the rename would change. */
  const submitRename = async (newName: string) => {
    const box = rename;
    const doc = box && workbench.get(box.path);
    if (!box || !doc) return;
    setRename({ ...box, busy: true, error: null });
    try {
      const text = doc.view.state.doc;
      const preview = await doc.query(() => api.renamePreview(box.path, box.pos, newName));
      if (!preview) {
        setRename((r) => r && { ...r, busy: false, error: "The file changed meanwhile; press Enter again." });
        return;
      }
      setRename(null);
      setRenamePreview({ path: box.path, offset: box.pos, newName, preview, text, busy: false });
      setBottom("rename");
    } catch (err) {
      setRename((r) => r && { ...r, busy: false, error: err instanceof ApiError ? err.message : String(err) });
    }
  };

  const cancelRenamePreview = () => {
    setRenamePreview(null);
    setBottom((b) => (b === "rename" ? null : b));
  };

  /** Apply: every open buffer's edits reach Rust first, then the rename runs there. */
  const applyRename = async () => {
    const state = renamePreview;
    if (!state) return;
    const doc = workbench.get(state.path);
    if (doc && state.text && doc.view.state.doc !== state.text) {
      showNotice("The file changed since the preview; rename again (F2).");
      cancelRenamePreview();
      return;
    }
    setRenamePreview({ ...state, busy: true });
    try {
      await workbench.flushAll();
      const result = await api.applyRename(state.path, state.offset, state.newName);
      workbench.applyRename(result);
      const files = new Set([...result.written, ...result.updated.map((d) => d.path)]).size;
      showNotice(`Renamed in ${files} ${files === 1 ? "file" : "files"}`);
      cancelRenamePreview();
    } catch (err) {
      setRenamePreview((p) => p && { ...p, busy: false });
      explain(err);
    }
  };

  /** Another workspace: nothing of the previous one stays open. */
  const reset = useCallback(() => {
    setReferences(null);
    setRename(null);
    setRenamePreview(null);
    setPicker(null);
    setMenu(null);
  }, []);

  return {
    commands,
    references,
    rename,
    setRename,
    renamePreview,
    picker,
    setPicker,
    menu,
    setMenu,
    submitRename,
    cancelRenamePreview,
    applyRename,
    reset,
  };
}
