import { describe, expect, it } from "vitest";
import { applySgr, color256, hasEscapes, parseAnsi, PLAIN, spanStyle, stripAnsi } from "./ansi";

const E = "\u001b";

describe("parseAnsi", () => {
  it("turns bold and the standard colours into styled spans and resets", () => {
    const { spans, end } = parseAnsi(`${E}[1;32mok${E}[0m done ${E}[31merr`);
    expect(spans.map((s) => s.text)).toEqual(["ok", " done ", "err"]);
    expect(spans[0].style).toMatchObject({ bold: true, fg: "var(--ansi-2)" });
    expect(spans[1].style).toEqual(PLAIN);
    expect(spans[2].style.fg).toBe("var(--ansi-1)");
    expect(end.fg).toBe("var(--ansi-1)");
  });

  it("maps bright colours and backgrounds onto the 16 theme variables", () => {
    const { spans } = parseAnsi(`${E}[93;104mhi${E}[39mx${E}[49my`);
    expect(spans[0].style).toMatchObject({ fg: "var(--ansi-11)", bg: "var(--ansi-12)" });
    expect(spans[1].style).toMatchObject({ fg: null, bg: "var(--ansi-12)" });
    expect(spans[2].style).toEqual(PLAIN);
  });

  it("reads 256-colour and truecolor forms, with ; and the ISO : separators", () => {
    expect(parseAnsi(`${E}[38;5;208ma`).spans[0].style.fg).toBe("rgb(255, 135, 0)");
    expect(parseAnsi(`${E}[48;5;9ma`).spans[0].style.bg).toBe("var(--ansi-9)");
    expect(parseAnsi(`${E}[38;5;244ma`).spans[0].style.fg).toBe("rgb(128, 128, 128)");
    expect(parseAnsi(`${E}[38;2;10;20;30ma`).spans[0].style.fg).toBe("rgb(10, 20, 30)");
    expect(parseAnsi(`${E}[38:2::1:2:3ma`).spans[0].style.fg).toBe("rgb(1, 2, 3)");
    expect(parseAnsi(`${E}[1;38;2;1;2;3;4mx`).spans[0].style).toMatchObject({ bold: true, fg: "rgb(1, 2, 3)", underline: true });
  });

  it("treats ESC[m as a reset and 22/23/24/27 as turning attributes off", () => {
    const { spans } = parseAnsi(`${E}[1;3;4;7ma${E}[22;23;24;27mb${E}[35mc${E}[md`);
    expect(spans[0].style).toMatchObject({ bold: true, italic: true, underline: true, inverse: true });
    expect(spans[1].style).toEqual(PLAIN);
    expect(spans[2].style.fg).toBe("var(--ansi-5)");
    expect(spans[3].style).toEqual(PLAIN);
  });

  it("drops every other escape sequence and control character, never shows escape bytes", () => {
    const nasty = `a${E}]0;title\u0007b${E}[2Kc${E}[?25ld\re${E}7f${E}]8;;http://x${E}\\g\u0000h\tI ${E}[`;
    const text = parseAnsi(nasty)
      .spans.map((s) => s.text)
      .join("");
    expect(text).toBe("abcdefgh\tI ");
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    // A sequence cut off at the end of a bounded log.
    expect(stripAnsi(`x${E}[38;5`)).toBe("x");
    expect(stripAnsi(`x${E}`)).toBe("x");
  });

  it("ignores malformed and out-of-range colours without losing text", () => {
    expect(parseAnsi(`${E}[38;5;999mz`).spans).toEqual([{ text: "z", style: PLAIN }]);
    expect(parseAnsi(`${E}[38;2;300;0;0mz`).spans[0].style.fg).toBeNull();
    expect(parseAnsi(`${E}[38;7;1mz`).spans[0].text).toBe("z");
    expect(parseAnsi(`${E}[12345mz`).spans[0].style).toEqual(PLAIN);
  });

  it("merges adjacent text of the same style and starts from a given style", () => {
    const { spans } = parseAnsi(`a${E}[0mb${E}[32m${E}[32mc`, applySgr(PLAIN, [1]));
    expect(spans).toEqual([
      { text: "a", style: { ...PLAIN, bold: true } },
      { text: "b", style: PLAIN },
      { text: "c", style: { ...PLAIN, fg: "var(--ansi-2)" } },
    ]);
  });

  it("keeps plain text as it is", () => {
    expect(hasEscapes("plain ✓\ttab")).toBe(false);
    expect(stripAnsi("plain ✓")).toBe("plain ✓");
    expect(parseAnsi("").spans).toEqual([]);
  });
});

describe("colours and styles", () => {
  it("computes the 256-colour cube and grey ramp", () => {
    expect(color256(16)).toBe("rgb(0, 0, 0)");
    expect(color256(231)).toBe("rgb(255, 255, 255)");
    expect(color256(196)).toBe("rgb(255, 0, 0)");
    expect(color256(232)).toBe("rgb(8, 8, 8)");
    expect(color256(255)).toBe("rgb(238, 238, 238)");
    expect(color256(256)).toBeNull();
  });

  it("gives inline styles, swapping colours for inverse", () => {
    expect(spanStyle(PLAIN)).toEqual({});
    expect(spanStyle({ ...PLAIN, fg: "var(--ansi-1)", bold: true, underline: true })).toEqual({ color: "var(--ansi-1)", fontWeight: "bold", textDecoration: "underline" });
    expect(spanStyle({ ...PLAIN, fg: "var(--ansi-2)", inverse: true })).toEqual({ color: "var(--bg)", backgroundColor: "var(--ansi-2)" });
  });
});
