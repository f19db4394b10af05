// One cluster action from the detail pane (issue 11): the scale count, then Rust's preview of
// exactly what will change, then the confirmation that sends it (with the preview's token).
// Every outcome is in Rust's audit log; this dialog only shows it.
import { useEffect, useState } from "react";
import type { Api } from "./api";
import type { ClusterKind, ClusterRow } from "./generated/types";
import { Dialog, type DialogButton } from "./Dialog";
import { ACTION_TITLE, failure, initialStep, parseReplicas, requestFor, type ActionId, type DialogStep } from "./cluster-actions-model";

interface Props {
  api: Api;
  kind: ClusterKind;
  objectKey: string;
  row: ClusterRow | null;
  action: ActionId;
  /** Closed; `acted` when a request reached the cluster (the audit list reloads). */
  onClose: (acted: boolean) => void;
}

export function ClusterActionDialog({ api, kind, objectKey, row, action, onClose }: Props) {
  const [state, setState] = useState<DialogStep>(() => initialStep(action, row));
  const [acted, setActed] = useState(false);

  const preview = (replicas = 0) => {
    const request = requestFor(kind, objectKey, action, replicas);
    setState({ step: "previewing", request });
    api.previewClusterAction(request).then(
      (p) => setState({ step: "preview", request, preview: p }),
      (err) => setState(failure(err)),
    );
  };

  // Actions without a value to choose preview at once.
  useEffect(() => {
    if (action !== "scale") preview();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  const confirm = () => {
    if (state.step !== "preview") return;
    const { request, preview: p } = state;
    setState({ step: "running", request, preview: p });
    setActed(true);
    api.runClusterAction(request, p.token).then(
      (done) => setState({ step: "done", message: done.message }),
      (err) => setState(failure(err)),
    );
  };

  const close = () => onClose(acted);
  const title = `${ACTION_TITLE[action]} · ${objectKey}`;
  let body: React.ReactNode;
  let buttons: DialogButton[] = [{ label: "Cancel", testId: "cluster-action-cancel", onClick: close }];
  switch (state.step) {
    case "choose": {
      if (action !== "scale") {
        body = <p className="muted">Reading what this will change…</p>;
        break;
      }
      const submit = () => {
        const parsed = parseReplicas(state.replicasText);
        if ("error" in parsed) setState({ ...state, error: parsed.error });
        else preview(parsed.ok);
      };
      body = (
        <form
          className="cluster-action-form"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <label>
            Replicas{" "}
            <input
              data-testid="cluster-action-replicas"
              inputMode="numeric"
              value={state.replicasText}
              autoFocus
              onChange={(e) => setState({ ...state, replicasText: e.target.value, error: null })}
            />
          </label>
          {row?.type === "workload" && <span className="muted"> now {row.desired}</span>}
          {state.error && (
            <div className="cluster-action-error" role="alert">
              {state.error}
            </div>
          )}
        </form>
      );
      buttons = [...buttons, { label: "Preview", testId: "cluster-action-preview", primary: true, onClick: submit }];
      break;
    }
    case "previewing":
      body = <p className="muted">Reading what this will change…</p>;
      break;
    case "preview":
    case "running": {
      const p = state.preview;
      body = (
        <div data-testid="cluster-action-preview-body">
          <p className="cluster-action-summary" data-testid="cluster-action-summary">
            {p.summary}
          </p>
          <ul className="cluster-action-changes">
            {p.changes.map((c) => (
              <li key={c} className="mono">
                {c}
              </li>
            ))}
          </ul>
          {p.consequences.map((c) => (
            <p key={c} className="cluster-action-consequence">
              {c}
            </p>
          ))}
          {p.warning && (
            <div className="cluster-action-warning" role="alert" data-testid="cluster-action-warning">
              {p.warning}
            </div>
          )}
          <div className="muted cluster-action-request">
            {p.request} · context {p.context}
          </div>
          {state.step === "running" && <p className="muted">Sending…</p>}
        </div>
      );
      if (state.step === "preview") buttons = [...buttons, { label: `Confirm: ${ACTION_TITLE[action].toLowerCase()}`, testId: "cluster-action-confirm", primary: true, onClick: confirm }];
      else buttons = [];
      break;
    }
    case "done":
      body = (
        <p className="cluster-action-done" role="status" data-testid="cluster-action-done">
          {state.message}
        </p>
      );
      buttons = [{ label: "Close", testId: "cluster-action-close", primary: true, onClick: close }];
      break;
    case "failed":
      body = (
        <div className="cluster-action-error" role="alert" data-testid="cluster-action-error">
          <div>{state.message}</div>
          {state.hint && <div className="muted">{state.hint}</div>}
        </div>
      );
      buttons = [{ label: "Close", testId: "cluster-action-close", primary: !state.canRetry, onClick: close }];
      if (state.canRetry) buttons.push({ label: "Preview again", testId: "cluster-action-retry", primary: true, onClick: () => (action === "scale" ? setState(initialStep(action, row)) : preview()) });
      break;
  }
  // Keyed by step: the dialog focuses its primary button when the step changes.
  return (
    <Dialog key={state.step} title={title} buttons={buttons} onCancel={close} testId="cluster-action-dialog">
      {body}
    </Dialog>
  );
}
