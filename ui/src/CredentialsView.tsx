// The Credentials tab: every configured cloud context (AWS profiles, SSO sign-ins, credentials in
// the environment, Azure CLI, Google ADC, kube contexts) with its status, identity, expiry and
// the exact command that fixes it; "Check live" asks the cloud (AWS STS, an Azure CLI token, a
// Google token) for one context, only on request.
// Below, the workspace's run secrets: names only, values go straight to the OS keychain.
import { useCallback, useEffect, useState } from "react";
import type { Api } from "./api";
import type { CredentialEntry, CredentialReport, RunSecrets } from "./generated/types";
import {
  CLOUD_LABEL, entryKey, expiryText, groupByCloud, mergeLive, secretNameProblem, secretUse, statusLabel, statusTone,
} from "./credentials-model";

interface Props {
  api: Api;
  report: CredentialReport | null;
  onReport: (report: CredentialReport) => void;
  workspaceName: string | null;
  onError: (err: unknown) => void;
}

/** Copies text; WebKit without the async clipboard falls back to a selected textarea. */
async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
}

export function CredentialsView({ api, report, onReport, workspaceName, onError }: Props) {
  const [busy, setBusy] = useState<Set<string>>(new Set());
  const [copied, setCopied] = useState<string | null>(null);
  const now = Date.now();

  const mark = (key: string, on: boolean) =>
    setBusy((b) => {
      const next = new Set(b);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });

  const refresh = useCallback(() => api.credentialReport().then(onReport, onError), [api, onReport, onError]);
  // Opening the tab looks at the files again (a sign-in in a terminal since).
  useEffect(() => void refresh(), [refresh]);

  const recheck = async (e: CredentialEntry) => {
    const key = entryKey(e);
    mark(key, true);
    try {
      onReport(await api.recheckCredential(e.cloud, e.context));
    } catch (err) {
      onError(err);
    } finally {
      mark(key, false);
    }
  };

  const checkLive = async (e: CredentialEntry) => {
    if (!report) return;
    const key = entryKey(e);
    mark(key, true);
    try {
      const verdict = await api.checkCredentialLive(e.cloud, e.context);
      onReport(mergeLive(report, verdict));
    } catch (err) {
      onError(err);
    } finally {
      mark(key, false);
    }
  };

  const copy = async (fix: string) => {
    await copyText(fix).catch(onError);
    setCopied(fix);
    setTimeout(() => setCopied((c) => (c === fix ? null : c)), 2000);
  };

  return (
    <div className="plan-review credentials-view" data-testid="credentials-view">
      <div className="plan-summary">
        <div className="plan-title-row">
          <div className="plan-title">
            <h1>Credentials</h1>
            <div className="plan-facts muted">
              Read from your cloud configuration files, without contacting any cloud. “Check live” asks the cloud who the credentials belong to.
              {report?.active_aws && <> Runs use AWS context <strong>{report.active_aws}</strong>.</>}
            </div>
          </div>
          <button className="small" onClick={() => void refresh()} data-testid="credentials-refresh">Re-check all</button>
        </div>
      </div>
      <div className="credentials-body">
        {!report ? (
          <div className="placeholder" role="status">Reading cloud configuration…</div>
        ) : (
          groupByCloud(report.entries).map((group) => (
            <section key={group.cloud} className="credentials-group">
              <h2>{CLOUD_LABEL[group.cloud]}</h2>
              <table className="credentials-table">
                <tbody>
                  {group.entries.map((e) => {
                    const key = entryKey(e);
                    const tone = statusTone(e.status);
                    return (
                      <tr key={key} data-testid="credential-row" data-cloud={e.cloud} data-context={e.context ?? ""} data-status={e.status} data-verified={e.verified ? "true" : "false"}>
                        <td className="cred-context">
                          <span className="name">{e.context ?? "—"}</span>
                          {e.active && <span className="tag" title="The AWS context runs use">active</span>}
                        </td>
                        <td className="cred-status">
                          <span className={`cred-badge cred-${tone}`} data-testid="credential-status">{statusLabel(e)}</span>
                          {e.verified && e.checked_at !== null && (
                            <div className="muted cred-small" title="Checked live with AWS">checked {new Date(e.checked_at * 1000).toLocaleTimeString()}</div>
                          )}
                        </td>
                        <td className="cred-detail">
                          <div className="cred-identity" data-testid="credential-identity">{e.identity ?? (e.context ? <span className="muted">identity unknown</span> : null)}</div>
                          <div className="muted cred-message">{e.message}</div>
                          {e.expires_at && (
                            <div className={`cred-small ${Date.parse(e.expires_at) <= now ? "cred-expired" : "muted"}`} title={e.expires_at} data-testid="credential-expiry">
                              {expiryText(e.expires_at, now)}
                            </div>
                          )}
                          {e.fix && (
                            <div className="cred-fix">
                              <code data-testid="credential-fix">{e.fix}</code>
                              <button className="small" onClick={() => void copy(e.fix!)} data-testid="credential-copy" aria-label={`Copy ${e.fix}`}>
                                {copied === e.fix ? "Copied" : "Copy"}
                              </button>
                            </div>
                          )}
                        </td>
                        <td className="cred-actions">
                          {e.can_check_live && (
                            <button className="small" disabled={busy.has(key)} onClick={() => void checkLive(e)} data-testid="credential-check-live" title="Ask AWS STS who these credentials belong to">
                              {busy.has(key) ? "Checking…" : "Check live"}
                            </button>
                          )}
                          <button className="small" disabled={busy.has(key)} onClick={() => void recheck(e)} data-testid="credential-recheck" title="Read this context's configuration again">
                            Re-check
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </section>
          ))
        )}
        {workspaceName !== null && <SecretsSection api={api} workspaceName={workspaceName} onError={onError} />}
      </div>
    </div>
  );
}

/** The workspace's run secrets: add (name + value), list names, remove. */
function SecretsSection({ api, workspaceName, onError }: { api: Api; workspaceName: string; onError: (err: unknown) => void }) {
  const [secrets, setSecrets] = useState<RunSecrets | null>(null);
  const [name, setName] = useState("");
  const [value, setValue] = useState("");
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    api.runSecrets().then(setSecrets, onError);
  }, [api, onError, workspaceName]);

  const problem = name ? secretNameProblem(name) : null;
  const save = async () => {
    if (secretNameProblem(name) || !value) return;
    setSaving(true);
    try {
      setSecrets(await api.setRunSecret(name, value));
      setName("");
    } catch (err) {
      onError(err);
    } finally {
      // The value never stays in the page once sent.
      setValue("");
      setSaving(false);
    }
  };
  const remove = async (n: string) => {
    try {
      setSecrets(await api.deleteRunSecret(n));
    } catch (err) {
      onError(err);
    }
  };

  return (
    <section className="credentials-group" data-testid="run-secrets">
      <h2>Run secrets · {workspaceName}</h2>
      <p className="muted cred-small">
        Environment variables for terraform runs of this workspace (e.g. <code>TF_VAR_db_password</code> sets <code>var.db_password</code>). Values are kept in the
        OS keychain only and are never shown again.
      </p>
      {secrets && !secrets.available ? (
        <div className="state-lock" role="alert" data-testid="secrets-unavailable">
          <strong>{secrets.problem?.message ?? "No OS keychain is available."}</strong>
          <div>{secrets.problem?.hint}</div>
        </div>
      ) : (
        <>
          <ul className="secrets-list">
            {secrets?.names.map((n) => (
              <li key={n} data-testid="secret-row" data-name={n}>
                <code>{n}</code>
                <span className="muted cred-small">{secretUse(n)} · ••••••••</span>
                <button className="link inline-link" onClick={() => void remove(n)} aria-label={`Remove ${n}`} data-testid="secret-remove">
                  Remove
                </button>
              </li>
            ))}
            {secrets && secrets.names.length === 0 && <li className="muted cred-small">No run secrets yet.</li>}
          </ul>
          <form
            className="secret-form"
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <input
              className="plan-search"
              placeholder="TF_VAR_db_password"
              value={name}
              onChange={(e) => setName(e.target.value.trim())}
              aria-label="Secret name"
              data-testid="secret-name"
              autoComplete="off"
              spellCheck={false}
            />
            <input
              className="plan-search"
              type="password"
              placeholder="value"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              aria-label="Secret value"
              data-testid="secret-value"
              autoComplete="off"
            />
            <button className="small primary" type="submit" disabled={saving || !name || !!problem || !value} data-testid="secret-save">
              {saving ? "Saving…" : "Save to keychain"}
            </button>
          </form>
          {problem && <div className="cred-small cred-expired">{problem}</div>}
        </>
      )}
    </section>
  );
}
