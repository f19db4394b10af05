import { describe, expect, it } from "vitest";
import { LatencyLog } from "./edit-latency";

describe("edit latency log", () => {
  it("keeps the last 4,096 values in order", () => {
    const log = new LatencyLog();
    for (let i = 0; i < 5000; i++) log.record(i);
    const kept = log.snapshot();
    expect(kept.length).toBe(4096);
    expect(kept[0]).toBe(5000 - 4096);
    expect(kept[kept.length - 1]).toBe(4999);
    log.clear();
    expect(log.snapshot()).toEqual([]);
  });
});
