// The bar above a run's plan in Plan Review: confirm this exact plan for apply, or — once an
// apply has used it — say so instead of inviting another apply (Terraform refuses a saved plan
// once the state moved on). Reads the runs history itself, so run events re-render this bar,
// not the app.
import { useSyncExternalStore } from "react";
import type { RunsController } from "./runs-controller";

interface Props {
  runs: RunsController;
  runPlan: { runId: number; confirmed: boolean };
  onConfirm: () => void;
  onGoToRuns: () => void;
}

export function RunApprovalBanner({ runs, runPlan, onConfirm, onGoToRuns }: Props) {
  const { history } = useSyncExternalStore(runs.subscribe, runs.getSnapshot);
  const planRun = history.find((r) => r.id === runPlan.runId);
  const usedBy = planRun?.plan_sha256
    ? history.find((r) => r.operation === "apply" && r.plan_sha256 === planRun.plan_sha256 && r.status !== "failed" && r.status !== "cancelled")
    : undefined;
  return (
    <div className="run-approval" data-testid="run-approval">
      <span>
        Plan of run #{runPlan.runId}.{" "}
        {usedBy
          ? `Used by apply run #${usedBy.id} (${usedBy.status}): plan again for new changes.`
          : runPlan.confirmed
            ? "Confirmed: apply it from the Runs panel."
            : "Review the changes, then confirm this exact plan to allow its apply."}
      </span>
      {usedBy || runPlan.confirmed ? (
        <button className="small" data-testid="run-approval-go" onClick={onGoToRuns}>Go to Runs</button>
      ) : (
        <button className="small primary" data-testid="run-approve" onClick={onConfirm}>Confirm plan for apply</button>
      )}
    </div>
  );
}
