import { describe, expect, it } from "vitest";
import { LatencyLog, percentile } from "./edit-latency";

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

  it("percentiles use the nearest rank", () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted
    expect(percentile(values, 0.5)).toBe(50);
    expect(percentile(values, 0.99)).toBe(99);
    expect(percentile(values, 1)).toBe(100);
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([], 0.5)).toBeNaN();
  });
});
