import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown-lite";

describe("renderMarkdown", () => {
  it("renders paragraphs, code and fences as elements, never markup from the text", () => {
    const dom = renderMarkdown('**variable** `region`\n\n```hcl\ndefault = "<b>x</b>"\n```\nSee [docs](https://example.com) <img src=x onerror=alert(1)>');
    expect(dom.querySelector("strong")?.textContent).toBe("variable");
    expect(dom.querySelector("code")?.textContent).toBe("region");
    expect(dom.querySelector("pre")?.textContent).toBe('default = "<b>x</b>"');
    expect(dom.querySelector("a")?.getAttribute("href")).toBe("https://example.com");
    expect(dom.querySelector("img")).toBeNull();
    expect(dom.querySelector("b")).toBeNull();
    expect(dom.textContent).toContain("<img src=x onerror=alert(1)>");
  });
});
