// The Requests tab (View → Requests, or Team Server → Requests): self-service requests of
// catalog modules. A requester fills a form generated from the module's variables; an
// approver approves or rejects it with a comment; an operator creates its workspace folder and
// runs init, plan and apply there with the Runs panel — the sync reports each plan and apply
// to the request, whose status and history follow here.
import { useCallback, useEffect, useMemo, useState } from "react";
import type { Api } from "./api";
import type { CatalogModuleInfo, TeamRequest, TeamStatus } from "./generated/types";
import { buildVariables, formFields, nextStep, splitRequests, statusLabel, variableLines, type RequestDraft, type RequestField } from "./requests-model";
import { shortHash } from "./team-model";

/** How often the open tab re-reads the synced requests (a local read, no network). */
const LIST_POLL_MS = 2000;

interface Props {
  api: Api;
  status: TeamStatus | null;
  onShowTeam: () => void;
  onOpenFolder: (path: string) => void;
  onError: (err: unknown) => void;
  onNotice: (text: string) => void;
}

export function RequestsView({ api, status, onShowTeam, onOpenFolder, onError, onNotice }: Props) {
  const [requests, setRequests] = useState<TeamRequest[] | null>(null);
  const [composing, setComposing] = useState(false);
  const connected = !!status?.connected;
  const load = useCallback(() => api.teamRequests().then(setRequests, () => setRequests([])), [api]);
  useEffect(() => {
    if (!connected) return;
    void load();
    const timer = setInterval(() => void load(), LIST_POLL_MS);
    return () => clearInterval(timer);
  }, [connected, load, status?.last_sync_at]);
  const canRequest = status?.role === "operator" || status?.role === "approver" || status?.role === "admin";
  const { open, closed } = splitRequests(requests ?? []);

  return (
    <div className="plan-review credentials-view team-view" data-testid="requests-view">
      <div className="plan-summary">
        <div className="plan-title-row">
          <div className="plan-title">
            <h1>Requests</h1>
            <div className="plan-facts muted">
              Ask for a module of the catalog; an approver decides, an operator plans it, the plan is approved, then applied. Every step is in the team server's audit log.
            </div>
          </div>
          {connected && (
            <div className="team-actions">
              <button
                className="small primary"
                disabled={!canRequest}
                title={canRequest ? "Request a catalog module" : "Requests need the operator role or above"}
                onClick={() => setComposing((c) => !c)}
                data-testid="request-new"
              >
                {composing ? "Close the form" : "New request"}
              </button>
            </div>
          )}
        </div>
      </div>
      <div className="credentials-body">
        {!status ? (
          <div className="placeholder" role="status">Reading the team server settings…</div>
        ) : !connected ? (
          <div className="state-lock" role="alert" data-testid="requests-not-connected">
            <strong>Requests live on your team server.</strong>
            <div>
              Connect first: <button className="small" onClick={onShowTeam}>Open Team Server</button>
            </div>
          </div>
        ) : (
          <>
            {composing && (
              <RequestForm
                api={api}
                onSent={(r) => {
                  setComposing(false);
                  onNotice(`Requested ${r.module} for ${r.environment}: an approver decides next.`);
                  void load();
                }}
                onError={onError}
              />
            )}
            <section className="credentials-group" data-testid="requests-open">
              <h2>Open{requests ? ` · ${open.length}` : ""}</h2>
              {requests === null ? (
                <div className="muted cred-small">Reading…</div>
              ) : open.length === 0 ? (
                <div className="muted cred-small" data-testid="requests-empty">No request is open.</div>
              ) : (
                open.map((r) => <RequestCard key={r.id} api={api} request={r} onChanged={() => void load()} onOpenFolder={onOpenFolder} onError={onError} onNotice={onNotice} />)
              )}
            </section>
            {closed.length > 0 && (
              <section className="credentials-group" data-testid="requests-closed">
                <h2>Done · {closed.length}</h2>
                {closed.map((r) => (
                  <RequestCard key={r.id} api={api} request={r} onChanged={() => void load()} onOpenFolder={onOpenFolder} onError={onError} onNotice={onNotice} />
                ))}
              </section>
            )}
          </>
        )}
      </div>
    </div>
  );
}

function RequestForm({ api, onSent, onError }: { api: Api; onSent: (r: TeamRequest) => void; onError: (err: unknown) => void }) {
  const [modules, setModules] = useState<CatalogModuleInfo[] | null>(null);
  const [draft, setDraft] = useState<RequestDraft>({ module: "", environment: "", reason: "", values: {} });
  const [errors, setErrors] = useState<string[]>([]);
  const [sending, setSending] = useState(false);
  useEffect(() => {
    api.catalogModules().then(setModules, (err) => {
      setModules([]);
      onError(err);
    });
  }, [api, onError]);
  const module = modules?.find((m) => m.id === draft.module) ?? null;
  const fields = useMemo(() => (module ? formFields(module) : []), [module]);

  const submit = async () => {
    const built = buildVariables(fields, draft);
    if (!built.ok) {
      setErrors(built.errors);
      return;
    }
    setErrors([]);
    setSending(true);
    try {
      onSent(await api.teamCreateRequest({ module: draft.module, environment: draft.environment.trim(), variables: built.variables, reason: draft.reason.trim() }));
    } catch (err) {
      onError(err);
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="credentials-group" data-testid="request-form">
      <h2>New request</h2>
      <form
        className="team-form request-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label>
          Module
          <select
            className="plan-search"
            value={draft.module}
            onChange={(e) => setDraft({ ...draft, module: e.target.value, values: {} })}
            data-testid="request-module"
          >
            <option value="">{modules === null ? "Loading the catalog…" : "Choose a module"}</option>
            {(modules ?? []).map((m) => (
              <option key={m.id} value={m.id}>
                {m.id} {m.version} — {m.description}
              </option>
            ))}
          </select>
        </label>
        <label>
          Environment
          <input className="plan-search" placeholder="dev, staging, prod…" value={draft.environment} onChange={(e) => setDraft({ ...draft, environment: e.target.value })} data-testid="request-environment" />
        </label>
        {fields.map((f) => (
          <FieldInput key={f.name} field={f} text={draft.values[f.name] ?? ""} onChange={(text) => setDraft({ ...draft, values: { ...draft.values, [f.name]: text } })} />
        ))}
        <label>
          Reason
          <textarea className="plan-search" rows={2} placeholder="What it is for (the approver reads this)" value={draft.reason} onChange={(e) => setDraft({ ...draft, reason: e.target.value })} data-testid="request-reason" />
        </label>
        <div>
          <button className="small primary" type="submit" disabled={sending || !module} data-testid="request-send">
            {sending ? "Sending…" : "Send request"}
          </button>
        </div>
      </form>
      {errors.length > 0 && (
        <ul className="cred-small cred-expired" data-testid="request-errors">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function FieldInput({ field, text, onChange }: { field: RequestField; text: string; onChange: (text: string) => void }) {
  const label = (
    <span className="request-field-label">
      {field.name}
      {field.required ? <span className="tag">required</span> : <span className="muted">(optional)</span>}
    </span>
  );
  const hint = field.hint ? <span className="muted cred-small request-hint">{field.hint}</span> : null;
  if (field.kind === "bool") {
    return (
      <label data-testid={`request-field-${field.name}`}>
        {label}
        <select className="plan-search" value={text} onChange={(e) => onChange(e.target.value)} disabled={field.sensitive}>
          <option value="">(module default)</option>
          <option value="true">true</option>
          <option value="false">false</option>
        </select>
        {hint}
      </label>
    );
  }
  return (
    <label data-testid={`request-field-${field.name}`}>
      {label}
      <input
        className="plan-search"
        value={text}
        disabled={field.sensitive}
        inputMode={field.kind === "number" ? "decimal" : undefined}
        placeholder={field.kind === "json" ? field.typeText : field.sensitive ? "set where the plan runs" : ""}
        onChange={(e) => onChange(e.target.value)}
        spellCheck={false}
      />
      {hint}
    </label>
  );
}

function RequestCard({
  api,
  request: r,
  onChanged,
  onOpenFolder,
  onError,
  onNotice,
}: {
  api: Api;
  request: TeamRequest;
  onChanged: () => void;
  onOpenFolder: (path: string) => void;
  onError: (err: unknown) => void;
  onNotice: (text: string) => void;
}) {
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const act = async (op: () => Promise<void>) => {
    setBusy(true);
    try {
      await op();
      onChanged();
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };
  const decide = (approve: boolean) =>
    act(async () => {
      await api.teamDecideRequest({ request_id: r.id, approve, comment: comment.trim() || null });
      setComment("");
    });
  const prepare = () =>
    act(async () => {
      const made = await api.teamPrepareRequest(r.id, null);
      onNotice(`Workspace created in ${made.folder}: open it, then run init and plan for ${made.environment}.`);
    });
  const step = nextStep(r);
  return (
    <div className="request-card" data-testid="request" data-id={r.id} data-status={r.status}>
      <div className="request-head">
        <span className="name">{r.module}</span> <span className="muted">{r.module_version}</span> · <span className="tag">{r.environment}</span>
        <span className={`request-status request-${r.status}`} data-testid="request-status">
          {statusLabel(r.status)}
        </span>
      </div>
      <div className="cred-small">
        {r.reason} <span className="muted">— {r.mine ? "you" : r.requester}, {new Date(r.created_at).toLocaleString()}</span>
      </div>
      {variableLines(r.variables).length > 0 && <pre className="request-vars">{variableLines(r.variables).join("\n")}</pre>}
      {r.decided_by && (
        <div className="cred-small">
          {r.status === "rejected" ? "Rejected" : "Approved"} by {r.decided_by}
          {r.decision_comment ? `: “${r.decision_comment}”` : ""}
        </div>
      )}
      {r.plan_sha256 && (
        <div className="cred-small" title={r.plan_sha256}>
          plan {shortHash(r.plan_sha256)}…
        </div>
      )}
      {r.folder && (
        <div className="cred-small">
          Workspace: <code>{r.folder}</code>
        </div>
      )}
      {step && <div className="muted cred-small" data-testid="request-next">{step}</div>}
      <div className="request-actions">
        {r.can_decide && (
          <>
            <input className="plan-search team-note" placeholder="comment (optional)" value={comment} onChange={(e) => setComment(e.target.value)} aria-label="Comment" />
            <button className="small primary" disabled={busy} onClick={() => void decide(true)} data-testid="request-approve">
              Approve
            </button>
            <button className="small" disabled={busy} onClick={() => void decide(false)} data-testid="request-reject">
              Reject
            </button>
          </>
        )}
        {r.can_run && (
          <button className="small" disabled={busy} onClick={() => void prepare()} data-testid="request-prepare">
            {r.folder ? "Re-create workspace" : "Create workspace"}
          </button>
        )}
        {r.folder && (
          <button className="small primary" onClick={() => onOpenFolder(r.folder!)} data-testid="request-open">
            Open workspace
          </button>
        )}
      </div>
      <ol className="request-history muted cred-small">
        {r.history.map((h, i) => (
          <li key={i}>
            {h.status} by {h.actor} · {new Date(h.at).toLocaleString()}
            {h.comment ? ` — ${h.comment}` : ""}
          </li>
        ))}
      </ol>
    </div>
  );
}
