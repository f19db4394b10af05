import { afterEach, describe, expect, it, vi } from "vitest";
import {
  NOT_ESTIMATED, Recalc, affectsCost, componentCost, componentDetail, countsLine, formatMoney, formatUnitPrice, groupCost,
  resourceCost, statusTotal, svgDataUrl, visibleRows,
} from "./cost-model";
import { sampleCost } from "./cost-fixture.test-data";

describe("money labels", () => {
  it("rounds to the cent only when shown, with thousands separators", () => {
    expect(formatMoney(1234.565)).toBe("$1,234.57");
    expect(formatMoney(33.288)).toBe("$33.29");
    expect(formatMoney(-0.001)).toBe("$0.00");
    expect(formatMoney(-12.5)).toBe("-$12.50");
    expect(formatMoney(10, "EUR")).toBe("€10.00");
    expect(formatMoney(10, "CHF")).toBe("10.00 CHF");
    expect(formatMoney(Number.NaN)).toBe("—");
  });

  it("keeps tiny unit prices readable", () => {
    expect(formatUnitPrice(0.0456)).toBe("$0.0456");
    expect(formatUnitPrice(0.0004)).toBe("$0.0004");
    expect(formatUnitPrice(12.5)).toBe("$12.50");
  });

  it("the status bar shows the whole-dollar total", () => {
    expect(statusTotal(sampleCost)).toBe("≈ $91/mo");
    expect(statusTotal({ total_monthly_cost: 1234.5, currency: "USD" })).toBe("≈ $1,235/mo");
  });

  it("never says $0.00 for a cost that depends on usage nobody gave", () => {
    const [web, bucket, db] = sampleCost.resources;
    expect(resourceCost(bucket)).toBe(NOT_ESTIMATED);
    expect(resourceCost(web)).toBe("$35.49 + usage");
    expect(resourceCost({ ...db, not_estimated: false })).toBe("$55.99");
    expect(groupCost(sampleCost.chargeback[0].groups[2])).toBe(NOT_ESTIMATED);
    expect(componentCost(bucket.components[0])).toBe(NOT_ESTIMATED);
    expect(componentCost({ ...bucket.components[0], unit_price: null })).toBe("price not found");
    expect(componentCost(web.components[0])).toBe("$33.29");
    expect(resourceCost({ ...db, price_missing: true })).toBe("$55.99 + usage + price not found");
    // A real zero (a free tier) is still $0.00.
    expect(resourceCost({ monthly_cost: 0, not_estimated: false })).toBe("$0.00");
  });

  it("details a component as quantity × unit price", () => {
    const [web, bucket] = sampleCost.resources;
    expect(componentDetail(web.components[0])).toBe("730 hours × $0.0456 per hour");
    expect(componentDetail(bucket.components[0])).toBe("— GB × $0.023 per GB");
  });
});

describe("rows", () => {
  it("sort largest first and filter by address, service or tag", () => {
    expect(visibleRows(sampleCost.resources, "", "cost").map((r) => r.address)).toEqual([
      "aws_db_instance.app", "aws_instance.web", "aws_s3_bucket.assets",
    ]);
    expect(visibleRows(sampleCost.resources, "", "address")[0].address).toBe("aws_db_instance.app");
    expect(visibleRows(sampleCost.resources, "AWS/S3", "cost").map((r) => r.address)).toEqual(["aws_s3_bucket.assets"]);
    expect(visibleRows(sampleCost.resources, "owner=platform", "cost").map((r) => r.address)).toEqual(["aws_instance.web"]);
    expect(visibleRows(sampleCost.resources, "nothing-like-this", "cost")).toEqual([]);
  });

  it("counts priced, free, unsupported and not estimated", () => {
    expect(countsLine(sampleCost)).toBe("3 priced · 1 free · 1 unsupported · 3 with usage not estimated");
  });

  it("charts go in as image data, not markup", () => {
    const url = svgDataUrl('<svg><text>a<b</text></svg>');
    expect(url.startsWith("data:image/svg+xml;charset=utf-8,")).toBe(true);
    expect(url).not.toContain("<");
  });
});

describe("re-estimate after saves", () => {
  afterEach(() => vi.useRealTimers());

  it("runs once per burst of saves and once more for saves during a run", async () => {
    vi.useFakeTimers();
    let release: () => void = () => {};
    const run = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const recalc = new Recalc(run, 500);
    recalc.poke();
    recalc.poke();
    await vi.advanceTimersByTimeAsync(499);
    expect(run).not.toHaveBeenCalled();
    recalc.poke();
    await vi.advanceTimersByTimeAsync(500);
    expect(run).toHaveBeenCalledTimes(1);
    // Saved again while estimating: one more run after it, not in parallel.
    recalc.poke();
    await vi.advanceTimersByTimeAsync(500);
    expect(run).toHaveBeenCalledTimes(1);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(2);
    release();
    recalc.dispose();
  });

  it("only configuration, variables, usage and settings files count", () => {
    expect(affectsCost("main.tf")).toBe(true);
    expect(affectsCost("envs/prod.tfvars")).toBe(true);
    expect(affectsCost(".orbis.toml")).toBe(true);
    expect(affectsCost("infracost-usage.yml")).toBe(true);
    expect(affectsCost("README.md")).toBe(false);
    expect(affectsCost("plans/sample-plan.json")).toBe(false);
  });
});
