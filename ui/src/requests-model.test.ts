import { describe, expect, it } from "vitest";
import type { CatalogModuleInfo, TeamRequest } from "./generated/types";
import { buildVariables, fieldKind, formFields, nextStep, parseField, splitRequests, statusLabel, variableLines } from "./requests-model";

const bucket: CatalogModuleInfo = {
  id: "aws/s3-bucket",
  name: "s3-bucket",
  cloud: "aws",
  version: "1.0.0",
  description: "S3 bucket",
  category: "storage",
  keywords: [],
  outputs: [],
  vendored: false,
  inputs: [
    { name: "versioning", description: "Keep versions.", type_text: "bool", default_text: "true", required: false, sensitive: false },
    { name: "name", description: "Bucket name.", type_text: "string", default_text: null, required: true, sensitive: false },
    { name: "tags", description: null, type_text: "map(string)", default_text: "{}", required: false, sensitive: false },
    { name: "expiration_days", description: null, type_text: "number", default_text: "90", required: false, sensitive: false },
    { name: "kms_key_secret", description: null, type_text: "string", default_text: "null", required: false, sensitive: true },
  ],
};

function request(over: Partial<TeamRequest>): TeamRequest {
  return {
    id: "r1",
    module: "aws/s3-bucket",
    module_version: "1.0.0",
    environment: "prod",
    variables: {},
    reason: "x",
    status: "requested",
    requester: "alice",
    mine: false,
    decided_by: null,
    decision_comment: null,
    plan_sha256: null,
    history: [],
    can_decide: false,
    can_run: false,
    folder: null,
    created_at: 1,
    updated_at: 1,
    ...over,
  };
}

describe("formFields", () => {
  it("makes one typed field per input, required ones first", () => {
    const fields = formFields(bucket);
    expect(fields.map((f) => f.name)).toEqual(["name", "expiration_days", "kms_key_secret", "tags", "versioning"]);
    expect(fields.map((f) => f.kind)).toEqual(["text", "number", "text", "json", "bool"]);
    expect(fields[0]).toMatchObject({ required: true, hint: "Bucket name." });
    expect(fields[4].hint).toBe("Keep versions. · Default: true");
    expect(fields[2].sensitive).toBe(true);
    expect(fields[2].hint).toMatch(/Sensitive/);
  });

  it("reads types with spaces and unknown ones", () => {
    expect(fieldKind(" list( string ) ")).toBe("json");
    expect(fieldKind(null)).toBe("text");
    expect(fieldKind("any")).toBe("text");
  });
});

describe("parseField and buildVariables", () => {
  const fields = formFields(bucket);
  const f = (name: string) => fields.find((x) => x.name === name)!;

  it("turns text into JSON values, empty into the module's default", () => {
    expect(parseField(f("expiration_days"), " 30 ")).toEqual({ ok: true, value: 30 });
    expect(parseField(f("versioning"), "false")).toEqual({ ok: true, value: false });
    expect(parseField(f("tags"), '{"team": "web"}')).toEqual({ ok: true, value: { team: "web" } });
    expect(parseField(f("name"), "  ")).toEqual({ ok: true, value: undefined });
    expect(parseField(f("name"), " keep spaces ")).toEqual({ ok: true, value: " keep spaces " });
  });

  it("says what is wrong with a value", () => {
    expect(parseField(f("expiration_days"), "soon")).toEqual({ ok: false, error: "expiration_days must be a number" });
    expect(parseField(f("tags"), "{team: web}")).toEqual({
      ok: false,
      error: 'tags must be JSON for map(string) (e.g. {"key": "value"})',
    });
  });

  it("lists every problem at once and never sends a sensitive input", () => {
    expect(buildVariables(fields, { module: bucket.id, environment: "", reason: "", values: { expiration_days: "x" } })).toEqual({
      ok: false,
      errors: ["Name the environment (e.g. dev, staging, prod)", "Say what it is for: the approver reads the reason", "name is required", "expiration_days must be a number"],
    });
    expect(
      buildVariables(fields, {
        module: bucket.id,
        environment: "prod",
        reason: "artifacts",
        values: { name: "team-artifacts", versioning: "true", kms_key_secret: "do-not-send", tags: "" },
      }),
    ).toEqual({ ok: true, variables: { name: "team-artifacts", versioning: true } });
  });
});

describe("the list", () => {
  it("puts open requests first, newest first", () => {
    const { open, closed } = splitRequests([
      request({ id: "a", status: "applied", created_at: 5 }),
      request({ id: "b", status: "requested", created_at: 1 }),
      request({ id: "c", status: "planned", created_at: 3 }),
      request({ id: "d", status: "rejected", created_at: 9 }),
    ]);
    expect(open.map((r) => r.id)).toEqual(["c", "b"]);
    expect(closed.map((r) => r.id)).toEqual(["d", "a"]);
  });

  it("words the status and the next step for this person", () => {
    expect(statusLabel("planned")).toBe("Planned: plan waits for approval");
    expect(statusLabel("odd")).toBe("odd");
    expect(nextStep(request({ can_decide: true }))).toBe("Approve or reject it.");
    expect(nextStep(request({ mine: true }))).toBe("An approver decides next.");
    expect(nextStep(request({ status: "approved", can_run: true }))).toMatch(/^Create its workspace/);
    expect(nextStep(request({ status: "approved", can_run: true, folder: "/w" }))).toMatch(/^Run init and plan/);
    expect(nextStep(request({ status: "planned", can_run: true }))).toMatch(/^An approver approves the plan/);
    expect(nextStep(request({ status: "applied" }))).toBe("");
  });

  it("shows variables as sorted assignments", () => {
    expect(variableLines({ b: [1, 2], a: "x" })).toEqual(['a = "x"', "b = [1,2]"]);
  });
});
