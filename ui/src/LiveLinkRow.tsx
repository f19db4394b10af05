// Link IaC to live (issue 11) in Plan Review and the State Explorer: the selected resource's
// live counterpart (a managed cluster, a Kubernetes object, a Helm release) with "Open live".
// Nothing shows for types without one.
import { useEffect, useState } from "react";
import type { LiveLink, LiveTarget } from "./generated/types";
import { linkAction } from "./live-links-model";

interface Props {
  /** Which resource: a change index or a state address (reloads when it changes). */
  id: string;
  load: () => Promise<LiveLink | null>;
  onOpen: (target: LiveTarget) => void;
}

export function LiveLinkRow({ id, load, onOpen }: Props) {
  const [link, setLink] = useState<LiveLink | null>(null);
  useEffect(() => {
    let cancelled = false;
    setLink(null);
    // A resource without a link is the common case: a failure here only hides the row.
    load().then(
      (l) => !cancelled && setLink(l),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [id]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!link) return null;
  const action = linkAction(link);
  return (
    <div className="live-link-detail" data-testid="live-link-detail">
      <span className="live-bar-title">Live</span>
      <span className="live-label">{link.label}</span>
      {link.target && action ? (
        <button className="small" data-testid="live-link-open" onClick={() => onOpen(link.target as LiveTarget)}>
          {action}
        </button>
      ) : (
        <span className="muted live-why">not linkable: {link.why}</span>
      )}
    </div>
  );
}
