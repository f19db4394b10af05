import type { ThemePreference } from "./generated/types";

/** Sets the page theme; "system" follows the OS through the CSS `prefers-color-scheme` query. */
export function applyTheme(pref: ThemePreference, root: HTMLElement = document.documentElement): void {
  if (pref === "system") delete root.dataset.theme;
  else root.dataset.theme = pref;
}

/** View → Toggle Theme cycles system → dark → light → system. */
export function nextTheme(pref: ThemePreference): ThemePreference {
  return pref === "system" ? "dark" : pref === "dark" ? "light" : "system";
}
