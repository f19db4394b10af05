// "Add a cloud cluster" (issue 11): find the EKS clusters of the user's AWS account (their own
// profile), pick one, see exactly what the kubeconfig will get, confirm. Rust does the work;
// the steps and words are in `cloud-clusters-model.ts`.
import { useState } from "react";
import type { Api } from "./api";
import type { CloudCluster, CloudClusters } from "./generated/types";
import { Dialog, type DialogButton } from "./Dialog";
import { doneMessage, failure, foundSummary, initialStep, parseRegions, previewLines, sortedClusters, type CloudClustersStep } from "./cloud-clusters-model";

interface Props {
  api: Api;
  /** Closed; `added` when the kubeconfig changed (the contexts reload). */
  onClose: (added: boolean) => void;
}

export function AddCloudClusterDialog({ api, onClose }: Props) {
  const [state, setState] = useState<CloudClustersStep>(initialStep);
  const [added, setAdded] = useState(false);
  const close = () => onClose(added);

  const search = (profile: string, regionsText: string) => {
    const regions = parseRegions(regionsText);
    if ("error" in regions) {
      setState({ step: "form", profile, regionsText, error: regions.error });
      return;
    }
    setState({ step: "searching", profile, regionsText });
    api.discoverCloudClusters({ profile: profile.trim() || null, regions: regions.ok }).then(
      (found) => setState({ step: "list", profile, regionsText, found }),
      (err) => setState(failure(err, { step: "form", profile, regionsText, error: null })),
    );
  };

  const choose = (found: CloudClusters, cluster: CloudCluster) => {
    setState({ step: "previewing", found, cluster });
    api.previewAddClusterContext(cluster.id).then(
      (preview) => setState({ step: "preview", found, cluster, preview }),
      (err) => setState(failure(err, { step: "list", profile: found.profile, regionsText: "", found })),
    );
  };

  let body: React.ReactNode;
  let buttons: DialogButton[] = [{ label: "Cancel", testId: "cloud-clusters-cancel", onClick: close }];
  switch (state.step) {
    case "form":
    case "searching": {
      const busy = state.step === "searching";
      const submit = () => search(state.profile, state.regionsText);
      body = (
        <form
          className="cloud-clusters-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!busy) submit();
          }}
        >
          <p className="muted">Looks for EKS clusters with your own AWS sign-in (read only). Nothing is written until you confirm.</p>
          <label>
            AWS profile
            <input
              data-testid="cloud-clusters-profile"
              placeholder="default"
              value={state.profile}
              disabled={busy}
              onChange={(e) => setState({ step: "form", profile: e.target.value, regionsText: state.regionsText, error: null })}
            />
          </label>
          <label>
            Regions
            <input
              data-testid="cloud-clusters-regions"
              placeholder="the profile's region"
              value={state.regionsText}
              disabled={busy}
              onChange={(e) => setState({ step: "form", profile: state.profile, regionsText: e.target.value, error: null })}
            />
          </label>
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
      const { found } = state;
      body = (
        <div data-testid="cloud-clusters-list">
          <p className="muted" data-testid="cloud-clusters-summary">
            {foundSummary(found)}
          </p>
          <div className="cloud-clusters-rows">
            {sortedClusters(found).map((c) => (
              <div key={c.id} className="cloud-cluster-row" data-testid="cloud-cluster" data-name={c.name}>
                <span className="cluster-context-name">{c.name}</span>
                <span className="muted">
                  {c.region} · {c.version} · {c.status}
                </span>
                {c.in_kubeconfig && <span className="tag">in kubeconfig</span>}
                <button className="small" data-testid="cloud-cluster-add" onClick={() => choose(found, c)}>
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
      buttons = [...buttons, { label: "Look again", testId: "cloud-clusters-again", onClick: () => setState({ step: "form", profile: state.profile, regionsText: state.regionsText, error: null }) }];
      break;
    }
    case "previewing":
      body = <p className="muted">Reading what this will change…</p>;
      break;
    case "preview":
    case "adding": {
      const { found, cluster, preview } = state;
      body = (
        <div data-testid="cloud-clusters-preview">
          <p>
            Add <strong>{cluster.name}</strong> ({cluster.region}) to your kubeconfig, as <code>aws eks update-kubeconfig</code> would:
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
          setState({ step: "adding", found, cluster, preview });
          api.addClusterContext(cluster.id).then(
            (done) => {
              setAdded(true);
              setState({ step: "done", message: doneMessage(done.preview, done.backup) });
            },
            (err) => setState(failure(err, { step: "list", profile: found.profile, regionsText: "", found })),
          );
        };
        buttons = [
          { label: "Back", testId: "cloud-clusters-back", onClick: () => setState({ step: "list", profile: found.profile, regionsText: "", found }) },
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
