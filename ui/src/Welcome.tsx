// What the editor area shows when no tab is open: how to begin, and recent folders.
import type { RecentWorkspace } from "./generated/types";

interface Props {
  mod: string;
  recent: RecentWorkspace[];
  currentRoot: string | undefined;
  onPickPlan: () => void;
  onOpenRecent: (path: string) => void;
  onNewProject: () => void;
}

export function Welcome({ mod, recent, currentRoot, onPickPlan, onOpenRecent, onNewProject }: Props) {
  const others = recent.filter((r) => r.path !== currentRoot);
  return (
    <div className="placeholder">
      <h1>TerraOrbis</h1>
      <p>Select a file in the tree, or open another folder with File → Open Folder ({mod}O).</p>
      <p>
        Start from the governed module catalog:{" "}
        <button className="small primary" data-testid="welcome-new-project" onClick={onNewProject}>New Project…</button>
      </p>
      <p>
        Review a plan: click a plan JSON in the tree, drop one on the window, or{" "}
        <button className="link inline-link" onClick={onPickPlan}>open a plan file…</button> ({mod}Shift+O).
      </p>
      {others.length > 0 && (
        <div className="recent">
          <h2>Recent folders</h2>
          <ul>
            {others.map((r) => (
              <li key={r.path}>
                <button className="link recent-item" onClick={() => onOpenRecent(r.path)} title={r.path}>
                  {r.name} <span className="muted">{r.path}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
