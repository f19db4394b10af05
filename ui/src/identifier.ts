// The HCL identifier (letters, digits, `_`, `-`) at a position of a text, for F2's prefill.
import type { Text } from "@codemirror/state";

const IDENT = /[A-Za-z0-9_-]/;

export function identifierAt(doc: Text, pos: number): { from: number; to: number; name: string } | null {
  const line = doc.lineAt(pos);
  const text = line.text;
  let start = pos - line.from;
  let end = start;
  while (start > 0 && IDENT.test(text[start - 1])) start--;
  while (end < text.length && IDENT.test(text[end])) end++;
  if (start === end) return null;
  return { from: line.from + start, to: line.from + end, name: text.slice(start, end) };
}
