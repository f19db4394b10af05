// The tab strip of the editor area: open files (● when modified, "(deleted)" when gone from
// disk) and the Plan Review.
import type { TabInfo } from "./workbench";
import { tabLabels } from "./tab-labels";

interface Props {
  tabs: readonly TabInfo[];
  active: string | null;
  /** The Plan Review tab, when a plan is open or opening. */
  plan: { id: string; name: string; title: string } | null;
  /** The State Explorer tab, when a state is open. */
  stateTab?: { id: string; name: string; title: string } | null;
  /** The Inventory & Drift tab, when open. */
  driftTab?: { id: string } | null;
  /** The Cost view's tab, when open. */
  costTab?: { id: string; name: string; title: string } | null;
  /** The Clusters view, when open (View → Clusters). */
  clustersTab?: { id: string } | null;
  /** The Credentials tab, when open. */
  credentialsTab?: string | null;
  /** The Team Server tab, when open. */
  teamTab?: string | null;
  requestsTab?: string | null;
  onSelect: (id: string) => void;
  onClose: (id: string) => void;
}

export function EditorTabs({ tabs, active, plan, stateTab, driftTab, costTab, clustersTab, credentialsTab, teamTab, requestsTab, onSelect, onClose }: Props) {
  const labels = tabLabels(tabs.map((t) => t.path));
  return (
    <div className="tabs" role="tablist">
      {tabs.map((tab) => {
        const label = labels.get(tab.path);
        return (
          <div
            key={tab.path}
            role="tab"
            aria-selected={tab.path === active}
            className={`tab${tab.path === active ? " active" : ""}${tab.dirty ? " dirty" : ""}${tab.deleted ? " deleted" : ""}`}
            data-testid={`tab-${tab.path}`}
            data-dirty={tab.dirty ? "true" : "false"}
            onClick={() => onSelect(tab.path)}
            onMouseDown={(e) => {
              // Middle click closes, as in browsers and other editors.
              if (e.button === 1) {
                e.preventDefault();
                onClose(tab.path);
              }
            }}
            title={tab.deleted ? `${tab.path} (deleted on disk)` : tab.path}
          >
            <span>{label?.name}</span>
            {label?.dir && <span className="tab-dir">{label.dir}</span>}
            {tab.deleted && <span className="tab-deleted">(deleted)</span>}
            {tab.dirty && <span className="tab-dirty" aria-label="modified" title="Modified">●</span>}
            <button
              className="tab-close"
              aria-label={`Close ${tab.path}`}
              onClick={(e) => {
                e.stopPropagation();
                onClose(tab.path);
              }}
            >
              ✕
            </button>
          </div>
        );
      })}
      {plan && (
        <div
          key={plan.id}
          role="tab"
          aria-selected={active === plan.id}
          className={`tab plan-tab${active === plan.id ? " active" : ""}`}
          onClick={() => onSelect(plan.id)}
          title={plan.title}
        >
          <span className="plan-tab-icon" aria-hidden>◆</span>
          <span>Plan Review</span>
          <span className="tab-dir">{plan.name}</span>
          <button
            className="tab-close"
            aria-label="Close Plan Review"
            onClick={(e) => {
              e.stopPropagation();
              onClose(plan.id);
            }}
          >
            ✕
          </button>
        </div>
      )}
      {stateTab && (
        <div
          key={stateTab.id}
          role="tab"
          aria-selected={active === stateTab.id}
          className={`tab plan-tab${active === stateTab.id ? " active" : ""}`}
          onClick={() => onSelect(stateTab.id)}
          title={stateTab.title}
          data-testid="state-tab"
        >
          <span className="plan-tab-icon" aria-hidden>▤</span>
          <span>State</span>
          <span className="tab-dir">{stateTab.name}</span>
          <button
            className="tab-close"
            aria-label="Close State Explorer"
            onClick={(e) => {
              e.stopPropagation();
              onClose(stateTab.id);
            }}
          >
            ✕
          </button>
        </div>
      )}
      {driftTab && (
        <div
          key={driftTab.id}
          role="tab"
          aria-selected={active === driftTab.id}
          className={`tab plan-tab${active === driftTab.id ? " active" : ""}`}
          onClick={() => onSelect(driftTab.id)}
          title="Inventory & Drift"
          data-testid="drift-tab"
        >
          <span className="plan-tab-icon" aria-hidden>⇄</span>
          <span>Inventory &amp; Drift</span>
          <button
            className="tab-close"
            aria-label="Close Inventory & Drift"
            onClick={(e) => {
              e.stopPropagation();
              onClose(driftTab.id);
            }}
          >
            ✕
          </button>
        </div>
      )}
      {costTab && (
        <div
          key={costTab.id}
          role="tab"
          aria-selected={active === costTab.id}
          className={`tab plan-tab${active === costTab.id ? " active" : ""}`}
          onClick={() => onSelect(costTab.id)}
          title={costTab.title}
          data-testid="cost-tab"
        >
          <span className="plan-tab-icon" aria-hidden>$</span>
          <span>Cost</span>
          <span className="tab-dir">{costTab.name}</span>
          <button
            className="tab-close"
            aria-label="Close Cost view"
            onClick={(e) => {
              e.stopPropagation();
              onClose(costTab.id);
            }}
          >
            ✕
          </button>
        </div>
      )}
      {clustersTab && (
        <div
          key={clustersTab.id}
          role="tab"
          aria-selected={active === clustersTab.id}
          className={`tab plan-tab${active === clustersTab.id ? " active" : ""}`}
          onClick={() => onSelect(clustersTab.id)}
          title="Kubernetes clusters"
          data-testid="clusters-tab"
        >
          <span className="plan-tab-icon" aria-hidden>⎈</span>
          <span>Clusters</span>
          <button
            className="tab-close"
            aria-label="Close Clusters"
            onClick={(e) => {
              e.stopPropagation();
              onClose(clustersTab.id);
            }}
          >
            ✕
          </button>
        </div>
      )}
      {credentialsTab && (
        <div
          key={credentialsTab}
          role="tab"
          aria-selected={active === credentialsTab}
          className={`tab plan-tab${active === credentialsTab ? " active" : ""}`}
          onClick={() => onSelect(credentialsTab)}
          title="Cloud credentials and run secrets"
          data-testid="credentials-tab"
        >
          <span className="plan-tab-icon" aria-hidden>☁</span>
          <span>Credentials</span>
          <button
            className="tab-close"
            aria-label="Close Credentials"
            onClick={(e) => {
              e.stopPropagation();
              onClose(credentialsTab);
            }}
          >
            ✕
          </button>
        </div>
      )}
      {teamTab && (
        <div
          key={teamTab}
          role="tab"
          aria-selected={active === teamTab}
          className={`tab plan-tab${active === teamTab ? " active" : ""}`}
          onClick={() => onSelect(teamTab)}
          title="Team server: sync and approvals"
          data-testid="team-tab"
        >
          <span className="plan-tab-icon" aria-hidden>⇅</span>
          <span>Team Server</span>
          <button
            className="tab-close"
            aria-label="Close Team Server"
            onClick={(e) => {
              e.stopPropagation();
              onClose(teamTab);
            }}
          >
            ✕
          </button>
        </div>
      )}
      {requestsTab && (
        <div
          key={requestsTab}
          role="tab"
          aria-selected={active === requestsTab}
          className={`tab plan-tab${active === requestsTab ? " active" : ""}`}
          onClick={() => onSelect(requestsTab)}
          title="Self-service requests of catalog modules"
          data-testid="requests-tab"
        >
          <span className="plan-tab-icon" aria-hidden>✉</span>
          <span>Requests</span>
          <button
            className="tab-close"
            aria-label="Close Requests"
            onClick={(e) => {
              e.stopPropagation();
              onClose(requestsTab);
            }}
          >
            ✕
          </button>
        </div>
      )}
    </div>
  );
}
