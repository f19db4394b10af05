// Go to Definition with several answers (e.g. a module called in many places): a small list
// at the cursor to pick one from.
import { useEffect, useRef } from "react";
import { useDismiss } from "./use-dismiss";
import type { Location } from "./generated/types";

interface Props {
  locations: readonly Location[];
  x: number;
  y: number;
  onPick: (location: Location) => void;
  onClose: () => void;
}

export function DefinitionPicker({ locations, x, y, onPick, onClose }: Props) {
  const list = useRef<HTMLUListElement>(null);
  const box = useRef<HTMLDivElement>(null);
  useDismiss(box, onClose);
  useEffect(() => {
    (list.current?.querySelector("button") as HTMLButtonElement | null)?.focus();
  }, []);
  return (
    <div ref={box} className="popup definition-picker" style={{ left: x, top: y }} data-testid="definition-picker" onKeyDown={(e) => e.key === "Escape" && onClose()}>
      <div className="popup-title muted">{locations.length} definitions</div>
      <ul ref={list}>
        {locations.map((loc, i) => (
          <li key={i}>
            <button className="popup-item" onClick={() => onPick(loc)} title={`${loc.path}:${loc.range.line}`}>
              <span className="popup-path">{loc.path}:{loc.range.line}</span>
              <span className="location-preview">{loc.preview}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
