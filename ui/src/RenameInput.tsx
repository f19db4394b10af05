// F2: the new name, typed in a small box at the symbol (prefilled with its current name).
import { useEffect, useRef, useState } from "react";

interface Props {
  initial: string;
  /** Client coordinates of the symbol's start. */
  x: number;
  y: number;
  busy: boolean;
  error: string | null;
  onSubmit: (name: string) => void;
  onCancel: () => void;
}

export function RenameInput({ initial, x, y, busy, error, onSubmit, onCancel }: Props) {
  const [name, setName] = useState(initial);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  // Disabled while the preview loads, the input lost the focus: give it back with the error.
  useEffect(() => {
    if (error) input.current?.focus();
  }, [error]);
  return (
    <div className="rename-box popup" style={{ left: x, top: y }}>
      <input
        ref={input}
        data-testid="rename-input"
        aria-label="New name"
        value={name}
        disabled={busy}
        spellCheck={false}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && name.trim() && name !== initial) onSubmit(name.trim());
          if (e.key === "Escape") onCancel();
        }}
        onBlur={() => !busy && !error && onCancel()}
      />
      <div className={error ? "rename-hint error" : "rename-hint muted"}>{error ?? "Enter to preview, Escape to cancel"}</div>
    </div>
  );
}
