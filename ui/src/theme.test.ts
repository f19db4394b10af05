import { describe, expect, it } from "vitest";
import { applyTheme, nextTheme } from "./theme";

describe("theme", () => {
  it("follows the OS unless the user picked one", () => {
    const el = document.createElement("html");
    applyTheme("dark", el);
    expect(el.dataset.theme).toBe("dark");
    applyTheme("system", el);
    expect(el.dataset.theme).toBeUndefined();
  });

  it("cycles system → dark → light → system", () => {
    expect([nextTheme("system"), nextTheme("dark"), nextTheme("light")]).toEqual(["dark", "light", "system"]);
  });
});
