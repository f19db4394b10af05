// One container's log in the Clusters view's detail pane: container pick, follow, the previous
// (crashed) instance, search; the last lines only (Rust reads the last 2,000, the view keeps at
// most LOG_CAP), virtualized, following the end while the user is at the bottom.
import { useEffect, useMemo, useRef, useState } from "react";
import type { Api } from "./api";
import type { PodLogMessage } from "./generated/types";
import { VirtualList } from "./VirtualList";
import { LOG_CAP, appendLog, emptyLog, searchLog, type PodLog } from "./clusters-model";

interface Props {
  api: Api;
  podKey: string;
  containers: string[];
}

export function PodLogs({ api, podKey, containers }: Props) {
  const [container, setContainer] = useState(containers[containers.length - 1] ?? "");
  const [follow, setFollow] = useState(true);
  const [previous, setPrevious] = useState(false);
  const [query, setQuery] = useState("");
  const [log, setLog] = useState<PodLog | null>(null);
  // Messages that arrive before openPodLog answered with their stream id.
  const early = useRef<PodLogMessage[]>([]);
  const stream = useRef<number | null>(null);

  useEffect(() => {
    if (!container) return;
    let cancelled = false;
    stream.current = null;
    early.current = [];
    setLog(null);
    const off = api.onPodLog((msg) => {
      if (cancelled) return;
      if (stream.current === null) early.current.push(msg);
      else if (msg.stream === stream.current) setLog((l) => (l ? appendLog(l, msg) : l));
    });
    api.openPodLog({ key: podKey, container, follow, previous }).then(
      (id) => {
        if (cancelled) {
          void api.closePodLog(id).catch(() => {});
          return;
        }
        stream.current = id;
        let l = emptyLog(id);
        for (const msg of early.current) l = appendLog(l, msg);
        early.current = [];
        setLog(l);
      },
      (err) => !cancelled && setLog({ ...emptyLog(-1), ended: true, error: { message: (err as Error).message, hint: (err as { hint?: string }).hint ?? "" } }),
    );
    return () => {
      cancelled = true;
      void off.then((unlisten) => unlisten());
      // Only this stream: Rust replaces it anyway when the next one opens, and a close that
      // arrives after that open must not stop the new log.
      if (stream.current !== null) void api.closePodLog(stream.current).catch(() => {});
    };
  }, [api, podKey, container, follow, previous]);

  const shown = useMemo(() => (log ? searchLog(log.lines, query) : []), [log, query]);

  return (
    <div className="pod-logs" data-testid="pod-logs">
      <div className="pod-logs-bar">
        <select value={container} onChange={(e) => setContainer(e.target.value)} aria-label="Container" data-testid="pod-log-container">
          {containers.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        <label className="toggle">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> Follow
        </label>
        <label className="toggle" title="The log of the container's previous instance: why it crashed">
          <input type="checkbox" checked={previous} onChange={(e) => setPrevious(e.target.checked)} /> Previous
        </label>
        <input className="cluster-search" placeholder="Search the log…" value={query} onChange={(e) => setQuery(e.target.value)} aria-label="Search the log" />
      </div>
      {log?.error && (
        <div className="cluster-notice notice-error" role="alert">
          <div>{log.error.message}</div>
          {log.error.hint && <div className="muted">{log.error.hint}</div>}
        </div>
      )}
      <VirtualList
        items={shown}
        rowHeight={18}
        itemKey={(i) => String(i + (log?.dropped ?? 0))}
        label="Log lines"
        className="pod-log-lines"
        followTail={follow && !query}
        render={(i) => (
          <div className="pod-log-line" data-testid="pod-log-line">
            {log?.lines[i]}
          </div>
        )}
      />
      <div className="cluster-footer muted" data-testid="pod-log-status">
        {!log
          ? "Opening the log…"
          : `${log.lines.length} lines${query ? ` · ${shown.length} match` : ""}${log.dropped ? ` · ${log.dropped} older lines dropped (keeps the last ${LOG_CAP})` : ""}${log.ended ? " · ended" : follow ? " · following" : ""}`}
      </div>
    </div>
  );
}
