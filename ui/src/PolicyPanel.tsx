// Policy results of the whole plan (deny, warn and error; passes are counted), each with its
// message and the address it is about (a click selects that change).
import { useState } from "react";
import type { PlanPolicyResult } from "./generated/types";
import { POLICY_TEXT, formatCount } from "./plan-view-model";

/** A plan of 20k untagged resources gives 20k warnings: show the worst first, more on demand. */
const FIRST_RESULTS = 200;

export function PolicyList({ results, onSelect }: { results: PlanPolicyResult[]; onSelect?: (index: number) => void }) {
  return (
    <ul className="policy-list">
      {results.map((p, i) => (
        <li key={i} className={`policy-item policy-item-${p.result}`}>
          <span className={`policy-badge policy-${p.result}`}>{POLICY_TEXT[p.result]}</span>
          <div className="policy-body">
            <div className="policy-message">{p.message}</div>
            <div className="muted policy-meta">
              <code>{p.policy}</code>
              {p.address &&
                (onSelect && p.change !== null ? (
                  <button className="link address-link" onClick={() => onSelect(p.change!)}>{p.address}</button>
                ) : (
                  <span> · {p.address}</span>
                ))}
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}

interface Props {
  /** False while the policies are still running. */
  checked: boolean;
  results: PlanPolicyResult[];
  passed: number;
  onSelect: (index: number) => void;
}

export function PolicyPanel({ checked, results, passed, onSelect }: Props) {
  const [all, setAll] = useState(false);
  const count = (r: string) => results.filter((p) => p.result === r).length;
  const deny = count("deny") + count("error");
  const warn = count("warn");
  return (
    <section className="panel policy-panel" data-testid="policy-panel" aria-label="Policy results">
      <h3>
        Policy
        {deny > 0 && <span className="policy-badge policy-deny">{formatCount(deny)} deny</span>}
        {warn > 0 && <span className="policy-badge policy-warn">{formatCount(warn)} warn</span>}
        {checked && <span className="muted policy-passed">{formatCount(passed)} passed</span>}
      </h3>
      {!checked ? (
        <div className="muted panel-empty" role="status">Running the bundled policies…</div>
      ) : results.length === 0 ? (
        <div className="muted panel-empty">Every bundled policy passed.</div>
      ) : (
        <div className="policy-scroll">
          <PolicyList results={all ? results : results.slice(0, FIRST_RESULTS)} onSelect={onSelect} />
          {!all && results.length > FIRST_RESULTS && (
            <button className="link show-all" onClick={() => setAll(true)}>
              Show all {formatCount(results.length)} results
            </button>
          )}
        </div>
      )}
    </section>
  );
}
