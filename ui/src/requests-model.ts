// The Requests view's logic, without React: the form generated from a catalog module's
// variables (one field per input, typed from its `type` expression), turning typed text into
// JSON values with errors a person can act on, and the list's grouping and wording.
import type { CatalogInput, CatalogModuleInfo, TeamRequest } from "./generated/types";

/** How a field is edited: a text box, a number box, a checkbox, or JSON (lists, maps, objects). */
export type FieldKind = "text" | "number" | "bool" | "json";

export interface RequestField {
  name: string;
  kind: FieldKind;
  required: boolean;
  /** Shown under the field: the description, and the default when there is one. */
  hint: string;
  /** The type as the module declares it (`list(string)`), for the JSON fields' placeholder. */
  typeText: string;
  /** Sensitive inputs are shown disabled: a request is readable by the whole workspace. */
  sensitive: boolean;
}

export function fieldKind(typeText: string | null): FieldKind {
  const t = (typeText ?? "").replace(/\s+/g, "");
  if (t === "string") return "text";
  if (t === "number") return "number";
  if (t === "bool") return "bool";
  // `any` or no type: typed text stays text unless it reads as JSON.
  if (t === "" || t === "any") return "text";
  return "json";
}

/** One field per module input: required ones first, then the rest, each group by name. */
export function formFields(module: CatalogModuleInfo): RequestField[] {
  const field = (i: CatalogInput): RequestField => {
    const parts = [i.description ?? ""];
    if (i.default_text !== null) parts.push(`Default: ${i.default_text}`);
    if (i.sensitive) parts.push("Sensitive: set where the plan runs, not in a request.");
    return {
      name: i.name,
      kind: fieldKind(i.type_text),
      required: i.required,
      hint: parts.filter(Boolean).join(" · "),
      typeText: i.type_text ?? "any",
      sensitive: i.sensitive,
    };
  };
  const byName = (a: CatalogInput, b: CatalogInput) => a.name.localeCompare(b.name);
  return [...module.inputs.filter((i) => i.required).sort(byName), ...module.inputs.filter((i) => !i.required).sort(byName)].map(field);
}

export type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Typed text → the JSON value sent, `undefined` when left empty (the module's default
 * applies). A bool field's text is "true"/"false" (the checkbox writes it).
 */
export function parseField(field: RequestField, text: string): Parsed {
  const t = text.trim();
  if (t === "") return { ok: true, value: undefined };
  switch (field.kind) {
    case "text":
      return { ok: true, value: text };
    case "number": {
      const n = Number(t);
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, error: `${field.name} must be a number` };
    }
    case "bool":
      if (t === "true" || t === "false") return { ok: true, value: t === "true" };
      return { ok: false, error: `${field.name} must be true or false` };
    case "json":
      try {
        return { ok: true, value: JSON.parse(t) };
      } catch {
        return { ok: false, error: `${field.name} must be JSON for ${field.typeText} (e.g. ${jsonExample(field.typeText)})` };
      }
  }
}

function jsonExample(typeText: string): string {
  const t = typeText.replace(/\s+/g, "");
  if (t.startsWith("list(") || t.startsWith("set(") || t.startsWith("tuple(")) return '["a", "b"]';
  if (t.startsWith("map(") || t.startsWith("object(")) return '{"key": "value"}';
  return '"text"';
}

export interface RequestDraft {
  module: string;
  environment: string;
  reason: string;
  /** Typed text by input name. */
  values: Record<string, string>;
}

export type Built = { ok: true; variables: Record<string, unknown> } | { ok: false; errors: string[] };

/** The request's variables from the draft, or every problem at once. */
export function buildVariables(fields: readonly RequestField[], draft: RequestDraft): Built {
  const errors: string[] = [];
  const variables: Record<string, unknown> = {};
  if (!draft.environment.trim()) errors.push("Name the environment (e.g. dev, staging, prod)");
  if (!draft.reason.trim()) errors.push("Say what it is for: the approver reads the reason");
  for (const f of fields) {
    if (f.sensitive) continue;
    const parsed = parseField(f, draft.values[f.name] ?? "");
    if (!parsed.ok) errors.push(parsed.error);
    else if (parsed.value !== undefined) variables[f.name] = parsed.value;
    else if (f.required) errors.push(`${f.name} is required`);
  }
  return errors.length ? { ok: false, errors } : { ok: true, variables };
}

export const STATUS_LABEL: Record<string, string> = {
  requested: "Waiting for approval",
  approved: "Approved: ready to plan",
  rejected: "Rejected",
  planned: "Planned: plan waits for approval",
  applied: "Applied",
  failed: "Failed",
};

export function statusLabel(status: string): string {
  return STATUS_LABEL[status] ?? status;
}

/** Open requests (something still to do) first, newest first within each part. */
export function splitRequests(requests: readonly TeamRequest[]): { open: TeamRequest[]; closed: TeamRequest[] } {
  const newest = (a: TeamRequest, b: TeamRequest) => b.created_at - a.created_at;
  const closed = new Set(["rejected", "applied", "failed"]);
  return {
    open: requests.filter((r) => !closed.has(r.status)).sort(newest),
    closed: requests.filter((r) => closed.has(r.status)).sort(newest),
  };
}

/** What this person can do next with the request, in words. */
export function nextStep(r: TeamRequest): string {
  if (r.can_decide) return "Approve or reject it.";
  if (r.status === "requested") return r.mine ? "An approver decides next." : "Waiting for an approver.";
  if (r.status === "planned") return "An approver approves the plan (Approvals inbox); then apply it.";
  if (r.can_run && !r.folder) return "Create its workspace, then run init and plan in it.";
  if (r.can_run && r.status === "approved") return "Run init and plan in its workspace: the plan is reported to the request.";
  return "";
}

/** `name = "x"` lines of the variables, for the card. */
export function variableLines(variables: Record<string, unknown>): string[] {
  return Object.keys(variables)
    .sort()
    .map((k) => `${k} = ${JSON.stringify(variables[k])}`);
}
