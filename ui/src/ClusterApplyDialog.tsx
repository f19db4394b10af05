// "Apply to Cluster…" for a Kubernetes YAML file open in the editor (issue 11): Rust's
// server-side dry run of every object (created / changed fields / unchanged) against the
// connected cluster, then the confirmation that applies exactly what was previewed (the
// preview's token). Every outcome is in Rust's audit log; this dialog only shows it.
import { useEffect, useState } from "react";
import type { Api } from "./api";
import { Dialog, type DialogButton } from "./Dialog";
import { applyFailure, hasChanges, objectLabel, ordered, OUTCOME_LABEL, type ApplyStep } from "./cluster-apply-model";

interface Props {
  api: Api;
  /** Workspace-relative path of the file. */
  path: string;
  /** Resolves once the editor's unsaved edits reached Rust (the preview reads the buffer). */
  beforePreview: () => Promise<void>;
  onClose: () => void;
}

export function ClusterApplyDialog({ api, path, beforePreview, onClose }: Props) {
  const [state, setState] = useState<ApplyStep>({ step: "previewing" });

  const preview = () => {
    setState({ step: "previewing" });
    beforePreview()
      .then(() => api.previewClusterApply(path))
      .then(
        (p) => setState({ step: "preview", preview: p }),
        (err) => setState(applyFailure(err)),
      );
  };

  useEffect(() => {
    preview();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  const confirm = () => {
    if (state.step !== "preview") return;
    const p = state.preview;
    setState({ step: "running", preview: p });
    api.runClusterApply(p.source, p.token).then(
      (done) => setState({ step: "done", message: done.message }),
      (err) => setState(applyFailure(err)),
    );
  };

  let body: React.ReactNode;
  let buttons: DialogButton[] = [{ label: "Cancel", testId: "cluster-apply-cancel", onClick: onClose }];
  switch (state.step) {
    case "previewing":
      body = <p className="muted">Asking the cluster for a dry run of every object…</p>;
      break;
    case "preview":
    case "running": {
      const p = state.preview;
      const changes = hasChanges(p);
      body = (
        <div data-testid="cluster-apply-preview">
          <p className="cluster-action-summary" data-testid="cluster-apply-summary">
            {changes ? `Apply ${p.source} to ${p.context}: ${p.summary}` : `Nothing to change: every object of ${p.source} is as the cluster has it.`}
          </p>
          <ul className="cluster-apply-objects">
            {ordered(p.objects).map((o) => (
              <li key={o.document} data-testid="cluster-apply-object" data-outcome={o.outcome}>
                <div className="cluster-apply-object">
                  <span className={`cluster-apply-badge ${o.outcome}`}>{OUTCOME_LABEL[o.outcome]}</span>
                  <span className="mono">{objectLabel(o)}</span>
                  <span className="muted"> · document {o.document}</span>
                </div>
                {o.changes.length > 0 && (
                  <ul className="cluster-action-changes">
                    {o.changes.map((c) => (
                      <li key={c} className="mono">
                        {c}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
          <div className="muted cluster-action-request">
            {p.request} · context {p.context}
          </div>
          {state.step === "running" && <p className="muted">Applying…</p>}
        </div>
      );
      if (state.step === "running") buttons = [];
      else if (changes) buttons = [...buttons, { label: "Confirm: apply", testId: "cluster-apply-confirm", primary: true, onClick: confirm }];
      break;
    }
    case "done":
      body = (
        <p className="cluster-action-done" role="status" data-testid="cluster-apply-done">
          {state.message}
        </p>
      );
      buttons = [{ label: "Close", testId: "cluster-apply-close", primary: true, onClick: onClose }];
      break;
    case "failed":
      body = (
        <div className="cluster-action-error" role="alert" data-testid="cluster-apply-error">
          <div>{state.message}</div>
          {state.hint && <div className="muted">{state.hint}</div>}
        </div>
      );
      buttons = [{ label: "Close", testId: "cluster-apply-close", primary: !state.canRetry, onClick: onClose }];
      if (state.canRetry) buttons.push({ label: "Preview again", testId: "cluster-apply-retry", primary: true, onClick: preview });
      break;
  }
  return (
    <Dialog key={state.step} title={`Apply to cluster · ${path}`} buttons={buttons} onCancel={onClose} testId="cluster-apply-dialog">
      {body}
    </Dialog>
  );
}
