import { describe, expect, it } from "vitest";
import type { DriftRow } from "./generated/types";
import {
  diffLineKind,
  filterRows,
  hasDrift,
  missingAdvice,
  parseRegions,
  resourceTypes,
  scanRequest,
  ageText,
  statusCounts,
  summaryCards,
  svgDataUrl,
  valueText,
  type DriftForm,
} from "./drift-model";

const row = (status: string, resource_type: string, id: string, extra: Partial<DriftRow> = {}): DriftRow => ({
  resource_type,
  id,
  status,
  address: null,
  name: null,
  region: "eu-west-1",
  account: null,
  changes: [],
  ...extra,
});

const rows: DriftRow[] = [
  row("managed", "aws_vpc", "vpc-1", { address: "module.network.aws_vpc.this" }),
  row("unmanaged", "aws_instance", "i-9", { name: "hand-made" }),
  row("changed", "aws_instance", "i-1", {
    address: "aws_instance.web",
    changes: [{ attribute: "instance_type", state: '"t3.micro"', live: '"t3.large"' }],
  }),
  row("missing", "aws_s3_bucket", "assets", { address: "aws_s3_bucket.assets" }),
  row("unmanaged", "aws_ebs_volume", "vol-2"),
];

const form = (over: Partial<DriftForm> = {}): DriftForm => ({
  state: "terraform.tfstate",
  source: "live_aws",
  snapshot: "",
  profile: "",
  regions: "",
  ...over,
});

describe("scan request", () => {
  it("parses regions separated by commas or spaces, once each", () => {
    expect(parseRegions(" eu-west-1, us-east-1  eu-west-1,,")).toEqual(["eu-west-1", "us-east-1"]);
    expect(parseRegions("")).toEqual([]);
  });

  it("builds a live request with the default profile when none is typed", () => {
    expect(scanRequest(form({ regions: "eu-west-1" }))).toEqual({
      request: { state: "terraform.tfstate", source: { kind: "live_aws", profile: null, regions: ["eu-west-1"] } },
    });
    expect(scanRequest(form({ profile: " dev " }))).toEqual({
      request: { state: "terraform.tfstate", source: { kind: "live_aws", profile: "dev", regions: [] } },
    });
  });

  it("needs a state, and a snapshot path for a snapshot source", () => {
    expect(scanRequest(form({ state: " " }))).toHaveProperty("error");
    expect(scanRequest(form({ source: "snapshot" }))).toEqual({ error: expect.stringContaining("snapshot") });
    expect(scanRequest(form({ source: "snapshot", snapshot: "inv/live.json" }))).toEqual({
      request: { state: "terraform.tfstate", source: { kind: "snapshot", path: "inv/live.json" } },
    });
  });
});

describe("summary", () => {
  it("shows in-sync as managed minus changed, and ignored only when some are", () => {
    const cards = summaryCards({ managed: 5, changed: 2, missing: 1, unmanaged: 3, ignored: 0 });
    expect(cards.map((c) => [c.status, c.count])).toEqual([
      ["changed", 2],
      ["missing", 1],
      ["unmanaged", 3],
      ["managed", 3],
    ]);
    expect(summaryCards({ managed: 0, changed: 0, missing: 0, unmanaged: 0, ignored: 4 }).at(-1)).toEqual({
      status: "ignored",
      label: "ignored (.driftignore)",
      count: 4,
    });
  });

  it("has drift only when something is changed, missing or unmanaged", () => {
    expect(hasDrift({ managed: 9, changed: 0, missing: 0, unmanaged: 0, ignored: 3 })).toBe(false);
    expect(hasDrift({ managed: 9, changed: 0, missing: 0, unmanaged: 1, ignored: 0 })).toBe(true);
    expect(hasDrift({ managed: 0, changed: 0, missing: 1, unmanaged: 0, ignored: 0 })).toBe(true);
  });
});

describe("rows", () => {
  it("orders the most urgent class first, then type and id", () => {
    expect(filterRows(rows, { status: "all", type: "", text: "" }).map((r) => r.id)).toEqual(["i-1", "assets", "vol-2", "i-9", "vpc-1"]);
  });

  it("filters by status, type and text (type, id, address, name, changed attribute)", () => {
    expect(filterRows(rows, { status: "unmanaged", type: "", text: "" }).map((r) => r.id)).toEqual(["vol-2", "i-9"]);
    expect(filterRows(rows, { status: "all", type: "aws_instance", text: "" }).map((r) => r.id)).toEqual(["i-1", "i-9"]);
    expect(filterRows(rows, { status: "all", type: "", text: "HAND" }).map((r) => r.id)).toEqual(["i-9"]);
    expect(filterRows(rows, { status: "all", type: "", text: "network" }).map((r) => r.id)).toEqual(["vpc-1"]);
    expect(filterRows(rows, { status: "all", type: "", text: "instance_type" }).map((r) => r.id)).toEqual(["i-1"]);
    expect(filterRows(rows, { status: "missing", type: "aws_vpc", text: "" })).toEqual([]);
  });

  it("counts rows per status and lists the types", () => {
    expect(statusCounts(rows)).toEqual({ all: 5, changed: 1, missing: 1, unmanaged: 2, managed: 1 });
    expect(resourceTypes(rows)).toEqual(["aws_ebs_volume", "aws_instance", "aws_s3_bucket", "aws_vpc"]);
  });

  it("advises a state rm for missing resources with an address", () => {
    expect(missingAdvice(rows[3])).toBe("terraform state rm 'aws_s3_bucket.assets'");
    expect(missingAdvice(rows[4])).toBe("");
  });
});

describe("display helpers", () => {
  it("classifies unified diff lines", () => {
    expect(["--- a/main.tf", "+++ b/main.tf", "@@ -1,3 +1,3 @@", '-  instance_type = "t3.micro"', '+  instance_type = "t3.large"', "   ami = x"].map(diffLineKind)).toEqual([
      "meta",
      "meta",
      "hunk",
      "del",
      "add",
      "ctx",
    ]);
  });

  it("turns SVG into an image URL that round-trips", () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><text>a & b # 100%</text></svg>';
    const url = svgDataUrl(svg);
    expect(url.startsWith("data:image/svg+xml;charset=utf-8,")).toBe(true);
    expect(url).not.toContain("#");
    expect(decodeURIComponent(url.split(",")[1])).toBe(svg);
  });

  it("shows null as absent", () => {
    expect(valueText("null")).toBe("(absent)");
    expect(valueText('"x"')).toBe('"x"');
  });
});

describe("cached scans", () => {
  it("asks for a cached scan id and says how old it is", () => {
    const base = { state: "terraform.tfstate", source: "cached" as const, snapshot: "", profile: "", regions: "" };
    expect(scanRequest(base)).toEqual({ error: expect.stringContaining("cached scan") });
    expect(scanRequest({ ...base, cached: "7" })).toEqual({ request: { state: "terraform.tfstate", source: { kind: "cached", id: 7 } } });
    expect([0, 12, 125, 3000].map(ageText)).toEqual(["just now", "12 min ago", "2 h ago", "2 days ago"]);
  });
});
