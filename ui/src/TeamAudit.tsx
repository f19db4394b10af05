// The team server's audit log (issue 13), a section of the Team Server tab: filters (words,
// action family, actor, since a day) and the matching entries newest first. The server lets
// only organization administrators read it; anyone else sees the server's reason.
import { useState } from "react";
import type { Api } from "./api";
import type { TeamAuditView } from "./generated/types";
import { ACTION_FAMILIES, EMPTY_FORM, filterFor, summary, when, type AuditForm } from "./team-audit-model";

export function TeamAudit({ api }: { api: Api }) {
  const [form, setForm] = useState<AuditForm>(EMPTY_FORM);
  const [view, setView] = useState<TeamAuditView | null>(null);
  const [problem, setProblem] = useState<{ message: string; hint: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const search = () => {
    const filter = filterFor(form);
    if ("error" in filter) {
      setProblem({ message: filter.error, hint: "" });
      return;
    }
    setBusy(true);
    setProblem(null);
    api
      .teamAudit(filter.ok)
      .then(setView, (err: { message?: string; hint?: string }) => setProblem({ message: err.message ?? String(err), hint: err.hint ?? "" }))
      .finally(() => setBusy(false));
  };
  const edit = (change: Partial<AuditForm>) => setForm({ ...form, ...change });

  return (
    <section className="credentials-group" data-testid="team-audit">
      <h2>Audit log</h2>
      <form
        className="team-audit-form"
        onSubmit={(e) => {
          e.preventDefault();
          search();
        }}
      >
        <input data-testid="team-audit-text" placeholder="Words (target, detail…)" value={form.text} onChange={(e) => edit({ text: e.target.value })} />
        <select data-testid="team-audit-action" aria-label="Action" value={form.action} onChange={(e) => edit({ action: e.target.value })}>
          {ACTION_FAMILIES.map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
        </select>
        <input data-testid="team-audit-actor" placeholder="Who" value={form.actor} onChange={(e) => edit({ actor: e.target.value })} />
        <input data-testid="team-audit-since" type="date" aria-label="Since" value={form.since} onChange={(e) => edit({ since: e.target.value })} />
        <button className="small primary" type="submit" disabled={busy} data-testid="team-audit-search">
          {busy ? "Reading…" : view ? "Search again" : "Show the log"}
        </button>
      </form>
      {problem && (
        <div className="cluster-action-error" role="alert" data-testid="team-audit-error">
          <div>{problem.message}</div>
          {problem.hint && <div className="muted">{problem.hint}</div>}
        </div>
      )}
      {view && (
        <>
          <div className="muted cred-small" data-testid="team-audit-summary">
            {summary(view)}
          </div>
          <table className="inventory-grid team-audit-table">
            <thead>
              <tr>
                <th>When</th>
                <th>Who</th>
                <th>Action</th>
                <th>Target</th>
                <th>Detail</th>
              </tr>
            </thead>
            <tbody>
              {view.rows.map((r) => (
                <tr key={r.seq} data-testid="team-audit-row" data-action={r.action}>
                  <td className="mono">{when(r.at)}</td>
                  <td>{r.actor}</td>
                  <td className="mono">{r.action}</td>
                  <td className="mono" title={r.target}>
                    {r.target}
                  </td>
                  <td className="mono muted" title={r.detail}>
                    {r.detail}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
