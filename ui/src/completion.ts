// Completion items from Rust as CodeMirror completions.
import { snippet, type Completion, type CompletionContext, type CompletionResult, type CompletionSource } from "@codemirror/autocomplete";
import type { CompletionItem, CompletionKind, CompletionList } from "./generated/types";

/** CodeMirror's completion types (they pick the icon) for the contract's kinds. */
export const COMPLETION_TYPE: Record<CompletionKind, string> = {
  keyword: "keyword",
  resource_type: "type",
  data_source_type: "type",
  attribute: "property",
  block: "namespace",
  variable: "variable",
  local: "variable",
  module: "namespace",
  output: "constant",
  resource: "class",
  data_source: "class",
  function: "function",
  snippet: "text",
};

export function toCompletion(item: CompletionItem): Completion {
  return {
    label: item.label,
    type: COMPLETION_TYPE[item.kind] ?? "text",
    detail: item.detail ?? undefined,
    info: item.documentation ?? undefined,
    // Rust sends `${1:name}` fields, which CodeMirror's snippet syntax reads as they are.
    apply: item.snippet ? snippet(item.insert) : item.insert,
    boost: item.kind === "snippet" ? -1 : undefined,
  };
}

/** What identifiers and references are made of in HCL (`aws_s3_bucket`, `var.region`). */
const WORD_BEFORE = /[\w-]*$/;

/**
 * A completion source asking Rust at the cursor. `fetch` answers for the text the context was
 * made for, or null when the text changed meanwhile (the source then gives nothing and
 * CodeMirror asks again).
 */
export function rustCompletionSource(fetch: (pos: number, context: CompletionContext) => Promise<CompletionList | null>): CompletionSource {
  return async (context: CompletionContext): Promise<CompletionResult | null> => {
    const word = context.matchBefore(WORD_BEFORE);
    const typedWord = word !== null && word.from < word.to;
    const prev = context.pos > 0 ? context.state.sliceDoc(context.pos - 1, context.pos) : "";
    // Typing outside a word (spaces, braces…) asks nothing unless a reference or a quoted
    // type name starts there.
    if (!context.explicit && !typedWord && prev !== "." && prev !== '"') return null;
    const list = await fetch(context.pos, context);
    if (!list || context.aborted || list.items.length === 0) return null;
    return {
      from: Math.min(list.from, context.pos),
      options: list.items.map(toCompletion),
      validFor: /^[\w-]*$/,
    };
  };
}
