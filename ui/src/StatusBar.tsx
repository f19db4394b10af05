import type { CursorPosition } from "./Editor";
import type { FileContent, WorkspaceInfo } from "./generated/types";

const LANGUAGE_NAMES: Record<string, string> = {
  terraform: "Terraform", terragrunt: "Terragrunt", tfvars: "Terraform vars", hcl: "HCL",
  yaml: "YAML", json: "JSON", markdown: "Markdown", plain: "Plain text",
};

interface Props {
  workspace: WorkspaceInfo | null;
  file: FileContent | null;
  cursor: CursorPosition | null;
  /** What the active non-file tab shows (e.g. the Plan Review's plan). */
  detail?: string | null;
  version: string;
}

export function StatusBar({ workspace, file, cursor, detail, version }: Props) {
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span className="status-item" title={workspace?.root}>
        {workspace ? `${workspace.demo ? "Demo · " : ""}${workspace.name}` : "No folder open"}
      </span>
      {file && (
        <>
          <span className="status-item">{file.path}</span>
          {file.lossy && <span className="status-item warn" title="Invalid UTF-8 bytes are shown as �">Not valid UTF-8</span>}
          <span className="status-spacer" />
          {cursor && <span className="status-item">Ln {cursor.line}, Col {cursor.column}</span>}
          <span className="status-item">{LANGUAGE_NAMES[file.language] ?? file.language}</span>
          <span className="status-item muted">Read-only</span>
        </>
      )}
      {!file && detail && <span className="status-item">{detail}</span>}
      {!file && <span className="status-spacer" />}
      <span className="status-item muted">TerraOrbis {version}</span>
    </footer>
  );
}
