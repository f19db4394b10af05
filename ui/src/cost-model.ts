// The Cost view's pure logic: money labels (never "$0.00" for a cost that depends on usage
// nobody gave), row filtering and sorting, the status-bar total, and the debounced re-estimate
// after saves. Rust sends unrounded money; it is rounded to the cent only here, when shown.
import type { CostComponentRow, CostGroup, CostResourceRow, CostView } from "./generated/types";

export const NOT_ESTIMATED = "usage-based — not estimated";

const SYMBOLS: Record<string, string> = { USD: "$", EUR: "€", GBP: "£" };

/** `$1,234.56` (or `1,234.56 CHF` for currencies without a symbol here); -0 shows as 0. */
export function formatMoney(value: number, currency = "USD", digits = 2): string {
  if (!Number.isFinite(value)) return "—";
  const rounded = Math.round(Math.abs(value) * 10 ** digits) / 10 ** digits;
  const text = rounded.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const sign = value < 0 && rounded > 0 ? "-" : "";
  const symbol = SYMBOLS[currency];
  return symbol ? `${sign}${symbol}${text}` : `${sign}${text} ${currency}`;
}

/** Unit prices can be tiny ($0.0004 per 1k requests): 4 significant digits below one unit. */
export function formatUnitPrice(value: number, currency = "USD"): string {
  if (!Number.isFinite(value)) return "—";
  if (value >= 1) return formatMoney(value, currency);
  const text = value.toLocaleString("en-US", { maximumSignificantDigits: 4 });
  const symbol = SYMBOLS[currency];
  return symbol ? `${symbol}${text}` : `${text} ${currency}`;
}

/** The status-bar item: "≈ $92/mo" (whole units: it is an estimate). */
export function statusTotal(view: Pick<CostView, "total_monthly_cost" | "currency">): string {
  return `≈ ${formatMoney(view.total_monthly_cost, view.currency, 0)}/mo`;
}

/** A resource's monthly figure: "$35.49", "$35.49 + usage", or "usage-based — not estimated". */
export function resourceCost(row: Pick<CostResourceRow, "monthly_cost" | "not_estimated"> & { price_missing?: boolean }, currency = "USD"): string {
  const missing = row.price_missing ? " + price not found" : "";
  if (row.not_estimated && row.monthly_cost === 0) return `${NOT_ESTIMATED}${missing}`;
  const money = formatMoney(row.monthly_cost, currency);
  return `${row.not_estimated ? `${money} + usage` : money}${missing}`;
}

/** A chargeback group's figure, with the same rule as a resource's. */
export function groupCost(group: CostGroup, currency = "USD"): string {
  return resourceCost({ monthly_cost: group.monthly_cost, not_estimated: group.not_estimated > 0 }, currency);
}

/** A component's monthly cost, or why there is none. */
export function componentCost(c: CostComponentRow, currency = "USD"): string {
  if (c.monthly_cost !== null) return formatMoney(c.monthly_cost, currency);
  if (c.unit_price === null) return "price not found";
  return c.usage_based ? NOT_ESTIMATED : "quantity unknown";
}

/** "730 hours × $0.0456" style detail of a component ("— × $0.023 per GB" without usage). */
export function componentDetail(c: CostComponentRow, currency = "USD"): string {
  const qty = c.monthly_quantity === null ? "—" : formatQuantity(c.monthly_quantity);
  const price = c.unit_price === null ? "no price" : `${formatUnitPrice(c.unit_price, currency)} per ${singular(c.unit)}`;
  return `${qty} ${c.unit} × ${price}`;
}

function formatQuantity(q: number): string {
  return Number.isInteger(q) ? q.toLocaleString("en-US") : q.toLocaleString("en-US", { maximumFractionDigits: 4 });
}

function singular(unit: string): string {
  return unit === "hours" ? "hour" : unit;
}

export type SortKey = "cost" | "address";

/** Rows matching `query` (address, type, service, module or a tag value; case-insensitive), sorted. */
export function visibleRows(rows: readonly CostResourceRow[], query: string, sort: SortKey): CostResourceRow[] {
  const q = query.trim().toLowerCase();
  const matches = (r: CostResourceRow) =>
    !q ||
    [r.address, r.resource_type, r.service, r.module, ...r.tags.map((t) => `${t.key}=${t.value}`)].some((s) => s.toLowerCase().includes(q));
  const out = rows.filter(matches);
  if (sort === "address") out.sort((a, b) => a.address.localeCompare(b.address));
  // Largest first; among equal costs those not estimated first (they may cost more), then by address.
  else out.sort((a, b) => b.monthly_cost - a.monthly_cost || Number(b.not_estimated) - Number(a.not_estimated) || a.address.localeCompare(b.address));
  return out;
}

/** One line under the total: "4 priced · 10 free · 1 unsupported · 2 usage-based not estimated". */
export function countsLine(view: CostView): string {
  const parts = [`${view.resources.length} priced`, `${view.free.length} free`, `${view.unsupported.length} unsupported`];
  if (view.not_estimated > 0) parts.push(`${view.not_estimated} with usage not estimated`);
  if (view.prices_missing > 0) parts.push(`${view.prices_missing} with a price not in the catalog`);
  return parts.join(" · ");
}

/** The chart theme matching the page (explicit choice, else the OS). */
export function chartTheme(root: HTMLElement = document.documentElement): "light" | "dark" {
  const explicit = root.dataset.theme;
  if (explicit === "dark" || explicit === "light") return explicit;
  return typeof window !== "undefined" && window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

/** An SVG string as an <img> source: the chart never runs as markup inside the page. */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/**
 * Re-estimates after saves, at most once per `delayMs` burst: a "save all" of ten files, or
 * saves while an estimate runs, give one more estimate, not ten. `run` returns when done.
 */
export class Recalc {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private again = false;

  constructor(
    private readonly run: () => Promise<unknown>,
    private readonly delayMs = 800,
  ) {}

  /** A file was saved (or changed on disk). */
  poke(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.fire();
    }, this.delayMs);
  }

  private async fire(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      await this.run();
    } catch {
      // The caller's run reports its own errors.
    } finally {
      this.running = false;
    }
    if (this.again) {
      this.again = false;
      await this.fire();
    }
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** Files whose saving changes an estimate: configuration, variables, usage and settings. */
export function affectsCost(path: string): boolean {
  return /\.(tf|tfvars|tf\.json|tfvars\.json)$/i.test(path) || /(^|\/)\.orbis\.toml$/.test(path) || /usage\.ya?ml$/i.test(path);
}
