// The pieces of the UI that follow the workspace's problems as they change with typing. Each
// reads the workbench's `problemsView` itself, so a keystroke's answer re-renders these and
// not the app around them.
import type { ComponentProps } from "react";
import { useLiveValue, type LiveValue } from "./live-value";
import { ProblemsPanel } from "./ProblemsPanel";
import type { ProblemsView } from "./workbench";

type PanelProps = Omit<ComponentProps<typeof ProblemsPanel>, "problems" | "loaded" | "scan">;

export function LiveProblemsPanel({ live, ...rest }: PanelProps & { live: LiveValue<ProblemsView> }) {
  const view = useLiveValue(live);
  return <ProblemsPanel problems={view.problems} loaded={view.loaded} scan={view.scan} {...rest} />;
}

/** All problems of the workspace (the Problems tab's count). */
export function ProblemsTotal({ live }: { live: LiveValue<ProblemsView> }) {
  const { counts } = useLiveValue(live);
  return <>{counts.errors + counts.warnings + counts.infos}</>;
}
