// The Clusters view (issue 11): the kubeconfig contexts with their offline checks and fix
// commands; once connected, the live cluster — overview (problems first), pods (virtualized,
// namespace filter, health badges), workloads, events (warnings first), config & network —
// and one object's YAML. Rows come from `ClustersController`'s model, which Rust keeps current
// with batched deltas; a kind the user may not list says so instead of showing an empty table.
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { prefillForm, sectionOf } from "./live-links-model";
import type { LiveLinkOpen } from "./generated/types";
import type { Api } from "./api";
import type { ClusterContext, ClusterContextProbe, ClusterKind, ClusterObjectDetail, ClusterProblem, ClusterRow, ClusterSeverity } from "./generated/types";
import type { ClustersController } from "./clusters-controller";
import { VirtualList } from "./VirtualList";
import { PodLogs } from "./PodLogs";
import { ClusterActionDialog } from "./ClusterActionDialog";
import { ClusterUsage } from "./ClusterUsage";
import { useClusterMetrics } from "./useClusterMetrics";
import { nodeUsageCell, podUsageCell, type UsageCell, type UsageLookup } from "./cluster-usage-model";
import { ClusterPlatform } from "./ClusterPlatform";
import { ClusterHelm } from "./ClusterHelm";
import { ClusterGitOps } from "./ClusterGitOps";
import { ClusterAudit } from "./ClusterAudit";
import { AddCloudClusterDialog } from "./AddCloudClusterDialog";
import { failingLine, probeHealth, probeLine, probeTotals } from "./cluster-probe-model";
import { actionsFor, type ActionId } from "./cluster-actions-model";
import { ALL_NAMESPACES, KIND_LABEL, age, events, kindNotice, namespaces, nodes, objects, overview, pods, workloads, type ClusterModel } from "./clusters-model";

interface Props {
  api: Api;
  controller: ClustersController;
  onError: (err: unknown) => void;
}

type Section = "overview" | "pods" | "workloads" | "events" | "config" | "usage" | "platform" | "helm" | "gitops" | "audit";
const SECTIONS: { id: Section; label: string }[] = [
  { id: "overview", label: "Overview" },
  { id: "pods", label: "Pods" },
  { id: "workloads", label: "Workloads" },
  { id: "events", label: "Events" },
  { id: "config", label: "Config & Network" },
  { id: "usage", label: "Usage" },
  { id: "platform", label: "Platform" },
  { id: "helm", label: "Helm" },
  { id: "gitops", label: "GitOps" },
  { id: "audit", label: "Audit log" },
];
const CONFIG_KINDS: ClusterKind[] = ["service", "ingress", "config_map", "secret", "persistent_volume_claim"];
const ROW_HEIGHT = 26;
const WORKLOAD_TABLE_KINDS: ClusterKind[] = ["deployment", "stateful_set", "daemon_set", "job", "cron_job"];

type Selection = { kind: ClusterKind; key: string };

export function ClustersView({ api, controller, onError }: Props) {
  const snap = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  const [addingCloud, setAddingCloud] = useState(false);
  // "Check all": the last probe of each context (nothing is contacted before the user asks).
  const [probes, setProbes] = useState<Map<string, ClusterContextProbe> | null>(null);
  const [probing, setProbing] = useState(false);
  const checkAll = () => {
    setProbing(true);
    api.probeClusterContexts([]).then(
      (list) => setProbes(new Map(list.map((p) => [p.context, p]))),
      (err) => onError(err),
    ).finally(() => setProbing(false));
  };
  useEffect(() => {
    if (!snap.contexts) void controller.loadContexts();
  }, [controller, snap.contexts]);
  // A Terraform cluster no context reaches: "Add cloud cluster", pre-filled.
  const prefill = snap.link ? prefillForm(snap.link) : null;
  useEffect(() => {
    if (prefill) setAddingCloud(true);
  }, [snap.link?.seq]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div className="plan-review clusters-view" data-testid="clusters-view">
      {snap.link && (
        <div className="cluster-notice notice-info" role="status" data-testid="live-link-notice">
          <span>From Terraform: {snap.link.why}</span>
        </div>
      )}
      {snap.connected && snap.model ? (
        <LiveCluster
          api={api}
          model={snap.model}
          version={snap.version}
          title={snap.connected.context}
          facts={`${snap.connected.server} · default namespace ${snap.connected.namespace}`}
          onDisconnect={() => void controller.disconnect()}
          onError={onError}
          focus={snap.link}
        />
      ) : (
        <Contexts
          contexts={snap.contexts?.contexts ?? null}
          errors={snap.contexts?.errors ?? []}
          files={snap.contexts?.files ?? []}
          available={snap.contexts?.available ?? true}
          connecting={snap.connecting}
          error={snap.error}
          onConnect={(name) => void controller.connect(name)}
          onReload={() => void controller.loadContexts()}
          onAddCloud={() => setAddingCloud(true)}
          probes={probes}
          probing={probing}
          onCheckAll={checkAll}
        />
      )}
      {addingCloud && (
        <AddCloudClusterDialog
          api={api}
          initial={prefill}
          onClose={(added) => {
            setAddingCloud(false);
            if (prefill) controller.clearLink();
            if (added) void controller.loadContexts();
          }}
        />
      )}
    </div>
  );
}

// ---- Contexts ---------------------------------------------------------------------------

function copy(text: string) {
  // The Clipboard API needs a secure context and focus; fall back to a selection copy.
  if (navigator.clipboard?.writeText) {
    navigator.clipboard.writeText(text).catch(() => fallbackCopy(text));
  } else fallbackCopy(text);
}

function fallbackCopy(text: string) {
  const area = document.createElement("textarea");
  area.value = text;
  document.body.appendChild(area);
  area.select();
  try {
    document.execCommand("copy");
  } finally {
    area.remove();
  }
}

function Problem({ problem }: { problem: ClusterProblem }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="cluster-problem" data-testid="cluster-problem" data-code={problem.code}>
      <div>{problem.message}</div>
      <div className="muted">{problem.hint}</div>
      {problem.fix_command && (
        <div className="cluster-fix">
          <code data-testid="cluster-fix-command">{problem.fix_command}</code>
          <button
            className="small"
            onClick={() => {
              copy(problem.fix_command!);
              setCopied(true);
              setTimeout(() => setCopied(false), 1500);
            }}
          >
            {copied ? "Copied" : "Copy"}
          </button>
        </div>
      )}
    </div>
  );
}

interface ContextsProps {
  contexts: ClusterContext[] | null;
  errors: ClusterProblem[];
  files: string[];
  available: boolean;
  connecting: string | null;
  error: { context: string; message: string; hint: string } | null;
  onConnect: (name: string) => void;
  onReload: () => void;
  onAddCloud: () => void;
  probes: Map<string, ClusterContextProbe> | null;
  probing: boolean;
  onCheckAll: () => void;
}

function Contexts({ contexts, errors, files, available, connecting, error, onConnect, onReload, onAddCloud, probes, probing, onCheckAll }: ContextsProps) {
  return (
    <>
      <div className="plan-summary">
        <div className="plan-title-row">
          <div className="plan-title">
            <h1>Clusters</h1>
            <div className="plan-facts muted" title={files.join("\n")}>
              {files.length > 0 ? `Contexts of ${files.join(", ")}` : "Kubeconfig contexts"} · checked offline, nothing is contacted until you connect or check
            </div>
            {probes && (
              <div className="plan-facts" data-testid="cluster-probe-totals">
                {probeTotals([...probes.values()])}
              </div>
            )}
          </div>
          <div className="cluster-context-actions">
            <button className="small" onClick={onCheckAll} disabled={probing || !contexts?.length} data-testid="cluster-check-all" title="Ask every cluster for its nodes and pods (read only)">
              {probing ? "Checking…" : "Check all"}
            </button>
            <button className="small" onClick={onAddCloud} data-testid="cloud-clusters-open" title="Find the EKS clusters of your AWS account and add one to your kubeconfig">
              Add cloud cluster…
            </button>
            <button className="small" onClick={onReload}>
              Reload
            </button>
          </div>
        </div>
      </div>
      <div className="clusters-contexts">
        {errors.map((e, i) => (
          <div key={i} className="cluster-file-error" role="alert">
            {e.file && <div className="muted">{e.file}</div>}
            <Problem problem={e} />
          </div>
        ))}
        {contexts === null ? (
          <div className="placeholder small">Reading kubeconfigs…</div>
        ) : contexts.length === 0 && available ? (
          <div className="placeholder small">No kubeconfig context found. Create one with `aws eks update-kubeconfig`, `az aks get-credentials` or `gcloud container clusters get-credentials`.</div>
        ) : (
          contexts.map((c) => (
            <div key={c.name} className={`cluster-context${c.usable ? "" : " unusable"}`} data-testid="cluster-context" data-name={c.name} data-usable={c.usable ? "true" : "false"}>
              <div className="cluster-context-row">
                <span className={`health-dot ${c.usable ? "sev-ok" : "sev-error"}`} aria-hidden />
                <span className="cluster-context-name">{c.name}</span>
                {c.current && <span className="tag">current</span>}
                <span className="muted cluster-context-facts">
                  {c.server ?? "no server"} · {c.auth}
                  {c.namespace && ` · namespace ${c.namespace}`}
                </span>
                <button className="small" disabled={!c.usable || connecting !== null} onClick={() => onConnect(c.name)} data-testid="cluster-connect">
                  {connecting === c.name ? "Connecting…" : "Connect"}
                </button>
              </div>
              {probes?.get(c.name) && <ProbeRow probe={probes.get(c.name)!} />}
              {error?.context === c.name && (
                <div className="cluster-problem" role="alert" data-testid="cluster-connect-error">
                  <div>{error.message}</div>
                  <div className="muted">{error.hint}</div>
                </div>
              )}
              {c.problems.map((p, i) => (
                <Problem key={i} problem={p} />
              ))}
            </div>
          ))
        )}
      </div>
    </>
  );
}

function ProbeRow({ probe }: { probe: ClusterContextProbe }) {
  const failing = failingLine(probe);
  return (
    <div className="cluster-probe" data-testid="cluster-probe" data-health={probeHealth(probe)}>
      <div>
        <span className={`health-dot sev-${probeHealth(probe)}`} aria-hidden /> <span data-testid="cluster-probe-line">{probeLine(probe)}</span>
      </div>
      {failing && (
        <div className="muted" data-testid="cluster-probe-failing">
          Failing: {failing}
        </div>
      )}
      {probe.problem && <Problem problem={probe.problem} />}
    </div>
  );
}

// ---- A live cluster ------------------------------------------------------------------

interface LiveProps {
  api: Api;
  model: ClusterModel;
  version: number;
  title: string;
  facts: string;
  onDisconnect: () => void;
  onError: (err: unknown) => void;
  /** A live link being opened: the object (or Helm release) to show. */
  focus?: (LiveLinkOpen & { seq: number }) | null;
}

function LiveCluster({ api, model, version, title, facts, onDisconnect, onError, focus }: LiveProps) {
  const [section, setSection] = useState<Section>("overview");
  const [namespace, setNamespace] = useState(ALL_NAMESPACES);
  const [search, setSearch] = useState("");
  const [configKind, setConfigKind] = useState<ClusterKind>("service");
  const [selected, setSelected] = useState<Selection | null>(null);
  const [now, setNow] = useState(() => Date.now());
  // Bumped after an action reached the cluster: the audit list reads the log again.
  const [audited, setAudited] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  // `version` changes with every applied batch: the views below are recomputed from the model.
  const nsList = useMemo(() => namespaces(model), [model, version]); // eslint-disable-line react-hooks/exhaustive-deps
  const sum = useMemo(() => overview(model), [model, version]); // eslint-disable-line react-hooks/exhaustive-deps
  // Usage columns of the node and pod lists: read only while one of them is shown.
  const usage = useClusterMetrics(api, section === "overview" || section === "pods");
  const selectedRow = selected ? (model.rows.get(selected.kind)?.get(selected.key) ?? null) : null;
  useEffect(() => {
    if (!focus || focus.context !== title) return;
    if (focus.helm_release) {
      setSection("helm");
      setNamespace(focus.helm_release.split("/")[0]);
    } else if (focus.kind && focus.key) {
      const section = sectionOf(focus.kind);
      setSection(section);
      if (section === "config") setConfigKind(focus.kind);
      setSelected({ kind: focus.kind, key: focus.key });
    }
  }, [focus?.seq, title]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <>
      <div className="plan-summary">
        <div className="plan-title-row">
          <div className="plan-title">
            <h1 data-testid="cluster-title">Cluster · {title}</h1>
            <div className="plan-facts muted">{facts}</div>
          </div>
          <button className="small" onClick={onDisconnect} data-testid="cluster-disconnect">
            Disconnect
          </button>
        </div>
        <div className="plan-counts" data-testid="cluster-counts">
          <Count label="nodes" value={`${sum.nodes.ready}/${sum.nodes.total} ready`} bad={sum.nodes.ready < sum.nodes.total} />
          <Count label="namespaces" value={String(sum.namespaces)} />
          <Count label="pods" value={String(sum.pods.total)} extra={sum.pods.failing ? `${sum.pods.failing} failing` : undefined} bad={sum.pods.failing > 0} />
          <Count label="workloads" value={String(sum.workloads.total)} extra={sum.workloads.unhealthy ? `${sum.workloads.unhealthy} not ready` : undefined} bad={sum.workloads.unhealthy > 0} />
          <Count label="warning events" value={String(sum.warningEvents)} bad={sum.warningEvents > 0} />
        </div>
      </div>
      <div className="clusters-toolbar">
        <div className="clusters-sections" role="tablist">
          {SECTIONS.map((s) => (
            <button key={s.id} role="tab" aria-selected={section === s.id} className={`cluster-section${section === s.id ? " active" : ""}`} onClick={() => setSection(s.id)} data-testid={`cluster-section-${s.id}`}>
              {s.label}
            </button>
          ))}
        </div>
        {section !== "overview" && section !== "audit" && (
          <select value={namespace} onChange={(e) => setNamespace(e.target.value)} aria-label="Namespace" data-testid="cluster-namespace">
            <option value={ALL_NAMESPACES}>All namespaces</option>
            {nsList.map((ns) => (
              <option key={ns} value={ns}>
                {ns}
              </option>
            ))}
          </select>
        )}
        {section === "pods" && <input className="cluster-search" placeholder="Filter pods by name, reason or node…" value={search} onChange={(e) => setSearch(e.target.value)} aria-label="Filter pods" />}
        {section === "config" && (
          <select value={configKind} onChange={(e) => setConfigKind(e.target.value as ClusterKind)} aria-label="Kind">
            {CONFIG_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABEL[k]}
              </option>
            ))}
          </select>
        )}
      </div>
      <div className="plan-body">
        <div className="clusters-main">
          {section === "overview" && <OverviewSection model={model} version={version} usage={usage} onSelect={setSelected} />}
          {section === "pods" && <PodsSection model={model} version={version} usage={usage} namespace={namespace} search={search} now={now} selected={selected} onSelect={setSelected} />}
          {section === "workloads" && <WorkloadsSection model={model} version={version} namespace={namespace} selected={selected} onSelect={setSelected} />}
          {section === "events" && <EventsSection model={model} version={version} namespace={namespace} now={now} onSelect={setSelected} selected={selected} />}
          {section === "config" && <ConfigSection model={model} version={version} kind={configKind} namespace={namespace} selected={selected} onSelect={setSelected} />}
          {section === "usage" && <ClusterUsage api={api} namespace={namespace} onError={onError} />}
          {section === "platform" && <ClusterPlatform api={api} namespace={namespace} onError={onError} />}
          {section === "helm" && <ClusterHelm api={api} namespace={namespace} onError={onError} />}
          {section === "gitops" && <ClusterGitOps api={api} namespace={namespace} onError={onError} />}
          {section === "audit" && <ClusterAudit api={api} reload={audited} onError={onError} />}
        </div>
        {/* The detail takes room only while a row is selected: the tables need the width. */}
        {selected && section !== "audit" && (
          <div className="plan-side clusters-detail">
            <ObjectDetail api={api} selection={selected} row={selectedRow} onError={onError} onClose={() => setSelected(null)} onActed={() => setAudited((n) => n + 1)} />
          </div>
        )}
      </div>
    </>
  );
}

function Count({ label, value, extra, bad }: { label: string; value: string; extra?: string; bad?: boolean }) {
  return (
    <span className={`count${bad ? " cluster-count-bad" : ""}`} data-testid={`cluster-count-${label.replace(/ /g, "-")}`}>
      <strong>{value}</strong> {label}
      {extra && <span className="cluster-count-extra">· {extra}</span>}
    </span>
  );
}

/** True when a kind cannot be listed (no access, not served, failed) and has no rows: its table
 * would only look like an empty namespace. */
function blocked(model: ClusterModel, kinds: ClusterKind[]): boolean {
  return kinds.every((k) => {
    const s = model.status.get(k)?.state;
    return (s === "no_access" || s === "not_served" || s === "failed") && !(model.rows.get(k)?.size ?? 0);
  });
}

function Notice({ model, kind }: { model: ClusterModel; kind: ClusterKind }) {
  const n = kindNotice(model, kind);
  if (!n) return null;
  return (
    <div className={`cluster-notice notice-${n.level}`} role={n.level === "info" ? "status" : "alert"} data-testid="cluster-kind-notice" data-kind={kind}>
      <div>{n.text}</div>
      {n.hint && <div className="muted">{n.hint}</div>}
    </div>
  );
}

function Badge({ severity, reason }: { severity: ClusterSeverity; reason: string | null }) {
  if (!reason) return null;
  return (
    <span className={`health-badge sev-${severity}`} data-testid="health-badge">
      {reason}
    </span>
  );
}

interface SectionProps {
  model: ClusterModel;
  version: number;
  namespace?: string;
  selected?: Selection | null;
  onSelect: (s: Selection) => void;
}

/** A CPU or Memory cell of the node or pod list; "—" with the reason in its tooltip. */
function Usage({ cell, testId }: { cell: UsageCell; testId: string }) {
  return (
    <span className={`cluster-usage-cell${cell.share !== null && cell.share >= 90 ? " high" : " muted"}`} title={cell.title} data-testid={testId}>
      {cell.text}
    </span>
  );
}

function OverviewSection({ model, version, usage, onSelect }: SectionProps & { usage: UsageLookup }) {
  const sum = useMemo(() => overview(model), [model, version]); // eslint-disable-line react-hooks/exhaustive-deps
  const nodeRows = useMemo(() => nodes(model), [model, version]); // eslint-disable-line react-hooks/exhaustive-deps
  const warnings = useMemo(() => events(model).filter((e) => e.event_type === "Warning").slice(0, 8), [model, version]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <div className="clusters-overview">
      <div className="panel">
        <h3>Needs a look ({sum.problems.length})</h3>
        {sum.problems.length === 0 ? (
          <div className="panel-empty muted">Nothing failing: every pod, workload and node is fine.</div>
        ) : (
          sum.problems.slice(0, 50).map((p) => (
            <div key={`${p.kind}/${p.key}`} className="cluster-problem-row" data-testid="cluster-overview-problem" onClick={() => onSelect({ kind: p.kind, key: p.key })}>
              <Badge severity={p.severity} reason={p.reason || "?"} />
              <span className="muted">{KIND_LABEL[p.kind].replace(/s$/, "")}</span>
              <span className="mono">{p.name}</span>
              {p.message && <span className="muted cluster-ellipsis">{p.message}</span>}
            </div>
          ))
        )}
      </div>
      <div className="panel">
        <h3>Nodes ({nodeRows.length})</h3>
        <Notice model={model} kind="node" />
        {nodeRows.map((n) => (
          <div key={n.key} className="cluster-problem-row" data-testid="cluster-overview-node" data-name={n.name} onClick={() => onSelect({ kind: "node", key: n.key })}>
            <span className={`health-dot sev-${n.severity}`} aria-hidden />
            <span className="mono">{n.name}</span>
            <span className="muted">{n.ready === "True" ? "Ready" : `Ready: ${n.ready}`}</span>
            <Badge severity={n.severity} reason={n.reason} />
            {n.pressures.length > 0 && <span className="muted">{n.pressures.join(", ")}</span>}
            <span className="muted">{n.version}</span>
            <span className="cluster-node-usage">
              CPU <Usage cell={nodeUsageCell(usage, n.name, "cpu")} testId="cluster-node-cpu" /> · Mem <Usage cell={nodeUsageCell(usage, n.name, "memory")} testId="cluster-node-memory" />
            </span>
          </div>
        ))}
      </div>
      <div className="panel">
        <h3>Recent warnings</h3>
        <Notice model={model} kind="event" />
        {warnings.length === 0 && !kindNotice(model, "event") && <div className="panel-empty muted">No warning events.</div>}
        {warnings.map((e) => (
          <div key={e.key} className="cluster-problem-row" onClick={() => onSelect({ kind: "event", key: e.key })}>
            <span className="health-badge sev-warning">{e.reason ?? "Warning"}</span>
            <span className="mono">{e.object}</span>
            <span className="muted cluster-ellipsis">{e.message}</span>
          </div>
        ))}
      </div>
    </div>
  );
}

function PodsSection({ model, version, usage, namespace, search, now, selected, onSelect }: SectionProps & { usage: UsageLookup; search: string; now: number }) {
  const rows = useMemo(() => pods(model, namespace, search), [model, version, namespace, search]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <div className="cluster-table">
      <Notice model={model} kind="pod" />
      {!blocked(model, ["pod"]) && (
        <>
          <div className="cluster-row cluster-head pods-grid">
            <span />
            <span>Name</span>
            <span>Namespace</span>
            <span>Ready</span>
            <span>Restarts</span>
            <span>Status</span>
            <span>Age</span>
            <span>Node</span>
            <span>CPU</span>
            <span>Memory</span>
          </div>
          <VirtualList
            items={rows}
            rowHeight={ROW_HEIGHT}
            itemKey={(p) => p.key}
            label="Pods"
            className="cluster-list"
            render={(p) => (
              <div
                className={`cluster-row pods-grid${selected?.kind === "pod" && selected.key === p.key ? " selected" : ""}`}
                data-testid="cluster-pod"
                data-key={p.key}
                data-reason={p.reason ?? ""}
                data-restarts={p.restarts}
                onClick={() => onSelect({ kind: "pod", key: p.key })}
                title={p.message ?? undefined}
              >
                <span className={`health-dot sev-${p.severity}`} aria-hidden />
                <span className="mono cluster-ellipsis">{p.name}</span>
                <span className="cluster-ellipsis">{p.namespace}</span>
                <span>{p.ready}</span>
                <span className={p.restarts > 0 ? "cluster-restarts" : ""}>{p.restarts}</span>
                <span>{p.reason ? <Badge severity={p.severity} reason={p.reason} /> : <span className="muted">{p.phase}</span>}</span>
                <span className="muted">{age(p.created, now)}</span>
                <span className="muted cluster-ellipsis">{p.node ?? ""}</span>
                <Usage cell={podUsageCell(usage, p.key, "cpu")} testId="cluster-pod-cpu" />
                <Usage cell={podUsageCell(usage, p.key, "memory")} testId="cluster-pod-memory" />
              </div>
            )}
          />
        </>
      )}
      <div className="cluster-footer muted">{rows.length} pods</div>
    </div>
  );
}

function WorkloadsSection({ model, version, namespace, selected, onSelect }: SectionProps) {
  const rows = useMemo(() => workloads(model, namespace), [model, version, namespace]); // eslint-disable-line react-hooks/exhaustive-deps
  const kindName: Record<string, string> = { deployment: "Deployment", stateful_set: "StatefulSet", daemon_set: "DaemonSet", job: "Job", cron_job: "CronJob" };
  return (
    <div className="cluster-table">
      {WORKLOAD_TABLE_KINDS.map((k) => (
        <Notice key={k} model={model} kind={k} />
      ))}
      {!blocked(model, WORKLOAD_TABLE_KINDS) && (
        <>
          <div className="cluster-row cluster-head workloads-grid">
            <span />
            <span>Name</span>
            <span>Kind</span>
            <span>Namespace</span>
            <span>Ready</span>
            <span>Up to date</span>
            <span>Status</span>
          </div>
          <VirtualList
            items={rows}
            rowHeight={ROW_HEIGHT}
            itemKey={(w) => `${w.kind}/${w.key}`}
            label="Workloads"
            className="cluster-list"
            render={(w) => (
              <div
                className={`cluster-row workloads-grid${selected?.kind === w.kind && selected.key === w.key ? " selected" : ""}`}
                data-testid="cluster-workload"
                data-key={w.key}
                onClick={() => onSelect({ kind: w.kind, key: w.key })}
              >
                <span className={`health-dot sev-${w.severity}`} aria-hidden />
                <span className="mono cluster-ellipsis">{w.name}</span>
                <span className="muted">{kindName[w.kind]}</span>
                <span className="cluster-ellipsis">{w.namespace}</span>
                <span>{w.kind === "cron_job" ? `${w.ready} active` : `${w.ready}/${w.desired}`}</span>
                <span className="muted">{w.up_to_date ?? ""}</span>
                <span>
                  <Badge severity={w.severity} reason={w.reason} />
                </span>
              </div>
            )}
          />
        </>
      )}
    </div>
  );
}

function EventsSection({ model, version, namespace, now, selected, onSelect }: SectionProps & { now: number }) {
  const rows = useMemo(() => events(model, namespace), [model, version, namespace]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <div className="cluster-table">
      <Notice model={model} kind="event" />
      {!blocked(model, ["event"]) && (
        <>
          <div className="cluster-row cluster-head events-grid">
            <span>Type</span>
            <span>Reason</span>
            <span>Object</span>
            <span>Message</span>
            <span>Count</span>
            <span>Last seen</span>
          </div>
          <VirtualList
            items={rows}
            rowHeight={ROW_HEIGHT}
            itemKey={(e) => e.key}
            label="Events"
            className="cluster-list"
            render={(e) => (
              <div
                className={`cluster-row events-grid${selected?.kind === "event" && selected.key === e.key ? " selected" : ""}`}
                data-testid="cluster-event"
                data-type={e.event_type}
                onClick={() => onSelect({ kind: "event", key: e.key })}
                title={e.message ?? undefined}
              >
                <span>{e.event_type === "Warning" ? <span className="health-badge sev-warning">Warning</span> : <span className="muted">Normal</span>}</span>
                <span>{e.reason}</span>
                <span className="mono cluster-ellipsis">{e.object}</span>
                <span className="cluster-ellipsis">{e.message}</span>
                <span>{e.count}</span>
                <span className="muted">{age(e.last_seen, now)}</span>
              </div>
            )}
          />
        </>
      )}
    </div>
  );
}

function ConfigSection({ model, version, kind, namespace, selected, onSelect }: SectionProps & { kind: ClusterKind }) {
  const rows = useMemo(() => objects(model, kind).filter((o) => namespace === ALL_NAMESPACES || o.namespace === namespace), [model, version, kind, namespace]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <div className="cluster-table">
      <Notice model={model} kind={kind} />
      {!blocked(model, [kind]) && (
        <>
          <div className="cluster-row cluster-head objects-grid">
            <span>Name</span>
            <span>Namespace</span>
            <span>{kind === "config_map" || kind === "secret" ? "Keys" : "Detail"}</span>
          </div>
          <VirtualList
            items={rows}
            rowHeight={ROW_HEIGHT}
            itemKey={(o) => o.key}
            label={KIND_LABEL[kind]}
            className="cluster-list"
            render={(o) => (
              <div className={`cluster-row objects-grid${selected?.kind === kind && selected.key === o.key ? " selected" : ""}`} data-testid="cluster-object" data-key={o.key} onClick={() => onSelect({ kind, key: o.key })}>
                <span className="mono cluster-ellipsis">{o.name}</span>
                <span className="cluster-ellipsis">{o.namespace ?? ""}</span>
                <span className="muted cluster-ellipsis">{o.keys.length > 0 ? o.keys.join(", ") : (o.detail ?? "")}</span>
              </div>
            )}
          />
        </>
      )}
    </div>
  );
}

function ObjectDetail({ api, selection, row, onError, onClose, onActed }: { api: Api; selection: Selection; row: ClusterRow | null; onError: (err: unknown) => void; onClose: () => void; onActed: () => void }) {
  const [detail, setDetail] = useState<ClusterObjectDetail | null>(null);
  const [acting, setActing] = useState<ActionId | null>(null);
  // Bumped when an action's dialog closes: the object changed, though its row may not have
  // (a rollback keeps ready/desired), so the YAML is read again.
  const [refresh, setRefresh] = useState(0);
  const choices = actionsFor(selection.kind, row);
  const [missing, setMissing] = useState<string | null>(null);
  const [view, setView] = useState<"yaml" | "logs">("yaml");
  // Fetched again when the row changes (a watch event), so the YAML is never older than it.
  useEffect(() => {
    let cancelled = false;
    api.clusterObject(selection.kind, selection.key).then(
      (d) => {
        if (cancelled) return;
        setDetail(d);
        setMissing(null);
      },
      (err) => {
        if (cancelled) return;
        if ((err as { code?: string }).code === "not_found") setMissing((err as Error).message);
        else onError(err);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, selection.kind, selection.key, row, onError, refresh]);
  const explain = row && (row.type === "pod" || row.type === "node") && row.message ? row.message : null;
  return (
    <div className="change-detail" data-testid="cluster-detail">
      <div className="detail-header">
        <div className="detail-title">
          <h2>{selection.key}</h2>
          <div className="muted">{KIND_LABEL[selection.kind].replace(/s$/, "")}</div>
        </div>
        <button className="tab-close cluster-detail-close" aria-label="Close the detail" onClick={onClose}>
          ✕
        </button>
      </div>
      {row && (row.type === "pod" || row.type === "workload" || row.type === "node") && row.reason && (
        <div className={`cluster-explain sev-${row.severity}`} data-testid="cluster-explain">
          <Badge severity={row.severity} reason={row.reason} />
          {explain && <span>{explain}</span>}
        </div>
      )}
      {choices.length > 0 && (
        <div className="cluster-actions">
          {choices.map((c) => (
            <button key={c.id} className={`small${c.destructive ? " danger" : ""}`} data-testid={`cluster-action-${c.id}`} onClick={() => setActing(c.id)}>
              {c.label}
            </button>
          ))}
        </div>
      )}
      {acting && (
        <ClusterActionDialog
          api={api}
          kind={selection.kind}
          objectKey={selection.key}
          row={row}
          action={acting}
          onClose={(acted) => {
            setActing(null);
            if (acted) {
              onActed();
              setRefresh((n) => n + 1);
            }
          }}
        />
      )}
      {missing && <div className="cluster-notice notice-warning">{missing}</div>}
      {detail?.note && <div className="cluster-notice notice-info">{detail.note}</div>}
      {selection.kind === "pod" && (
        <div className="clusters-sections" role="tablist">
          <button role="tab" aria-selected={view === "yaml"} className={`cluster-section${view === "yaml" ? " active" : ""}`} onClick={() => setView("yaml")}>
            YAML
          </button>
          <button role="tab" aria-selected={view === "logs"} className={`cluster-section${view === "logs" ? " active" : ""}`} onClick={() => setView("logs")} data-testid="cluster-detail-logs">
            Logs
          </button>
        </div>
      )}
      {selection.kind === "pod" && view === "logs" && detail && detail.key === selection.key ? (
        <PodLogs key={selection.key} api={api} podKey={selection.key} containers={detail.containers} />
      ) : (
        <pre className="cluster-yaml" data-testid="cluster-yaml">
          {detail && detail.key === selection.key ? detail.yaml : "Loading…"}
        </pre>
      )}
    </div>
  );
}
