import { describe, expect, it } from "vitest";
import { parentOf, visibleRows } from "./tree-model";
import type { DirListing, TreeEntry } from "./generated/types";

const dir = (path: string): TreeEntry => ({ name: path.split("/").pop()!, path, kind: "dir", language: "plain" });
const file = (path: string): TreeEntry => ({ name: path.split("/").pop()!, path, kind: "file", language: "terraform" });

const listings = new Map<string, DirListing>([
  ["", { path: "", entries: [dir("modules"), dir("k8s"), file("main.tf")] }],
  ["modules", { path: "modules", entries: [dir("modules/network")] }],
  ["modules/network", { path: "modules/network", entries: [file("modules/network/main.tf")] }],
]);

describe("visibleRows", () => {
  it("shows only the top level when nothing is expanded", () => {
    expect(visibleRows(listings, new Set()).map((r) => r.entry.path)).toEqual(["modules", "k8s", "main.tf"]);
  });

  it("nests expanded folders depth first with their depth", () => {
    const rows = visibleRows(listings, new Set(["modules", "modules/network"]));
    expect(rows.map((r) => [r.entry.path, r.depth])).toEqual([
      ["modules", 0],
      ["modules/network", 1],
      ["modules/network/main.tf", 2],
      ["k8s", 0],
      ["main.tf", 0],
    ]);
  });

  it("marks an expanded folder that is not loaded yet as loading", () => {
    const rows = visibleRows(listings, new Set(["k8s"]));
    const k8s = rows.find((r) => r.entry.path === "k8s")!;
    expect(k8s.expanded && k8s.loading).toBe(true);
  });

  it("handles a 10,000-entry folder and very deep nesting without recursion", () => {
    const big = new Map<string, DirListing>();
    big.set("", { path: "", entries: Array.from({ length: 10_000 }, (_, i) => file(`f${i}.tf`)) });
    expect(visibleRows(big, new Set())).toHaveLength(10_000);

    const deep = new Map<string, DirListing>();
    const open = new Set<string>();
    let parent = "";
    for (let i = 0; i < 5_000; i++) {
      const path = parent ? `${parent}/d` : "d";
      deep.set(parent, { path: parent, entries: [dir(path)] });
      open.add(path);
      parent = path;
    }
    const rows = visibleRows(deep, open);
    expect(rows).toHaveLength(5_000);
    expect(rows[4_999].depth).toBe(4_999);
  });
});

describe("parentOf", () => {
  it("returns the containing folder", () => {
    expect(parentOf("modules/network/main.tf")).toBe("modules/network");
    expect(parentOf("main.tf")).toBe("");
  });
});
