// ANSI SGR colour codes in run logs → styled spans, pure. Terraform's own `-json` stream carries
// none, but provisioner output, wrapper scripts and non-JSON lines (`init`, crash output) do. The
// stored log keeps the codes (it is faithful to what the tool printed); only this module turns
// them into styles, and nothing else ever reaches the DOM: every other escape sequence (cursor
// moves, window titles) and control character is dropped, so raw escape bytes are never shown.
// The 16 standard colours map onto theme variables (`--ansi-0` … `--ansi-15` in styles.css) so a
// log reads well in the dark and the light theme; 256-colour and truecolor forms are exact.

export interface AnsiStyle {
  /** A CSS colour (a `var(--ansi-N)` for the standard ones), or null for the default. */
  fg: string | null;
  bg: string | null;
  bold: boolean;
  dim: boolean;
  italic: boolean;
  underline: boolean;
  inverse: boolean;
}

export interface AnsiSpan {
  text: string;
  style: AnsiStyle;
}

export const PLAIN: AnsiStyle = Object.freeze({ fg: null, bg: null, bold: false, dim: false, italic: false, underline: false, inverse: false });

const ESC = "\u001b";

/** The colour of a 256-colour index: the 16 standard ones from the theme, the 6×6×6 cube and
 * the grey ramp as RGB. Out of range → null. */
export function color256(n: number): string | null {
  if (!Number.isInteger(n) || n < 0 || n > 255) return null;
  if (n < 16) return `var(--ansi-${n})`;
  if (n >= 232) {
    const v = 8 + (n - 232) * 10;
    return `rgb(${v}, ${v}, ${v})`;
  }
  const i = n - 16;
  const level = (c: number) => (c === 0 ? 0 : 55 + c * 40);
  return `rgb(${level(Math.floor(i / 36))}, ${level(Math.floor(i / 6) % 6)}, ${level(i % 6)})`;
}

function byte(v: number | undefined): number | null {
  return v !== undefined && Number.isInteger(v) && v >= 0 && v <= 255 ? v : null;
}

/** Applies one SGR parameter list (`1;38;5;208` → [1, 38, 5, 208]) to a style. Unknown codes are
 * ignored, as terminals do. */
export function applySgr(style: AnsiStyle, params: readonly number[]): AnsiStyle {
  const s: AnsiStyle = { ...style };
  // `ESC[m` is a reset.
  const ps = params.length ? params : [0];
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i];
    if (p === 0) Object.assign(s, PLAIN);
    else if (p === 1) s.bold = true;
    else if (p === 2) s.dim = true;
    else if (p === 3) s.italic = true;
    else if (p === 4) s.underline = true;
    else if (p === 7) s.inverse = true;
    else if (p === 22) s.bold = s.dim = false;
    else if (p === 23) s.italic = false;
    else if (p === 24) s.underline = false;
    else if (p === 27) s.inverse = false;
    else if (p >= 30 && p <= 37) s.fg = `var(--ansi-${p - 30})`;
    else if (p === 39) s.fg = null;
    else if (p >= 40 && p <= 47) s.bg = `var(--ansi-${p - 40})`;
    else if (p === 49) s.bg = null;
    else if (p >= 90 && p <= 97) s.fg = `var(--ansi-${p - 90 + 8})`;
    else if (p >= 100 && p <= 107) s.bg = `var(--ansi-${p - 100 + 8})`;
    else if (p === 38 || p === 48) {
      // Extended colour: `5;N` (256 colours) or `2;R;G;B` (truecolor).
      let c: string | null = null;
      if (ps[i + 1] === 5) {
        c = color256(ps[i + 2]);
        i += 2;
      } else if (ps[i + 1] === 2) {
        const [r, g, b] = [byte(ps[i + 2]), byte(ps[i + 3]), byte(ps[i + 4])];
        if (r !== null && g !== null && b !== null) c = `rgb(${r}, ${g}, ${b})`;
        i += 4;
      } else {
        // Malformed: the rest of the list cannot be read reliably.
        break;
      }
      if (c !== null) {
        if (p === 38) s.fg = c;
        else s.bg = c;
      }
    }
  }
  return s;
}

function sameStyle(a: AnsiStyle, b: AnsiStyle): boolean {
  return a.fg === b.fg && a.bg === b.bg && a.bold === b.bold && a.dim === b.dim && a.italic === b.italic && a.underline === b.underline && a.inverse === b.inverse;
}

/** Whether `text` holds anything this module would remove or turn into style. */
export function hasEscapes(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000b-\u001f\u007f\u009b]/.test(text);
}

/** One line of text → spans (adjacent text of the same style merged) and the style at its end.
 * Escape sequences other than SGR, and control characters other than tab, are dropped. */
export function parseAnsi(text: string, start: AnsiStyle = PLAIN): { spans: AnsiSpan[]; end: AnsiStyle } {
  const spans: AnsiSpan[] = [];
  let style = start;
  let buf = "";
  const flush = () => {
    if (!buf) return;
    const last = spans[spans.length - 1];
    if (last && sameStyle(last.style, style)) last.text += buf;
    else spans.push({ text: buf, style });
    buf = "";
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const code = c.charCodeAt(0);
    if (c === ESC || code === 0x9b) {
      // CSI: ESC [ (or the 8-bit 0x9b), parameter bytes 0x30–0x3f, intermediates 0x20–0x2f, a final byte 0x40–0x7e.
      let j = c === ESC ? i + 1 : i;
      if (c === ESC && text[j] !== "[") {
        if (text[j] === "]" || text[j] === "P" || text[j] === "_" || text[j] === "^" || text[j] === "X") {
          // OSC / DCS / APC / PM / SOS: up to BEL or ST (ESC \); unterminated → to the end.
          let k = j + 1;
          while (k < text.length && text[k] !== "\u0007" && !(text[k] === ESC && text[k + 1] === "\\")) k++;
          i = k >= text.length ? k : text[k] === "\u0007" ? k + 1 : k + 2;
        } else {
          // A two-byte escape (ESC 7, ESC c, …), or a lone ESC at the end.
          i = Math.min(j + 1, text.length);
        }
        continue;
      }
      j += 1;
      const paramStart = j;
      while (j < text.length && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x3f) j++;
      const paramEnd = j;
      while (j < text.length && text.charCodeAt(j) >= 0x20 && text.charCodeAt(j) <= 0x2f) j++;
      if (j >= text.length) {
        // Cut off mid-sequence (a bounded log's edge): drop it.
        i = j;
        continue;
      }
      const final = text[j];
      const params = text.slice(paramStart, paramEnd);
      if (final === "m" && paramEnd === j && /^[0-9;:]*$/.test(params)) {
        flush();
        // `:` separates sub-parameters in the ISO form (`38:2::R:G:B`); read it like `;`
        // after dropping the empty colour-space id.
        const list = params
          .replace(/^(38|48):2::/, "$1:2:")
          .split(/[;:]/)
          .map((p) => (p === "" ? 0 : Number(p)));
        style = applySgr(style, params === "" ? [] : list);
      }
      i = j + 1;
      continue;
    }
    if ((code < 0x20 && c !== "\t") || code === 0x7f || (code >= 0x80 && code < 0xa0)) {
      i++;
      continue;
    }
    buf += c;
    i++;
  }
  flush();
  return { spans, end: style };
}

/** The visible text of `text`: what search matches and what is copied. */
export function stripAnsi(text: string): string {
  if (!hasEscapes(text)) return text;
  return parseAnsi(text)
    .spans.map((s) => s.text)
    .join("");
}

/** Inline style of a span (React `style` shape); empty for plain text. Inverse swaps the colours,
 * using the theme's background/foreground when one side is the default. */
export function spanStyle(s: AnsiStyle): Record<string, string> {
  const out: Record<string, string> = {};
  let fg = s.fg;
  let bg = s.bg;
  if (s.inverse) {
    fg = s.bg ?? "var(--bg)";
    bg = s.fg ?? "var(--fg)";
  }
  if (fg) out.color = fg;
  if (bg) out.backgroundColor = bg;
  if (s.bold) out.fontWeight = "bold";
  if (s.dim) out.opacity = "0.7";
  if (s.italic) out.fontStyle = "italic";
  if (s.underline) out.textDecoration = "underline";
  return out;
}
