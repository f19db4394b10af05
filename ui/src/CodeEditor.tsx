// Shows one open document's CodeMirror view. The view itself lives as long as its tab (in
// EditorDocument): switching tabs moves views in and out of this pane, so each keeps its undo
// history, selection and scroll.
import { useLayoutEffect, useRef } from "react";
import type { EditorDocument } from "./editor-document";
import type { TabInfo } from "./workbench";

interface Props {
  doc: EditorDocument;
  tab: TabInfo;
  onReload: () => void;
  onKeepMine: () => void;
}

export function CodeEditor({ doc, tab, onReload, onKeepMine }: Props) {
  const host = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const el = host.current!;
    el.appendChild(doc.view.dom);
    doc.mounted();
    return () => {
      doc.unmounting();
      if (doc.view.dom.parentNode === el) el.removeChild(doc.view.dom);
    };
  }, [doc]);

  return (
    <div className="editor-pane">
      {tab.diskChanged && (
        <div className="disk-banner" role="status" data-testid="disk-banner">
          <span>This file changed on disk.</span>
          <button className="small" data-testid="disk-reload" onClick={onReload}>Reload</button>
          <button className="small" data-testid="disk-keep" onClick={onKeepMine}>Keep mine</button>
        </div>
      )}
      {tab.deleted && (
        <div className="disk-banner" role="status" data-testid="deleted-banner">
          <span>This file was deleted on disk. Saving writes it again.</span>
        </div>
      )}
      <div className="editor" ref={host} data-path={doc.path} />
    </div>
  );
}
