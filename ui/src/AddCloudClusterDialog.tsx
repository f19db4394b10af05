// "Add a cloud cluster" (issue 11): find the EKS, AKS or GKE clusters the user's own sign-in can
// see, pick one, see exactly what the kubeconfig will get, confirm. Rust does the work; the
// steps and words are in `cloud-clusters-model.ts`.
import { useState } from "react";
import type { Api } from "./api";
import type { CloudCluster, CloudClusters } from "./generated/types";
import { Dialog, type DialogButton } from "./Dialog";
import type { ManagedKubernetes } from "./generated/types";
import {
  CLOUD_LABEL,
  SCOPE_FIELD,
  WRITTEN_LIKE,
  doneMessage,
  failure,
  foundSummary,
  initialStep,
  previewLines,
  requestFor,
  sortedClusters,
  type CloudClustersStep,
  type DiscoverForm,
} from "./cloud-clusters-model";

const CLOUDS: ManagedKubernetes[] = ["eks", "aks", "gke"];

interface Props {
  api: Api;
  /** Closed; `added` when the kubeconfig changed (the contexts reload). */
  onClose: (added: boolean) => void;
  /** From a Terraform cluster no context reaches: the form to start with, the cluster to point out. */
  initial?: { form: DiscoverForm; wanted: string } | null;
}

export function AddCloudClusterDialog({ api, onClose, initial }: Props) {
  const [state, setState] = useState<CloudClustersStep>(() => (initial ? { step: "form", form: initial.form, error: null } : initialStep()));
  const [added, setAdded] = useState(false);
  const close = () => onClose(added);

  const search = (form: DiscoverForm) => {
    const request = requestFor(form);
    if ("error" in request) {
      setState({ step: "form", form, error: request.error });
      return;
    }
    setState({ step: "searching", form });
    api.discoverCloudClusters(request.ok).then(
      (found) => setState({ step: "list", form, found }),
      (err) => setState(failure(err, { step: "form", form, error: null })),
    );
  };

  const choose = (form: DiscoverForm, found: CloudClusters, cluster: CloudCluster) => {
    const list: CloudClustersStep = { step: "list", form, found };
    setState({ step: "previewing", form, found, cluster });
    api.previewAddClusterContext(cluster.id).then(
      (preview) => setState({ step: "preview", form, found, cluster, preview }),
      (err) => setState(failure(err, list)),
    );
  };

  let body: React.ReactNode;
  let buttons: DialogButton[] = [{ label: "Cancel", testId: "cloud-clusters-cancel", onClick: close }];
  switch (state.step) {
    case "form":
    case "searching": {
      const busy = state.step === "searching";
      const form = state.form;
      const field = SCOPE_FIELD[form.cloud];
      const edit = (change: Partial<DiscoverForm>) => setState({ step: "form", form: { ...form, ...change }, error: null });
      const submit = () => search(form);
      body = (
        <form
          className="cloud-clusters-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!busy) submit();
          }}
        >
          <div className="clusters-sections" role="radiogroup" aria-label="Cloud">
            {CLOUDS.map((c) => (
              <button
                key={c}
                type="button"
                role="radio"
                aria-checked={form.cloud === c}
                className={`cluster-section${form.cloud === c ? " active" : ""}`}
                disabled={busy}
                data-testid={`cloud-clusters-cloud-${c}`}
                onClick={() => edit({ cloud: c, scope: "", regionsText: "" })}
              >
                {CLOUD_LABEL[c]}
              </button>
            ))}
          </div>
          <p className="muted">
            Looks for {CLOUD_LABEL[form.cloud]} clusters {field.note}, read only. Nothing is written until you confirm.
          </p>
          <label>
            {field.label}
            <input data-testid="cloud-clusters-scope" placeholder={field.placeholder} value={form.scope} disabled={busy} onChange={(e) => edit({ scope: e.target.value })} />
          </label>
          {form.cloud === "eks" && (
            <label>
              Regions
              <input
                data-testid="cloud-clusters-regions"
                placeholder="the profile's region"
                value={form.regionsText}
                disabled={busy}
                onChange={(e) => edit({ regionsText: e.target.value })}
              />
            </label>
          )}
          {state.step === "form" && state.error && (
            <div className="cluster-action-error" role="alert">
              {state.error}
            </div>
          )}
          {busy && <p className="muted">Looking…</p>}
        </form>
      );
      if (!busy) buttons = [...buttons, { label: "Look for clusters", testId: "cloud-clusters-search", primary: true, onClick: submit }];
      break;
    }
    case "list": {
      const { found, form } = state;
      body = (
        <div data-testid="cloud-clusters-list">
          <p className="muted" data-testid="cloud-clusters-summary">
            {foundSummary(found)}
          </p>
          <div className="cloud-clusters-rows">
            {sortedClusters(found).map((c) => (
              <div key={c.id} className={`cloud-cluster-row${c.name === initial?.wanted ? " wanted" : ""}`} data-testid="cloud-cluster" data-name={c.name}>
                <span className="cluster-context-name">{c.name}</span>
                <span className="muted">
                  {c.region} · {c.version} · {c.status}
                </span>
                {c.in_kubeconfig && <span className="tag">in kubeconfig</span>}
                <button className="small" data-testid="cloud-cluster-add" onClick={() => choose(form, found, c)}>
                  {c.in_kubeconfig ? "Add again…" : "Add…"}
                </button>
              </div>
            ))}
          </div>
          {found.problems.map((p) => (
            <div key={p.scope} className="cluster-problem" data-testid="cloud-clusters-problem">
              <div>
                {p.scope}: {p.message}
              </div>
              <div className="muted">{p.hint}</div>
            </div>
          ))}
        </div>
      );
      buttons = [...buttons, { label: "Look again", testId: "cloud-clusters-again", onClick: () => setState({ step: "form", form, error: null }) }];
      break;
    }
    case "previewing":
      body = <p className="muted">Reading what this will change…</p>;
      break;
    case "preview":
    case "adding": {
      const { form, found, cluster, preview } = state;
      const list: CloudClustersStep = { step: "list", form, found };
      body = (
        <div data-testid="cloud-clusters-preview">
          <p>
            Add <strong>{cluster.name}</strong> ({cluster.region}) to your kubeconfig, as <code>{WRITTEN_LIKE[cluster.cloud]}</code> would:
          </p>
          <ul className="cluster-action-changes">
            {previewLines(preview).map((line) => (
              <li key={line} className="mono">
                {line}
              </li>
            ))}
          </ul>
          {state.step === "adding" && <p className="muted">Writing…</p>}
        </div>
      );
      if (state.step === "preview") {
        const confirm = () => {
          setState({ step: "adding", form, found, cluster, preview });
          api.addClusterContext(cluster.id).then(
            (done) => {
              setAdded(true);
              setState({ step: "done", message: doneMessage(done.preview, done.backup) });
            },
            (err) => setState(failure(err, list)),
          );
        };
        buttons = [
          { label: "Back", testId: "cloud-clusters-back", onClick: () => setState(list) },
          { label: "Add context", testId: "cloud-clusters-confirm", primary: true, onClick: confirm },
        ];
      } else buttons = [];
      break;
    }
    case "done":
      body = (
        <p className="cluster-action-done" role="status" data-testid="cloud-clusters-done">
          {state.message}
        </p>
      );
      buttons = [{ label: "Close", testId: "cloud-clusters-close", primary: true, onClick: close }];
      break;
    case "failed": {
      const back = state.back;
      body = (
        <div className="cluster-action-error" role="alert" data-testid="cloud-clusters-error">
          <div>{state.message}</div>
          {state.hint && <div className="muted">{state.hint}</div>}
        </div>
      );
      buttons = [{ label: "Close", testId: "cloud-clusters-close", onClick: close }];
      if (back) buttons.push({ label: "Back", testId: "cloud-clusters-back", primary: true, onClick: () => setState(back) });
      break;
    }
  }
  return (
    <Dialog key={state.step} title="Add a cloud cluster" buttons={buttons} onCancel={close} testId="cloud-clusters-dialog">
      {body}
    </Dialog>
  );
}
