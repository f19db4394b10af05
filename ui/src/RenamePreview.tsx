// What a rename would change, file by file and line by line, before it is applied.
import type { RenamePreview as Preview } from "./generated/types";

interface Props {
  preview: Preview;
  busy: boolean;
  onApply: () => void;
  onCancel: () => void;
}

export function RenamePreview({ preview, busy, onApply, onCancel }: Props) {
  const edits = preview.files.reduce((n, f) => n + f.changes.length, 0);
  return (
    <div className="rename-preview" data-testid="rename-preview">
      <div className="panel-toolbar">
        <span className="panel-summary">
          Rename {preview.symbol}: <code>{preview.old_name}</code> → <code>{preview.new_name}</code>{" "}
          <span className="muted">
            {edits} {edits === 1 ? "change" : "changes"} in {preview.files.length} {preview.files.length === 1 ? "file" : "files"}
          </span>
        </span>
        <span className="panel-actions">
          <button className="small primary" data-testid="rename-apply" onClick={onApply} disabled={busy || edits === 0}>Apply</button>
          <button className="small" data-testid="rename-cancel" onClick={onCancel} disabled={busy}>Cancel</button>
        </span>
      </div>
      <div className="rename-files">
        {preview.files.map((file) => (
          <div key={file.path} className="rename-file">
            <div className="problem-file">
              <span className="problem-file-name">{file.path}</span>
              <span className="group-count">{file.changes.length}</span>
            </div>
            {file.previews.map((p, i) => (
              <div key={i} className="rename-line">
                <span className="problem-pos">{p.line}</span>
                <span className="rename-before">{p.before}</span>
                <span className="rename-after">{p.after}</span>
              </div>
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
