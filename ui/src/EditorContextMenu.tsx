// The editor's right-click menu: the Rust-backed commands with their shortcuts.
import { useEffect, useRef } from "react";
import { useDismiss } from "./use-dismiss";

export interface MenuItem {
  label: string;
  shortcut: string;
  run: () => void;
}

interface Props {
  x: number;
  y: number;
  items: MenuItem[];
  onClose: () => void;
}

export function EditorContextMenu({ x, y, items, onClose }: Props) {
  const menu = useRef<HTMLDivElement>(null);
  useDismiss(menu, onClose);
  useEffect(() => {
    (menu.current?.querySelector("button") as HTMLButtonElement | null)?.focus();
  }, []);
  return (
    <div className="popup context-menu" role="menu" style={{ left: x, top: y }} ref={menu} onKeyDown={(e) => e.key === "Escape" && onClose()}>
      {items.map((item) => (
        <button
          key={item.label}
          role="menuitem"
          className="popup-item"
          onClick={() => {
            onClose();
            item.run();
          }}
        >
          <span>{item.label}</span>
          <span className="muted shortcut">{item.shortcut}</span>
        </button>
      ))}
    </div>
  );
}
