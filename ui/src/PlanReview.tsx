// The Plan Review view: summary bar, the change tree with filters, the selected change's
// detail (risk, policy, attribute diff) and the plan's policy results. The plan itself stays
// in Rust (redacted); this view asks for one change's detail at a time.
import { useCallback, useEffect, useState } from "react";
import type { Api } from "./api";
import type { PlanChangeDetail, PlanReviewView, ReportFormat } from "./generated/types";
import { ChangeDetail } from "./ChangeDetail";
import { LiveLinkRow } from "./LiveLinkRow";
import type { LiveTarget } from "./generated/types";
import { PlanSummary } from "./PlanSummary";
import { PlanTree } from "./PlanTree";
import { PolicyPanel } from "./PolicyPanel";
import { firstToReview } from "./plan-view-model";

/** The parent gives each opened plan a new `key`, so selection and notices start fresh. */
interface Props {
  api: Api;
  plan: PlanReviewView;
  onError: (err: unknown) => void;
  /** Opens a resource's live counterpart (Link IaC to live). */
  onOpenLive?: (target: LiveTarget) => void;
}

export function PlanReview({ api, plan, onError, onOpenLive }: Props) {
  const [selected, setSelected] = useState<number | null>(() => firstToReview(plan.changes)?.index ?? null);
  const [detail, setDetail] = useState<PlanChangeDetail | null>(null);
  const [exporting, setExporting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (selected === null) {
      setDetail(null);
      return;
    }
    let current = true;
    api.planChange(selected).then(
      (d) => current && setDetail(d),
      (err) => current && onError(err),
    );
    return () => {
      current = false;
    };
  }, [api, selected, plan, onError]);

  const exportReport = useCallback(
    async (format: ReportFormat) => {
      setExporting(true);
      try {
        const saved = await api.exportPlanReport(format);
        setNotice(saved ? `Saved ${saved}` : null);
      } catch (err) {
        onError(err);
      } finally {
        setExporting(false);
      }
    },
    [api, onError],
  );

  return (
    <div className="plan-review" data-testid="plan-review">
      <PlanSummary plan={plan} exporting={exporting} notice={notice} onExport={(f) => void exportReport(f)} />
      <div className="plan-body">
        <PlanTree changes={plan.changes} selected={selected} onSelect={setSelected} />
        <div className="plan-side">
          <div className="plan-detail-scroll">
            {detail && detail.index === selected ? (
              <>
                {onOpenLive && <LiveLinkRow id={`${plan.id}:${detail.index}`} load={() => api.liveLinkForPlanChange(detail.index)} onOpen={onOpenLive} />}
                <ChangeDetail detail={detail} />
              </>
            ) : (
              <div className="placeholder small">{plan.changes.length ? "Select a change to see its attributes, risk and policy results." : "No resource changes."}</div>
            )}
          </div>
          <PolicyPanel checked={plan.policy_checked} results={plan.policy} passed={plan.policies_passed} onSelect={setSelected} />
        </div>
      </div>
    </div>
  );
}
