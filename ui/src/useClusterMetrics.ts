// Reads `cluster_metrics` for the usage columns of the node and pod lists while `active`: once
// when they appear and every 30 s after, like the Usage section. Nothing is read while the
// tables are not shown (another section, another tab: the view is then unmounted).
import { useEffect, useMemo, useState } from "react";
import type { Api } from "./api";
import type { ClusterMetrics } from "./generated/types";
import { usageLookup, type UsageLookup } from "./cluster-usage-model";

export const METRICS_REFRESH_MS = 30_000;

export function useClusterMetrics(api: Api, active: boolean): UsageLookup {
  const [answer, setAnswer] = useState<{ metrics: ClusterMetrics | null; error: string | null }>({ metrics: null, error: null });
  useEffect(() => {
    if (!active) return;
    let cancelled = false;
    const load = () => {
      // Failures go to the cells' tooltip, not to an error popup: the tables work without usage.
      Promise.resolve()
        .then(() => api.clusterMetrics())
        .then(
          (metrics) => !cancelled && setAnswer({ metrics, error: null }),
          (err: unknown) => !cancelled && setAnswer({ metrics: null, error: messageOf(err) }),
        );
    };
    load();
    const timer = window.setInterval(load, METRICS_REFRESH_MS);
    return () => {
      cancelled = true;
      window.clearInterval(timer);
    };
  }, [api, active]);
  return useMemo(() => usageLookup(answer.metrics, answer.error), [answer]);
}

function messageOf(err: unknown): string {
  if (err && typeof err === "object" && "message" in err) return String((err as { message: unknown }).message);
  return String(err);
}
