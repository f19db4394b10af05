import { describe, expect, it } from "vitest";
import type { CredentialEntry, CredentialReport } from "./generated/types";
import {
  entryKey, expiryText, groupByCloud, mergeLive, secretNameProblem, secretUse, shortIdentity, statusBarSummary, statusLabel, statusTone,
} from "./credentials-model";

function entry(over: Partial<CredentialEntry>): CredentialEntry {
  return {
    cloud: "aws", context: "dev", status: "ok", identity: null, expires_at: null, message: "m", fix: null,
    verified: false, checked_at: null, can_check_live: true, active: false, ...over,
  };
}

const NOW = Date.parse("2026-11-27T12:00:00Z");

describe("credentials model", () => {
  it("tells offline from live ok and tones the problems", () => {
    expect(statusLabel(entry({}))).toBe("configured");
    expect(statusLabel(entry({ verified: true }))).toBe("works");
    expect(statusLabel(entry({ status: "expired" }))).toBe("expired");
    expect(statusTone("ok")).toBe("ok");
    expect(statusTone("missing")).toBe("warn");
    expect(statusTone("expired")).toBe("warn");
    expect(statusTone("denied")).toBe("error");
    expect(statusTone("error")).toBe("error");
  });

  it("says expiry in words", () => {
    expect(expiryText(null, NOW)).toBe("");
    expect(expiryText("2026-11-27T15:00:00Z", NOW)).toBe("expires in 3 h");
    expect(expiryText("2026-11-27T12:20:00Z", NOW)).toBe("expires in 20 min");
    expect(expiryText("2026-11-25T12:00:00Z", NOW)).toBe("expired 2 days ago");
    expect(expiryText("2020-01-01T00:00:00Z", NOW)).toBe("expired 7 years ago");
    expect(expiryText("not a date", NOW)).toBe("not a date");
  });

  it("groups rows by cloud in a fixed order", () => {
    const groups = groupByCloud([
      entry({ cloud: "kubernetes", context: "kind" }),
      entry({ context: "a" }),
      entry({ cloud: "azure", context: null }),
      entry({ context: "b" }),
    ]);
    expect(groups.map((g) => [g.cloud, g.entries.map((e) => e.context)])).toEqual([
      ["aws", ["a", "b"]],
      ["azure", [null]],
      ["kubernetes", ["kind"]],
    ]);
  });

  it("summarizes the active AWS context for the status bar", () => {
    const report = (entries: CredentialEntry[], active: string | null): CredentialReport => ({ entries, active_aws: active });
    expect(statusBarSummary(null)).toBeNull();
    const expired = statusBarSummary(report([entry({ context: "dev", status: "expired", active: true, fix: "aws sso login --profile dev" })], "dev"));
    expect(expired).toEqual({ label: "AWS: dev (expired)", warn: true, title: "m\nFix: aws sso login --profile dev" });
    const ok = statusBarSummary(report([entry({ context: "dev", active: true })], "dev"));
    expect(ok?.warn).toBe(false);
    expect(ok?.label).toBe("AWS: dev");
    const live = statusBarSummary(
      report([entry({ context: "dev", active: true, verified: true, identity: "arn:aws:sts::123456789012:assumed-role/deployer/s1 (account 123456789012)" })], "dev"),
    );
    expect(live?.label).toBe("AWS: dev · assumed-role/deployer/s1");
    const none = statusBarSummary(report([entry({ context: null, status: "missing", message: "No AWS profile" })], null));
    expect(none).toEqual({ label: "AWS: not configured", warn: false, title: "No AWS profile" });
  });

  it("merges a live verdict into its row only, keeping the active flag", () => {
    const r: CredentialReport = { entries: [entry({ context: "a", active: true }), entry({ context: "b" })], active_aws: "a" };
    const merged = mergeLive(r, entry({ context: "a", verified: true, status: "denied", active: false }));
    expect(merged.entries[0]).toMatchObject({ context: "a", verified: true, status: "denied", active: true });
    expect(merged.entries[1]).toBe(r.entries[1]);
    expect(entryKey(entry({ cloud: "gcp", context: null }))).toBe("gcp:");
  });

  it("checks secret names as the keychain store does", () => {
    expect(secretNameProblem("TF_VAR_db_password")).toBeNull();
    expect(secretNameProblem("_X1")).toBeNull();
    expect(secretNameProblem("")).toMatch(/TF_VAR_/);
    expect(secretNameProblem("1X")).toMatch(/not starting with a digit/);
    expect(secretNameProblem("A-B")).not.toBeNull();
    expect(secretNameProblem("x".repeat(129))).toMatch(/128/);
    expect(secretUse("TF_VAR_db_password")).toBe("sets var.db_password");
    expect(secretUse("GITHUB_TOKEN")).toBe("environment variable");
  });

  it("shortens only AWS ARNs", () => {
    expect(shortIdentity("arn:aws:sts::123456789012:user/moto (account 123456789012)")).toBe("user/moto");
    expect(shortIdentity("role Admin in account 1111")).toBe("role Admin in account 1111");
  });
});
