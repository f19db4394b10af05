// The outline of the current file: its blocks and attributes as a tree; click to go there.
// Refreshed when the document changes (after a pause of ~300 ms while typing).
import { useEffect, useRef, useState } from "react";
import type { Api } from "./api";
import type { OutlineItem, TextRange } from "./generated/types";
import type { EditorDocument } from "./editor-document";
import { isHclLanguage } from "./editor-extensions";
import { type LiveValue, useLiveValue } from "./live-value";

const REFRESH_DELAY_MS = 300;

interface Props {
  api: Api;
  doc: EditorDocument | null;
  /** Changes with every edit of `doc`. */
  editTick: LiveValue<number>;
  onJump: (path: string, range: TextRange) => void;
}

export function OutlinePanel({ api, doc, editTick: editTickValue, onJump }: Props) {
  const editTick = useLiveValue(editTickValue);
  const [items, setItems] = useState<OutlineItem[] | null>(null);
  /** Collapsed nodes by their path of names (kept across refreshes). */
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const shownDoc = useRef<EditorDocument | null>(null);
  const supported = doc !== null && isHclLanguage(doc.language);

  useEffect(() => {
    if (!doc || !supported) return;
    // A newly shown document is outlined at once; edits of the same one wait for a pause.
    const fresh = shownDoc.current !== doc;
    shownDoc.current = doc;
    if (fresh) setItems(null);
    let cancelled = false;
    const timer = setTimeout(
      () => {
        doc
          .query(() => api.outline(doc.path))
          .then((outline) => !cancelled && outline && setItems(outline), () => !cancelled && setItems([]));
      },
      fresh ? 0 : REFRESH_DELAY_MS,
    );
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, doc, supported, editTick]);

  if (!doc) return <div className="tree-empty">Open a file to see its outline.</div>;
  if (!supported) return <div className="tree-empty">No outline for this kind of file.</div>;
  if (items === null) return <div className="tree-empty">Loading…</div>;
  if (items.length === 0) return <div className="tree-empty">Nothing to outline in this file.</div>;

  const toggle = (key: string) =>
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  const render = (list: OutlineItem[], depth: number, parent: string) =>
    list.map((item, i) => {
      const key = `${parent}/${item.kind}:${item.name}`;
      const open = !collapsed.has(key);
      return (
      <li key={`${key}#${i}`} role="treeitem" aria-expanded={item.children.length > 0 ? open : undefined}>
        <div
          className="outline-row"
          data-testid="outline-item"
          style={{ paddingLeft: 8 + depth * 14 }}
          onClick={() => onJump(doc.path, item.range)}
          title={`${item.kind} · line ${item.range.line}`}
        >
          <span
            className="twisty"
            onClick={(e) => {
              if (item.children.length === 0) return;
              e.stopPropagation();
              toggle(key);
            }}
          >
            {item.children.length > 0 ? (open ? "▾" : "▸") : ""}
          </span>
          <span className={`outline-kind kind-${item.kind}`}>{item.kind}</span>
          <span className="name">{item.name}</span>
        </div>
        {item.children.length > 0 && open && <ul role="group">{render(item.children, depth + 1, key)}</ul>}
      </li>
      );
    });

  return (
    <ul className="outline" role="tree" aria-label={`Outline of ${doc.path}`}>
      {render(items, 0, "")}
    </ul>
  );
}
