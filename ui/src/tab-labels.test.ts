import { expect, it } from "vitest";
import { tabLabels } from "./tab-labels";

it("adds the folder only to tabs whose file names collide", () => {
  const labels = tabLabels(["main.tf", "variables.tf", "modules/network/main.tf"]);
  expect(labels.get("main.tf")).toEqual({ name: "main.tf", dir: "./" });
  expect(labels.get("modules/network/main.tf")).toEqual({ name: "main.tf", dir: "modules/network" });
  expect(labels.get("variables.tf")).toEqual({ name: "variables.tf", dir: "" });
});
