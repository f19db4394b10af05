// Syntax highlighting for HCL / Terraform / Terragrunt as a CodeMirror stream language.
// Highlighting only: the real understanding of the code (diagnostics, navigation) comes from
// the Rust HCL engine.
import { StreamLanguage, type StreamParser } from "@codemirror/language";

const BLOCK_KEYWORDS = new Set([
  "resource", "data", "module", "variable", "output", "locals", "provider", "terraform",
  "moved", "import", "check", "removed", "dynamic", "content", "lifecycle", "backend",
  "required_providers", "include", "dependency", "dependencies", "inputs", "generate", "remote_state",
]);
const LITERALS = new Set(["true", "false", "null"]);
const OPERATOR_WORDS = new Set(["for", "in", "if", "endfor", "endif", "else"]);
const ROOTS = new Set(["var", "local", "module", "data", "each", "count", "path", "self", "terraform"]);

interface State {
  /** Open `"` strings and `${` interpolations, innermost last. */
  context: ("string" | "interp")[];
  heredoc: string | null;
  inBlockComment: boolean;
}

const parser: StreamParser<State> = {
  name: "hcl",
  startState: () => ({ context: [], heredoc: null, inBlockComment: false }),
  token(stream, state) {
    if (state.inBlockComment) {
      if (stream.skipTo("*/")) {
        stream.pos += 2;
        state.inBlockComment = false;
      } else stream.skipToEnd();
      return "comment";
    }
    if (state.heredoc !== null) {
      if (stream.sol() && stream.match(new RegExp(`^\\s*${state.heredoc}\\s*$`))) {
        state.heredoc = null;
        return "string";
      }
      stream.skipToEnd();
      return "string";
    }
    const inString = state.context[state.context.length - 1] === "string";
    if (inString) {
      if (stream.match("${") || stream.match("%{")) {
        state.context.push("interp");
        return "meta";
      }
      while (!stream.eol()) {
        const ch = stream.peek();
        if (ch === '"') {
          stream.next();
          state.context.pop();
          return "string";
        }
        if (ch === "\\") {
          stream.next();
          stream.next();
          continue;
        }
        if ((ch === "$" || ch === "%") && stream.string.charAt(stream.pos + 1) === "{") break;
        stream.next();
      }
      return "string";
    }
    if (stream.eatSpace()) return null;
    if (stream.match("#") || stream.match("//")) {
      stream.skipToEnd();
      return "comment";
    }
    if (stream.match("/*")) {
      state.inBlockComment = true;
      return "comment";
    }
    const heredoc = stream.match(/^<<-?([A-Za-z_][A-Za-z0-9_]*)/) as RegExpMatchArray | null;
    if (heredoc) {
      state.heredoc = heredoc[1];
      return "string";
    }
    const ch = stream.peek();
    if (ch === '"') {
      stream.next();
      state.context.push("string");
      return "string";
    }
    if (ch === "}" && state.context[state.context.length - 1] === "interp") {
      stream.next();
      state.context.pop();
      return "meta";
    }
    if (stream.match(/^-?\d+(\.\d+)?([eE][+-]?\d+)?/)) return "number";
    if (stream.match(/^[A-Za-z_][A-Za-z0-9_-]*/)) {
      const word = stream.current();
      if (LITERALS.has(word)) return "atom";
      if (OPERATOR_WORDS.has(word)) return "keyword";
      if (state.context.length === 0 && /^\s*$/.test(stream.string.slice(0, stream.start))) {
        const rest = stream.string.slice(stream.pos);
        if (/^\s*=(?!=)/.test(rest)) return "propertyName";
        if (BLOCK_KEYWORDS.has(word)) return "keyword";
        // A nested block: `ingress {` or `dynamic "x" {`.
        if (/^\s*("[^"]*"\s*)*\{/.test(rest)) return "typeName";
      }
      if (ROOTS.has(word) && stream.peek() === ".") return "variableName.special";
      if (stream.peek() === "(") return "variableName.function";
      return "variableName";
    }
    if (stream.match(/^(==|!=|<=|>=|&&|\|\||=>|\.\.\.|[=!<>+\-*/%?:])/)) return "operator";
    stream.next();
    return null;
  },
  languageData: { commentTokens: { line: "#", block: { open: "/*", close: "*/" } } },
};

export const hcl = StreamLanguage.define(parser);
