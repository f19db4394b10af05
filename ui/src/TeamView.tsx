// The Team Server tab (View → Team Server, or the status bar's "⇅ Team" item): connect to an
// orbis-server with a local account, see the sync (outbox, last sync, errors in plain words),
// sync now or disconnect; below, the Approvals inbox: plans on the server waiting for a
// decision, each bound to its plan hash and environment.
import { TeamAudit } from "./TeamAudit";
import { TeamGovernance } from "./TeamGovernance";
import { useCallback, useEffect, useState } from "react";
import type { Api } from "./api";
import type { TeamApprovalRequest, TeamComment, TeamConnectRequest, TeamDecision, TeamStatus } from "./generated/types";
import { commentsByRun, connectProblem, groupByEnvironment, lastSyncText, planSummaryText, shortHash } from "./team-model";
import { TeamSso } from "./TeamSso";

/** How often the open tab reads the sync state. */
const STATUS_POLL_MS = 1500;

interface Props {
  api: Api;
  status: TeamStatus | null;
  onStatus: (status: TeamStatus) => void;
  onError: (err: unknown) => void;
  onNotice: (text: string) => void;
  /** Opens the Requests tab (self-service requests of catalog modules). */
  onShowRequests?: () => void;
}

export function TeamView({ api, status, onStatus, onError, onNotice, onShowRequests }: Props) {
  const [busy, setBusy] = useState<string | null>(null);
  const refresh = useCallback(() => api.teamStatus().then(onStatus, onError), [api, onStatus, onError]);
  // The sync runs in the background: while the tab is open, its state is read often (a local
  // read, no network).
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void api.teamStatus().then(onStatus, () => {}), STATUS_POLL_MS);
    return () => clearInterval(timer);
  }, [api, refresh, onStatus]);

  const act = async (what: string, op: () => Promise<void>) => {
    setBusy(what);
    try {
      await op();
    } catch (err) {
      onError(err);
    } finally {
      setBusy(null);
      void refresh();
    }
  };

  // A failed sync is shown in the Connection section (with what to do), not as a banner.
  const syncNow = () =>
    act("sync", async () => {
      const r = await api.teamSyncNow().catch(() => null);
      if (r) onNotice(`Synced: ${r.pushed} sent, ${r.pulled} received${r.rejected ? `, ${r.rejected} refused` : ""}.`);
    });
  const disconnect = () => act("disconnect", async () => onStatus(await api.teamDisconnect()));

  return (
    <div className="plan-review credentials-view team-view" data-testid="team-view">
      <div className="plan-summary">
        <div className="plan-title-row">
          <div className="plan-title">
            <h1>Team Server</h1>
            <div className="plan-facts muted">
              Share run history, plan approvals and comments with your team through an orbis-server. Everything is recorded here first and sent when the server is
              reachable.
            </div>
          </div>
          {status?.connected && (
            <div className="team-actions">
              {onShowRequests && (
                <button className="small" onClick={onShowRequests} data-testid="team-show-requests">
                  Requests
                </button>
              )}
              <button className="small primary" disabled={busy !== null} onClick={() => void syncNow()} data-testid="team-sync-now">
                {busy === "sync" || status.syncing ? "Syncing…" : "Sync now"}
              </button>
              <button className="small" disabled={busy !== null} onClick={() => void disconnect()} data-testid="team-disconnect">
                Disconnect
              </button>
            </div>
          )}
        </div>
      </div>
      <div className="credentials-body">
        {!status ? (
          <div className="placeholder" role="status">Reading the team server settings…</div>
        ) : !status.available ? (
          <div className="state-lock" role="alert">
            <strong>This build of TerraOrbis cannot connect to a team server.</strong>
          </div>
        ) : status.connected ? (
          <>
            <SyncStatus status={status} />
            <Inbox api={api} status={status} onError={onError} onChanged={() => void refresh()} />
            <TeamGovernance api={api} refreshKey={status.last_sync_at} />
            <TeamAudit api={api} />
          </>
        ) : (
          <ConnectForm api={api} onConnected={onStatus} onError={onError} />
        )}
      </div>
    </div>
  );
}

function SyncStatus({ status }: { status: TeamStatus }) {
  const now = Date.now();
  return (
    <section className="credentials-group" data-testid="team-status">
      <h2>Connection</h2>
      <table className="credentials-table team-facts">
        <tbody>
          <tr>
            <td className="cred-context">Server</td>
            <td data-testid="team-server">{status.server_url}</td>
          </tr>
          <tr>
            <td className="cred-context">Account</td>
            <td>
              {status.username} · {status.org} <span className="tag">{status.role}</span>
            </td>
          </tr>
          <tr>
            <td className="cred-context">Workspace</td>
            <td data-testid="team-workspace">{status.workspace_name}</td>
          </tr>
          <tr>
            <td className="cred-context">Outbox</td>
            <td data-testid="team-pending" data-pending={status.pending}>
              {status.pending === 0 ? "nothing waiting" : `${status.pending} record${status.pending === 1 ? "" : "s"} waiting to be sent`}
            </td>
          </tr>
          <tr>
            <td className="cred-context">Last sync</td>
            <td data-testid="team-last-sync">{status.syncing ? "syncing now…" : lastSyncText(status.last_sync_at, now)}</td>
          </tr>
        </tbody>
      </table>
      {status.last_error && (
        <div className="state-lock" role="alert" data-testid="team-error" data-code={status.last_error.code}>
          <strong>{status.last_error.message}</strong>
          <div>{status.last_error.hint}</div>
        </div>
      )}
      {status.rejected_records.length > 0 && (
        <div className="team-rejected" data-testid="team-rejected">
          <h2>Refused by the server</h2>
          <ul className="secrets-list">
            {status.rejected_records.map((r) => (
              <li key={r.id}>
                <code>{r.kind}</code>
                <span className="cred-small">
                  {r.message} <span className="muted">({r.code})</span>
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function ConnectForm({ api, onConnected, onError }: { api: Api; onConnected: (s: TeamStatus) => void; onError: (err: unknown) => void }) {
  const [form, setForm] = useState<TeamConnectRequest>({ server_url: "", org: "", username: "", password: "", workspace: null });
  const [connecting, setConnecting] = useState(false);
  const [tried, setTried] = useState(false);
  const problem = connectProblem(form);
  const set = (key: keyof TeamConnectRequest) => (e: React.ChangeEvent<HTMLInputElement>) => setForm((f) => ({ ...f, [key]: e.target.value }));

  const submit = async () => {
    setTried(true);
    if (problem) return;
    setConnecting(true);
    try {
      onConnected(await api.teamConnect({ ...form, workspace: form.workspace?.trim() || null }));
    } catch (err) {
      onError(err);
    } finally {
      // The password never stays in the page once sent.
      setForm((f) => ({ ...f, password: "" }));
      setConnecting(false);
    }
  };

  return (
    <section className="credentials-group" data-testid="team-connect">
      <h2>Connect</h2>
      <p className="muted cred-small">
        Sign in with the account your team server's admin created for you. The password is used once; the session token is kept in the OS keychain only.
      </p>
      <form
        className="team-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label>
          Server
          <input className="plan-search" placeholder="https://orbis.example.com" value={form.server_url} onChange={set("server_url")} data-testid="team-url" spellCheck={false} />
        </label>
        <label>
          Organization
          <input className="plan-search" value={form.org} onChange={set("org")} data-testid="team-org" spellCheck={false} />
        </label>
        <label>
          Account
          <input className="plan-search" value={form.username} onChange={set("username")} data-testid="team-username" autoComplete="username" spellCheck={false} />
        </label>
        <label>
          Password
          <input className="plan-search" type="password" value={form.password} onChange={set("password")} data-testid="team-password" autoComplete="current-password" />
        </label>
        <label>
          Workspace <span className="muted">(optional)</span>
          <input className="plan-search" placeholder="the first one shared with you" value={form.workspace ?? ""} onChange={set("workspace")} data-testid="team-workspace-input" spellCheck={false} />
        </label>
        <div>
          <button className="small primary" type="submit" disabled={connecting} data-testid="team-connect-button">
            {connecting ? "Connecting…" : "Connect"}
          </button>
        </div>
      </form>
      {tried && problem && <div className="cred-small cred-expired">{problem}</div>}
      <TeamSso api={api} form={form} onConnected={onConnected} onError={onError} />
    </section>
  );
}

function Inbox({ api, status, onError, onChanged }: { api: Api; status: TeamStatus; onError: (err: unknown) => void; onChanged: () => void }) {
  const [requests, setRequests] = useState<TeamApprovalRequest[] | null>(null);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [deciding, setDeciding] = useState<string | null>(null);
  const [comments, setComments] = useState<TeamComment[]>([]);
  const loadComments = useCallback(() => api.teamComments(null).then(setComments, onError), [api, onError]);
  // Reloaded after each sync (a new plan or comment from a teammate arrives with it).
  useEffect(() => {
    api.teamApprovals().then(setRequests, onError);
    void loadComments();
  }, [api, onError, loadComments, status.last_sync_at]);
  const byRun = commentsByRun(comments);

  const decide = async (r: TeamApprovalRequest, decision: TeamDecision) => {
    setDeciding(r.run_id);
    try {
      setRequests(await api.teamDecide({ run_id: r.run_id, decision, note: notes[r.run_id]?.trim() || null }));
      onChanged();
    } catch (err) {
      onError(err);
    } finally {
      setDeciding(null);
    }
  };

  const canApprove = status.role === "approver" || status.role === "admin";
  return (
    <section className="credentials-group" data-testid="team-inbox">
      <h2>Approvals inbox{requests ? ` · ${requests.length}` : ""}</h2>
      {requests === null ? (
        <div className="muted cred-small">Reading…</div>
      ) : requests.length === 0 ? (
        <div className="muted cred-small" data-testid="team-inbox-empty">No plan is waiting for a decision.</div>
      ) : (
        groupByEnvironment(requests).map((group) => (
          <table key={group.environment} className="credentials-table">
            <tbody>
              {group.requests.map((r) => (
                <tr key={r.run_id} data-testid="team-request" data-run={r.run_id} data-environment={r.environment}>
                  <td className="cred-context">
                    <span className="name">{r.environment}</span>
                    {r.mine && <span className="tag" title="You pushed this plan">yours</span>}
                  </td>
                  <td className="cred-detail">
                    <div className="cred-identity" title={r.plan_sha256}>
                      plan {shortHash(r.plan_sha256)}… <span className="team-summary">{planSummaryText(r.plan_summary)}</span>
                    </div>
                    <div className="muted cred-small">
                      {r.tool ?? "terraform"} · run by {r.identity ?? "unknown"} · {new Date(r.started_at).toLocaleString()}
                    </div>
                    <input
                      className="plan-search team-note"
                      placeholder="note (optional)"
                      value={notes[r.run_id] ?? ""}
                      onChange={(e) => setNotes((n) => ({ ...n, [r.run_id]: e.target.value }))}
                      aria-label="Note"
                    />
                    <Comments api={api} runId={r.run_id} comments={byRun.get(r.run_id) ?? []} onAdded={() => void loadComments()} onError={onError} />
                  </td>
                  <td className="cred-actions">
                    <button
                      className="small primary"
                      disabled={deciding !== null || !canApprove}
                      onClick={() => void decide(r, "approved")}
                      data-testid="team-approve"
                      title={canApprove ? `Approve this exact plan for ${r.environment}: an apply of any other plan is refused` : "Your role cannot approve plans"}
                    >
                      Approve
                    </button>
                    <button className="small" disabled={deciding !== null || !canApprove} onClick={() => void decide(r, "rejected")} data-testid="team-reject">
                      Reject
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))
      )}
      {!canApprove && requests && requests.length > 0 && <div className="muted cred-small">Your role ({status.role}) can see these plans but not approve them.</div>}
    </section>
  );
}

/** The comments on one plan run, and a field to add one (queued, then sent with the sync). */
function Comments({ api, runId, comments, onAdded, onError }: { api: Api; runId: string; comments: TeamComment[]; onAdded: () => void; onError: (err: unknown) => void }) {
  const [text, setText] = useState("");
  const [sending, setSending] = useState(false);
  const add = async () => {
    if (!text.trim()) return;
    setSending(true);
    try {
      await api.teamAddComment(runId, null, text);
      setText("");
      onAdded();
    } catch (err) {
      onError(err);
    } finally {
      setSending(false);
    }
  };
  return (
    <div className="team-comments" data-testid="team-comments">
      {comments.map((c) => (
        <div key={c.id} className="team-comment" data-testid="team-comment">
          {c.address && <code>{c.address}</code>} {c.text}
          <span className="muted cred-small"> · {c.author_id === null ? "not sent yet" : new Date(c.created_at).toLocaleString()}</span>
        </div>
      ))}
      <form
        className="team-comment-form"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <input className="plan-search" placeholder="comment on this plan" value={text} onChange={(e) => setText(e.target.value)} aria-label="Comment" data-testid="team-comment-input" />
        <button className="small" type="submit" disabled={sending || !text.trim()} data-testid="team-comment-add">
          Comment
        </button>
      </form>
    </div>
  );
}
