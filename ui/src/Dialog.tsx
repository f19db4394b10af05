// A small modal question with buttons (Escape = the cancel button).
import { useEffect, useRef, type ReactNode } from "react";

export interface DialogButton {
  label: string;
  testId?: string;
  primary?: boolean;
  onClick: () => void;
}

interface Props {
  title: string;
  children: ReactNode;
  buttons: DialogButton[];
  onCancel: () => void;
  testId?: string;
}

export function Dialog({ title, children, buttons, onCancel, testId }: Props) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    (box.current?.querySelector("button.primary") as HTMLButtonElement | null)?.focus();
  }, []);
  return (
    <div className="dialog-backdrop">
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-label={title}
        data-testid={testId}
        ref={box}
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            e.stopPropagation();
            onCancel();
          }
        }}
      >
        <h2>{title}</h2>
        <div className="dialog-body">{children}</div>
        <div className="dialog-buttons">
          {buttons.map((b) => (
            <button key={b.label} className={b.primary ? "small primary" : "small"} data-testid={b.testId} onClick={b.onClick}>
              {b.label}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}
