// The workspace's cost estimate, kept outside the Cost tab so the status bar can show the
// total: estimated when a workspace opens, again (debounced) after configuration files are
// saved or change on disk, and on request from the Cost view.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Api } from "./api";
import type { CostView, WorkspaceInfo } from "./generated/types";
import { Recalc, affectsCost } from "./cost-model";

export interface CostState {
  view: CostView | null;
  busy: boolean;
  estimate: (folder: string) => void;
  /** A file was saved or changed on disk: re-estimate if it can change the cost. */
  fileChanged: (path: string) => void;
}

export function useCost(api: Api, workspace: WorkspaceInfo | null, onError: (err: unknown) => void): CostState {
  const [view, setView] = useState<CostView | null>(null);
  const [busy, setBusy] = useState(false);
  const folder = useRef("");
  // Answers to an older workspace or request are dropped.
  const seq = useRef(0);

  const run = useCallback(
    async (target: string) => {
      const mine = ++seq.current;
      setBusy(true);
      try {
        const v = await api.estimateCost(target);
        if (mine === seq.current) {
          folder.current = v.folder;
          setView(v);
        }
      } catch (err) {
        if (mine === seq.current) onError(err);
      } finally {
        if (mine === seq.current) setBusy(false);
      }
    },
    [api, onError],
  );

  const recalc = useMemo(() => new Recalc(() => run(folder.current)), [run]);
  useEffect(() => () => recalc.dispose(), [recalc]);

  useEffect(() => {
    setView(null);
    folder.current = "";
    if (workspace) void run("");
    else seq.current++;
  }, [workspace, run]);

  const estimate = useCallback((target: string) => void run(target), [run]);
  const fileChanged = useCallback((path: string) => affectsCost(path) && recalc.poke(), [recalc]);
  return { view, busy, estimate, fileChanged };
}
