import type { CursorPosition } from "./editor-document";
import { type LiveValue, useLiveValue } from "./live-value";
import type { WorkspaceInfo, RemoteBackendInfo } from "./generated/types";
import { SEVERITY_ICON } from "./diagnostics";
import type { ProblemsView, TabInfo } from "./workbench";
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
  /** Problems of the workspace (live: only its items re-render); the button toggles the
   * Problems panel. */
  problems: LiveValue<ProblemsView> | null;
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
  /** The workspace's remote backend (s3/http…), when it has one; the button opens its state. */
  remote?: RemoteBackendInfo | null;
  onOpenRemoteState?: () => void;
  /** The team server's sync ("⇅ Team: 2 pending"), when connected; opens the Team Server tab. */
  team?: TeamStatusItem | null;
  onShowTeam?: () => void;
}

/** Rust's parse + lint time, as a quiet figure for our own performance checks. */
function lintTime(micros: number): string {
  return micros < 1000 ? `lint ${(micros / 1000).toFixed(2)} ms` : `lint ${(micros / 1000).toFixed(1)} ms`;
}

export function StatusBar({ workspace, file, cursor, detail, version, problems, problemsShortcut, onToggleProblems, onToggleRuns, cost, onOpenCost, onOpenClusters, cloud, onShowCredentials, remote, onOpenRemoteState, team, onShowTeam }: Props) {
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span className="status-item" title={workspace?.root}>
        {workspace ? `${workspace.demo ? "Demo · " : ""}${workspace.name}` : "No folder open"}
      </span>
      {problems && <ProblemsButton live={problems} shortcut={problemsShortcut} onToggle={onToggleProblems} />}
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
      {remote && onOpenRemoteState && (
        <button
          className={`status-item status-button${remote.readable ? "" : " warn"}`}
          data-testid="status-remote-state"
          title={remote.readable ? `Remote state: ${remote.location} (workspace ${remote.workspace}). Open it, read only.` : `${remote.backend} backend: ${remote.problem ?? ""}`}
          onClick={onOpenRemoteState}
        >
          ⛁ {remote.backend} state
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
          {problems && <LintTimeItem live={problems} path={file.path} />}
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

function ProblemsButton({ live, shortcut, onToggle }: { live: LiveValue<ProblemsView>; shortcut: string; onToggle: () => void }) {
  const { counts } = useLiveValue(live);
  return (
    <button className="status-item status-button" data-testid="status-problems" title={`Problems (${shortcut})`} onClick={onToggle}>
      {SEVERITY_ICON.error} {counts.errors} {SEVERITY_ICON.warning} {counts.warnings}
    </button>
  );
}

function LintTimeItem({ live, path }: { live: LiveValue<ProblemsView>; path: string }) {
  const micros = useLiveValue(live).lintMicros.get(path);
  return (
    micros !== undefined && (
      <span className="status-item muted" data-testid="status-lint-time" title="Time the last parse and lint took">
        {lintTime(micros)}
      </span>
    )
  );
}
