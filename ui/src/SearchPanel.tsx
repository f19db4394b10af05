// Search in the workspace (Ctrl/Cmd+Shift+F): text, regex, case, whole word, or symbol names;
// results grouped by file with the match highlighted; click to open it there.
import { useEffect, useMemo, useRef, useState } from "react";
import type { Api } from "./api";
import { ApiError } from "./api";
import type { SearchHit, SearchQuery, SearchResults } from "./generated/types";
import { groupByFile } from "./group-by-file";
import { VirtualList } from "./VirtualList";

const SEARCH_DELAY_MS = 250;

interface Props {
  api: Api;
  /** Changes when the search view is asked for (the shortcut): the input takes the focus. */
  focusKey: number;
  onOpen: (hit: SearchHit) => void;
}

type Toggle = "regex" | "case_sensitive" | "whole_word" | "symbols";
const TOGGLES: { key: Toggle; label: string; title: string }[] = [
  { key: "case_sensitive", label: "Aa", title: "Match Case" },
  { key: "whole_word", label: "ab", title: "Match Whole Word" },
  { key: "regex", label: ".*", title: "Use Regular Expression" },
  { key: "symbols", label: "#", title: "Search Symbol Names (variables, resources, modules…)" },
];

export function SearchPanel({ api, focusKey, onOpen }: Props) {
  const [query, setQuery] = useState<SearchQuery>({ text: "", regex: false, case_sensitive: false, whole_word: false, symbols: false });
  const [results, setResults] = useState<SearchResults | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const seq = useRef(0);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [focusKey]);

  const run = async (q: SearchQuery) => {
    const mine = ++seq.current;
    if (!q.text) {
      setResults(null);
      setError(null);
      setSearching(false);
      return;
    }
    setSearching(true);
    try {
      const found = await api.searchWorkspace(q);
      if (mine !== seq.current) return;
      setResults(found);
      setError(null);
    } catch (err) {
      if (mine !== seq.current) return;
      setResults(null);
      setError(err instanceof ApiError ? (err.hint ? `${err.message} ${err.hint}` : err.message) : String(err));
    } finally {
      if (mine === seq.current) setSearching(false);
    }
  };

  // Search as the user types, once they pause.
  useEffect(() => {
    const timer = setTimeout(() => void run(query), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const rows = useMemo(() => groupByFile(results?.hits ?? []), [results]);
  const files = rows.length - (results?.hits.length ?? 0);

  return (
    <div className="search-panel">
      <div className="search-box">
        <input
          ref={input}
          className="plan-search"
          data-testid="search-input"
          type="search"
          placeholder={query.symbols ? "Search symbols" : "Search"}
          aria-label="Search in workspace"
          value={query.text}
          spellCheck={false}
          onChange={(e) => setQuery({ ...query, text: e.target.value })}
          onKeyDown={(e) => e.key === "Enter" && void run(query)}
        />
        <div className="search-toggles">
          {TOGGLES.map((t) => (
            <button
              key={t.key}
              className={query[t.key] ? "search-toggle on" : "search-toggle"}
              aria-pressed={query[t.key]}
              title={t.title}
              data-testid={`search-${t.key}`}
              onClick={() => setQuery({ ...query, [t.key]: !query[t.key] })}
            >
              {t.label}
            </button>
          ))}
        </div>
      </div>
      {error && <div className="search-error" role="alert" data-testid="search-error">{error}</div>}
      {results && (
        <div className="search-summary muted" data-testid="search-summary">
          {results.hits.length === 0
            ? `No results (${results.files_searched} files searched)`
            : `${results.hits.length} ${results.hits.length === 1 ? "result" : "results"} in ${files} ${files === 1 ? "file" : "files"}${results.truncated ? " (truncated)" : ""}`}
          <span className="search-time"> · {results.millis} ms</span>
        </div>
      )}
      {searching && !results && <div className="search-summary muted">Searching…</div>}
      {results && results.hits.length > 0 && (
        <VirtualList
          items={rows}
          rowHeight={22}
          label="Search results"
          className="search-results"
          itemKey={(row, i) => (row.kind === "file" ? `f:${row.path}` : `h:${i}`)}
          render={(row) =>
            row.kind === "file" ? (
              <div className="search-file" role="listitem" title={row.path}>
                <span className="name">{row.path}</span>
                <span className="group-count">{row.count}</span>
              </div>
            ) : (
              <div className="search-hit" role="listitem" data-testid="search-result" data-path={row.path} onClick={() => onOpen(row.item)} title={`${row.path}:${row.item.range.line}`}>
                {row.item.kind && <span className="tag">{row.item.kind}</span>}
                <span className="search-preview">
                  {row.item.preview.slice(0, row.item.preview_from)}
                  <mark>{row.item.preview.slice(row.item.preview_from, row.item.preview_to)}</mark>
                  {row.item.preview.slice(row.item.preview_to)}
                </span>
              </div>
            )
          }
        />
      )}
    </div>
  );
}
