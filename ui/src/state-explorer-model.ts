// The State Explorer's rows (pure): module → type → instance, flattened for a virtualized list,
// with collapsed groups and a filter (a set of matching addresses, or text on address and id).
import type { RemoteStateSource, StateLock, StateModuleRow } from "./generated/types";

export type StateRow =
  | { kind: "module"; key: string; label: string; count: number; expanded: boolean }
  | { kind: "type"; key: string; label: string; count: number; expanded: boolean; depth: 1 }
  | { kind: "instance"; key: string; address: string; id: string | null; data: boolean; deposed: boolean };

/** `matches`: addresses to keep (a search's answer), or null for all. */
export function stateRows(modules: readonly StateModuleRow[], collapsed: ReadonlySet<string>, matches: ReadonlySet<string> | null): StateRow[] {
  const rows: StateRow[] = [];
  for (const m of modules) {
    const types = m.types
      .map((t) => ({ t, instances: matches ? t.instances.filter((i) => matches.has(i.address)) : t.instances }))
      .filter((x) => x.instances.length > 0);
    if (types.length === 0) continue;
    const moduleKey = `m:${m.module}`;
    const moduleOpen = !collapsed.has(moduleKey);
    rows.push({ kind: "module", key: moduleKey, label: m.module, count: types.reduce((n, x) => n + x.instances.length, 0), expanded: moduleOpen });
    if (!moduleOpen) continue;
    for (const { t, instances } of types) {
      const typeKey = `t:${m.module}/${t.resource_type}`;
      const typeOpen = !collapsed.has(typeKey);
      rows.push({ kind: "type", key: typeKey, label: t.resource_type, count: instances.length, expanded: typeOpen, depth: 1 });
      if (!typeOpen) continue;
      for (const i of instances) rows.push({ kind: "instance", key: `i:${i.address}`, address: i.address, id: i.id, data: i.data, deposed: i.deposed });
    }
  }
  return rows;
}

/** The addresses whose address or id contain `text` (case-insensitive), for the quick filter
 * while the Rust search (which also looks into values) is not needed. */
export function quickMatches(modules: readonly StateModuleRow[], text: string): Set<string> {
  const q = text.toLowerCase();
  const out = new Set<string>();
  for (const m of modules)
    for (const t of m.types)
      for (const i of t.instances) if (i.address.toLowerCase().includes(q) || (i.id ?? "").toLowerCase().includes(q)) out.add(i.address);
  return out;
}

/** `OperationTypeApply` → `apply` (Terraform's lock record names the operation so). */
export function lockOperation(operation: string): string {
  // Terraform's `OperationTypeApply` → `apply`; other backends' words (HCP Terraform's
  // `run (applying)`) are kept as written.
  if (!operation.startsWith("OperationType")) return operation || "an operation";
  const plain = operation.replace(/^OperationType/, "");
  return plain ? plain.toLowerCase() : "an operation";
}

/** The clock time of an RFC 3339 timestamp in the user's zone (`10:02`), else the text as is. */
export function lockTime(created: string, now: Date = new Date()): string {
  const t = new Date(created);
  if (!created || Number.isNaN(t.getTime())) return created || "?";
  const hhmm = t.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hour12: false });
  return t.toDateString() === now.toDateString() ? hhmm : `${t.toLocaleDateString()} ${hhmm}`;
}

/** `alice@host since 10:02, apply` for the remote banner. */
export function lockHolder(lock: StateLock, now: Date = new Date()): string {
  // HCP Terraform does not say since when a user holds a workspace lock.
  const since = lock.created ? ` since ${lockTime(lock.created, now)}` : "";
  return `${lock.who || "someone"}${since}, ${lockOperation(lock.operation)}`;
}

const LOCK_KIND: Record<string, string> = {
  dynamodb: "DynamoDB lock table",
  s3_lockfile: "S3 lock file",
  azure_lease: "Azure blob lease",
  gcs_lockfile: "GCS lock file",
  tfe_workspace: "HCP Terraform workspace lock",
};

/** The remote state's title line: `Remote state: s3://b/k (locked by alice@host since 10:02, plan)`. */
export function remoteTitle(remote: RemoteStateSource, now: Date = new Date()): string {
  const first = remote.locks[0];
  const lock = first ? ` (locked by ${lockHolder(first.lock, now)})` : "";
  return `Remote state: ${remote.url}${lock}`;
}

/** Where each lock was seen (`DynamoDB lock table`, `S3 lock file`, `Azure blob lease`…). */
export function lockKinds(remote: RemoteStateSource): string[] {
  return remote.locks.map((l) => LOCK_KIND[l.kind] ?? l.kind);
}
