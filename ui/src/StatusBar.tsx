import type { CursorPosition } from "./editor-document";
import { type LiveValue, useLiveValue } from "./live-value";
import type { WorkspaceInfo } from "./generated/types";
import type { SeverityCounts } from "./diagnostics";
import { SEVERITY_ICON } from "./diagnostics";
import type { TabInfo } from "./workbench";
import type { CloudSummary } from "./credentials-model";
import type { TeamStatusItem } from "./team-model";

const LANGUAGE_NAMES: Record<string, string> = {
  terraform: "Terraform", terragrunt: "Terragrunt", tfvars: "Terraform vars", hcl: "HCL",
  yaml: "YAML", json: "JSON", markdown: "Markdown", plain: "Plain text",
};

interface Props {
  workspace: WorkspaceInfo | null;
  file: TabInfo | null;
  /** The active document's cursor (changes on every keystroke: only its item re-renders). */
  cursor: LiveValue<CursorPosition | null> | null;
  /** What the active non-file tab shows (e.g. the Plan Review's plan). */
  detail?: string | null;
  version: string;
  /** Problems of the workspace; the button toggles the Problems panel. */
  problems: SeverityCounts | null;
  problemsShortcut: string;
  onToggleProblems: () => void;
  /** Toggles the Runs panel (shown with a workspace). */
  onToggleRuns?: () => void;
  /** The workspace's estimated monthly cost ("≈ $92/mo"); the button opens the Cost view. */
  cost?: string | null;
  onOpenCost?: () => void;
  /** Opens the Clusters view (Kubernetes contexts). */
  onOpenClusters?: () => void;
  /** The AWS context runs use (warns when expired or missing); opens the Credentials tab. */
  cloud?: CloudSummary | null;
  onShowCredentials?: () => void;
  /** The team server's sync ("⇅ Team: 2 pending"), when connected; opens the Team Server tab. */
  team?: TeamStatusItem | null;
  onShowTeam?: () => void;
}

/** Rust's parse + lint time, as a quiet figure for our own performance checks. */
function lintTime(micros: number): string {
  return micros < 1000 ? `lint ${(micros / 1000).toFixed(2)} ms` : `lint ${(micros / 1000).toFixed(1)} ms`;
}

export function StatusBar({ workspace, file, cursor, detail, version, problems, problemsShortcut, onToggleProblems, onToggleRuns, cost, onOpenCost, onOpenClusters, cloud, onShowCredentials, team, onShowTeam }: Props) {
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span className="status-item" title={workspace?.root}>
        {workspace ? `${workspace.demo ? "Demo · " : ""}${workspace.name}` : "No folder open"}
      </span>
      {problems && (
        <button
          className="status-item status-button"
          data-testid="status-problems"
          title={`Problems (${problemsShortcut})`}
          onClick={onToggleProblems}
        >
          {SEVERITY_ICON.error} {problems.errors} {SEVERITY_ICON.warning} {problems.warnings}
        </button>
      )}
      {workspace && onToggleRuns && (
        <button className="status-item status-button" data-testid="status-runs" title="Runs: plan and apply this workspace" onClick={onToggleRuns}>
          ▶ Runs
        </button>
      )}
      {cost && onOpenCost && (
        <button className="status-item status-button" data-testid="status-cost" title="Estimated monthly cost (offline): open the Cost view" onClick={onOpenCost}>
          {cost}
        </button>
      )}
      {onOpenClusters && (
        <button className="status-item status-button" data-testid="status-clusters" title="Clusters: your kubeconfig contexts, live" onClick={onOpenClusters}>
          ⎈ Clusters
        </button>
      )}
      {cloud && onShowCredentials && (
        <button
          className={`status-item status-button${cloud.warn ? " warn" : ""}`}
          data-testid="status-credentials"
          data-warn={cloud.warn ? "true" : "false"}
          title={`${cloud.title}\n(Credentials)`}
          onClick={onShowCredentials}
        >
          {cloud.warn ? "⚠" : "☁"} {cloud.label}
        </button>
      )}
      {team && onShowTeam && (
        <button
          className={`status-item status-button${team.warn ? " warn" : ""}`}
          data-testid="status-team"
          data-warn={team.warn ? "true" : "false"}
          title={`${team.title}\n(Team Server)`}
          onClick={onShowTeam}
        >
          {team.label}
        </button>
      )}
      {file && (
        <>
          <span className="status-item">{file.path}</span>
          {file.lossy && <span className="status-item warn" title="Invalid UTF-8 bytes are shown as �; saving writes UTF-8">Not valid UTF-8</span>}
          <span className="status-spacer" />
          {file.lintMicros !== null && (
            <span className="status-item muted" data-testid="status-lint-time" title="Time the last parse and lint took">{lintTime(file.lintMicros)}</span>
          )}
          {cursor && <CursorItem cursor={cursor} />}
          <span className="status-item">{LANGUAGE_NAMES[file.language] ?? file.language}</span>
          <span className="status-item" data-testid="status-saved">{file.deleted ? "Deleted on disk" : file.dirty ? "Modified" : "Saved"}</span>
        </>
      )}
      {!file && detail && <span className="status-item">{detail}</span>}
      {!file && <span className="status-spacer" />}
      <span className="status-item muted">TerraOrbis {version}</span>
    </footer>
  );
}

function CursorItem({ cursor }: { cursor: LiveValue<CursorPosition | null> }) {
  const pos = useLiveValue(cursor);
  return pos && <span className="status-item">Ln {pos.line}, Col {pos.column}</span>;
}
