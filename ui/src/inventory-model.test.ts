import { describe, expect, it } from "vitest";
import type { InventoryRow, InventoryScopeRow } from "./generated/types";
import { costText, filterInventory, inventoryTotals, isStale, scopeFromForm, scopeLabel, tagsText } from "./inventory-model";

function row(p: Partial<InventoryRow>): InventoryRow {
  return {
    cloud: "aws",
    resource_type: "aws_instance",
    id: "i-1",
    name: null,
    region: "eu-west-1",
    account: "123456789012",
    tags: {},
    monthly_cost: null,
    managed_by: null,
    scope: "aws:dev:123456789012 (eu-west-1)",
    ...p,
  };
}

const rows: InventoryRow[] = [
  row({ id: "i-1", name: "web", tags: { Owner: "platform" }, monthly_cost: 7.59, managed_by: "aws_instance.web" }),
  row({ id: "orbis-main", resource_type: "aws_db_instance", monthly_cost: 12.41 }),
  row({ id: "admin", resource_type: "aws_iam_user", region: null }),
  row({
    cloud: "azure",
    resource_type: "azurerm_network_security_group",
    id: "/subscriptions/7b/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg1",
    name: "nsg1",
    region: "westeurope",
    account: "7b",
    scope: "azure:7b",
  }),
  row({ cloud: "gcp", resource_type: "google_storage_bucket", id: "logs", name: "logs", region: "eu", account: "proj-1", tags: { team: "data" } }),
];

describe("inventory filters", () => {
  it("filters by cloud and by managed or not", () => {
    expect(filterInventory(rows, { cloud: "azure", managed: "all", text: "" }).map((r) => r.name)).toEqual(["nsg1"]);
    expect(filterInventory(rows, { cloud: "all", managed: "managed", text: "" }).map((r) => r.id)).toEqual(["i-1"]);
    expect(filterInventory(rows, { cloud: "aws", managed: "unmanaged", text: "" }).map((r) => r.id)).toEqual(["orbis-main", "admin"]);
  });

  it("searches every word over type, name, id, region, account, tags and manager", () => {
    expect(filterInventory(rows, { cloud: "all", managed: "all", text: "owner=platform" }).map((r) => r.id)).toEqual(["i-1"]);
    expect(filterInventory(rows, { cloud: "all", managed: "all", text: "team=data eu" }).map((r) => r.id)).toEqual(["logs"]);
    expect(filterInventory(rows, { cloud: "all", managed: "all", text: "aws_instance.web" }).map((r) => r.id)).toEqual(["i-1"]);
    expect(filterInventory(rows, { cloud: "all", managed: "all", text: "WESTEUROPE" })).toHaveLength(1);
    expect(filterInventory(rows, { cloud: "all", managed: "all", text: "nothing-like-this" })).toEqual([]);
  });
});

describe("inventory totals and texts", () => {
  it("sums only the rows with a cost and counts the managed ones", () => {
    const t = inventoryTotals(rows);
    expect(t).toEqual({ resources: 5, costed: 2, monthly: 7.59 + 12.41, managed: 1 });
    expect(costText(t.monthly)).toBe("$20.00");
    expect(costText(1234.5)).toBe("$1,234.50");
    expect(costText(null)).toBe("—");
    expect(tagsText({ a: "1", b: "" })).toBe("a=1, b=");
  });

  it("labels scopes with their age and flags day-old ones as stale", () => {
    const scope: InventoryScopeRow = {
      source: "gcp:proj-1",
      cloud: "gcp",
      scanned_at: 0,
      age_minutes: 125,
      resources: 3,
      refresh: { cloud: "gcp", projects: ["proj-1"] },
      not_scanned: [],
    };
    expect(scopeLabel(scope)).toBe("Google Cloud · gcp:proj-1 · 3 resources · 2 h ago");
    expect(isStale(scope)).toBe(false);
    expect(isStale({ ...scope, age_minutes: 24 * 60 })).toBe(true);
  });
});

describe("scan form", () => {
  it("reads profile and regions for AWS, id lists for Azure and Google Cloud", () => {
    expect(scopeFromForm("aws", "")).toEqual({ cloud: "aws", profile: null, regions: [] });
    expect(scopeFromForm("aws", "dev eu-west-1, us-east-1")).toEqual({ cloud: "aws", profile: "dev", regions: ["eu-west-1", "us-east-1"] });
    expect(scopeFromForm("aws", "eu-west-1")).toEqual({ cloud: "aws", profile: null, regions: ["eu-west-1"] });
    expect(scopeFromForm("azure", "a, b")).toEqual({ cloud: "azure", subscriptions: ["a", "b"] });
    expect(scopeFromForm("gcp", " p1 ")).toEqual({ cloud: "gcp", projects: ["p1"] });
  });
});
