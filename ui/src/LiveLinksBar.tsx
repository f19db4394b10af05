// Link IaC to live (issue 11), in the editor: above a `.tf` file, its resources that stand for
// something live (a managed cluster, a Kubernetes object, a Helm release) with "Open live";
// above a Kubernetes YAML file, "Compare with cluster" and then one line per object — in sync,
// differs (what), not in cluster — with its line number to jump to. Rust finds and compares;
// the words are in `live-links-model.ts`.
import { useCallback, useEffect, useState } from "react";
import type { Api } from "./api";
import type { EditorDocument } from "./editor-document";
import type { FileLiveLinks, LiveTarget, YamlLiveStatus } from "./generated/types";
import { SYNC_SEVERITY, linkAction, liveFileKind, objectName, syncDetail } from "./live-links-model";

interface Props {
  api: Api;
  doc: EditorDocument;
  /** Asks Rust where the link goes and opens it (Clusters view or Add cloud cluster). */
  onOpen: (target: LiveTarget) => void;
  /** Pushes unsaved edits to Rust before a comparison reads the buffer. */
  beforeCompare: () => Promise<void>;
  onError: (err: unknown) => void;
  /** Bumped by "Compare with Cluster" (editor menu) to run the comparison. */
  compareRequest: number;
}

/** The editor offset where 1-based `line` starts. */
function lineOffset(text: string, line: number): number {
  let offset = 0;
  for (let i = 1; i < line; i++) {
    const next = text.indexOf("\n", offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset;
}

export function LiveLinksBar({ api, doc, onOpen, beforeCompare, onError, compareRequest }: Props) {
  const kind = liveFileKind(doc.path, doc.text);
  const [links, setLinks] = useState<FileLiveLinks | null>(null);
  const [status, setStatus] = useState<YamlLiveStatus | null>(null);
  const [comparing, setComparing] = useState(false);
  const [failure, setFailure] = useState<{ message: string; hint: string } | null>(null);

  const loadLinks = useCallback(() => {
    api.liveLinksInFile(doc.path).then(setLinks, onError);
  }, [api, doc.path, onError]);

  useEffect(() => {
    setLinks(null);
    setStatus(null);
    setFailure(null);
    if (kind === "terraform") loadLinks();
  }, [kind, loadLinks]);

  const compare = useCallback(() => {
    setComparing(true);
    setFailure(null);
    beforeCompare()
      .then(() => api.yamlLiveStatus(doc.path, null))
      .then(
        (s) => setStatus(s),
        (err) => {
          const e = err as { message?: string; hint?: string };
          setStatus(null);
          setFailure({ message: e.message ?? String(err), hint: e.hint ?? "" });
        },
      )
      .finally(() => setComparing(false));
  }, [api, doc.path, beforeCompare]);

  useEffect(() => {
    if (compareRequest > 0 && kind === "yaml") compare();
  }, [compareRequest]); // eslint-disable-line react-hooks/exhaustive-deps

  const jump = (line: number | null) => {
    if (line) doc.reveal(lineOffset(doc.text, line));
  };

  if (kind === "terraform") {
    if (!links || links.links.length === 0) return null;
    return (
      <div className="live-bar" data-testid="live-links">
        <div className="live-bar-head">
          <span className="live-bar-title">Live</span>
          <span className="muted">
            {links.links.length} resource{links.links.length === 1 ? "" : "s"} here stand for something live
          </span>
          <button className="small link-button" onClick={loadLinks} title="Read the saved file again">
            Refresh
          </button>
        </div>
        {links.links.map((l) => {
          const action = linkAction(l);
          return (
            <div key={l.address} className="live-row" data-testid="live-link" data-address={l.address}>
              <button className="live-line link-button" onClick={() => jump(l.line)} title="Go to the block">
                {l.line ?? ""}
              </button>
              <code className="live-address">{l.address}</code>
              <span className="live-arrow">→</span>
              <span className="live-label">{l.label}</span>
              {l.target && action ? (
                <button className="small" data-testid="live-link-open" onClick={() => onOpen(l.target as LiveTarget)}>
                  {action}
                </button>
              ) : (
                <span className="muted live-why">not linkable: {l.why}</span>
              )}
            </div>
          );
        })}
      </div>
    );
  }

  if (kind === "yaml") {
    return (
      <div className="live-bar" data-testid="live-sync">
        <div className="live-bar-head">
          <span className="live-bar-title">Live</span>
          <span className="muted" data-testid="live-sync-summary" title={status?.method}>
            {comparing
              ? "Comparing with the cluster…"
              : status
                ? `${status.summary} · context ${status.context}`
                : "Kubernetes objects: compare them with the live cluster (a server-side dry run; nothing is changed)."}
          </span>
          <button className="small" data-testid="live-sync-compare" disabled={comparing} onClick={compare}>
            {status ? "Compare again" : "Compare with cluster"}
          </button>
        </div>
        {failure && (
          <div className="cluster-notice notice-error" role="alert" data-testid="live-sync-error">
            <span>{failure.message}</span>
            {failure.hint && <span className="muted">{failure.hint}</span>}
          </div>
        )}
        {status?.objects.map((o) => (
          <div key={`${o.document}-${o.kind}-${o.name}`} className="live-row" data-testid="live-sync-object" data-sync={o.sync}>
            <button className="live-line link-button" onClick={() => jump(o.line)} title="Go to the object">
              {o.line}
            </button>
            <span className="live-label">{objectName(o)}</span>
            <span className={`live-state sev-${SYNC_SEVERITY[o.sync]}`} title={o.changes.join("\n")}>
              {syncDetail(o)}
            </span>
          </div>
        ))}
      </div>
    );
  }
  return null;
}
