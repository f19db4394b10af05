import { describe, expect, it } from "vitest";
import type { CatalogModuleInfo } from "./generated/types";
import { callName, filterModules, groupByCloud, insertion } from "./catalog-model";

const mod = (cloud: string, name: string, extra: Partial<CatalogModuleInfo> = {}): CatalogModuleInfo => ({
  id: `${cloud}/${name}`, name, cloud, version: "1.0.0", description: `${name} module`, category: "network", keywords: [],
  inputs: [], outputs: [], vendored: false, ...extra,
});

const modules = [
  mod("aws", "network", { keywords: ["vpc", "nat"], inputs: [{ name: "cidr_block", description: null, type_text: "string", default_text: "\"10.0.0.0/16\"", required: false, sensitive: false }] }),
  mod("aws", "s3-bucket", { category: "storage" }),
  mod("gcp", "vpc", { keywords: ["network"] }),
];

describe("catalog model", () => {
  it("searches ids, descriptions, keywords and inputs, per cloud", () => {
    expect(filterModules(modules, "", null).map((m) => m.id)).toEqual(["aws/network", "aws/s3-bucket", "gcp/vpc"]);
    expect(filterModules(modules, "NAT", null).map((m) => m.id)).toEqual(["aws/network"]);
    expect(filterModules(modules, "cidr_block", null).map((m) => m.id)).toEqual(["aws/network"]);
    expect(filterModules(modules, "network", "gcp").map((m) => m.id)).toEqual(["gcp/vpc"]);
    expect(filterModules(modules, "storage aws", null).map((m) => m.id)).toEqual(["aws/s3-bucket"]);
    expect(filterModules(modules, "storage gcp", null)).toEqual([]);
  });

  it("groups by cloud in catalog order", () => {
    expect(groupByCloud(modules).map((g) => [g.cloud, g.modules.length])).toEqual([["aws", 2], ["gcp", 1]]);
  });

  it("names a call after the module, avoiding names in use", () => {
    expect(callName("s3-bucket", "")).toBe("s3_bucket");
    expect(callName("network", 'module "network" {\n}\nmodule "network_2" {}\n')).toBe("network_3");
    expect(callName("network", '# module "network" mentioned in a comment\n')).toBe("network");
  });

  it("inserts on an empty line, or after the cursor's line, with blank lines around", () => {
    const block = 'module "n" {\n  source = "./modules/aws/network"\n}\n';
    const apply = (text: string, cursor: number) => {
      const { at, insert } = insertion(text, cursor, block);
      return text.slice(0, at) + insert + text.slice(at);
    };
    expect(apply("", 0)).toBe(block);
    expect(apply("locals {}\n", 4)).toBe(`locals {}\n\n${block}`);
    expect(apply("a = 1\n\nb = 2\n", 6)).toBe(`a = 1\n\n${block}\nb = 2\n`);
    expect(apply("a = 1", 5)).toBe(`a = 1\n\n${block}`);
    expect(apply("a = 1\nb = 2\n", 2)).toBe(`a = 1\n\n${block}\nb = 2\n`);
    // After a block followed by a blank line (Rust moved the cursor past the block's end).
    expect(apply("locals {\n}\n\ndata {}\n", 10)).toBe(`locals {\n}\n\n${block}\ndata {}\n`);
  });
});
