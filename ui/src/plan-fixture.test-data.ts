// A small plan shaped like the demo's sample plan, for the UI tests' fake Api.
import type { PlanChangeDetail, PlanChangeRow, PlanReviewView } from "./generated/types";

const row = (index: number, address: string, over: Partial<PlanChangeRow>): PlanChangeRow => ({
  index,
  address,
  module: address.startsWith("module.") ? address.split(".").slice(0, 2).join(".") : "",
  resource_type: (address.startsWith("module.") ? address.split(".")[2] : address.split(".")[0]),
  action: "create",
  create_before_destroy: false,
  data: false,
  risk: "low",
  policy: null,
  moved_from: null,
  importing: false,
  ...over,
});

export const samplePlan: PlanReviewView = {
  name: "sample-plan.json",
  location: "plans/sample-plan.json",
  kind: "plan",
  terraform_version: "1.9.5",
  format_version: "1.2",
  counts: { create: 2, update: 2, delete: 1, replace: 1, read: 0, no_op: 1, forget: 0, other: 0, moved: 0, import: 0, drift: 0, output_changes: 2 },
  verdict: "dangerous",
  max_risk: "critical",
  errored: false,
  complete: true,
  changes: [
    row(0, "aws_security_group.web", { action: "update", risk: "critical", policy: "deny" }),
    row(1, "aws_instance.web", { action: "replace", risk: "medium" }),
    row(2, "aws_s3_bucket.assets", {}),
    row(3, "aws_s3_bucket_versioning.assets", {}),
    row(4, "aws_db_instance.app", { action: "update" }),
    row(5, "module.network.aws_vpc.this", { action: "no_op", risk: "none" }),
    row(6, "module.network.aws_cloudwatch_log_group.old_flow", { action: "delete", risk: "medium" }),
  ],
  policy: [
    { policy: "no_open_admin_ports", result: "deny", message: "aws_security_group.web: port 22 is open to the internet", address: "aws_security_group.web", change: 0 },
    { policy: "required_tags", result: "warn", message: "aws_s3_bucket.assets: missing required tags Owner", address: "aws_s3_bucket.assets", change: 2 },
  ],
  policies_passed: 3,
  policy_checked: true,
  redacted_values: 3,
  id: 1,
  elapsed_ms: 12,
  policy_ms: 40,
  lint: [
    { rule_id: "ORB-AWS-025", severity: "high", address: "aws_instance.web", message: 'http_tokens = "optional" allows IMDSv1', change: 1 },
    { rule_id: "ORB-AWS-001", severity: "high", address: "aws_security_group.web", message: "SSH (port 22) is open to the internet (0.0.0.0/0 or ::/0)", change: 0 },
    { rule_id: "ORB-AWS-031", severity: "medium", address: "aws_s3_bucket.assets", message: "S3 bucket has no server-side encryption configuration", change: 2 },
  ],
  cost: {
    currency: "USD",
    past_total_monthly_cost: 49.57,
    total_monthly_cost: 91.035,
    diff_total_monthly_cost: 41.465,
    catalog_version: "2026.11.1",
    unsupported: [],
    budgets: [],
    budget_exceeded: false,
    warnings: [],
  },
  cost_error: null,
  blocked_by: [],
  settings_warnings: [],
  budget_warnings: [],
};

export function sampleDetail(index: number): PlanChangeDetail {
  const r = samplePlan.changes[index];
  const base: PlanChangeDetail = {
    index,
    address: r.address,
    previous_address: null,
    resource_type: r.resource_type,
    provider: "registry.terraform.io/hashicorp/aws",
    action: r.action,
    actions: ["update"],
    create_before_destroy: false,
    action_reason: null,
    importing: null,
    risk: r.risk,
    reasons: [],
    diff: [],
    policy: samplePlan.policy.filter((p) => p.change === index),
    lint: samplePlan.lint.filter((f) => f.change === index),
    cost: { status: "free", past_monthly_cost: 0, monthly_cost: 0, diff_monthly_cost: 0, reason: null },
  };
  if (r.address === "aws_instance.web") {
    return {
      ...base,
      actions: ["delete", "create"],
      action_reason: "replace_because_cannot_update",
      cost: { status: "priced", past_monthly_cost: 18.4, monthly_cost: 35.04, diff_monthly_cost: 16.64, reason: null },
      reasons: [{ code: "replace", level: "medium", message: "resource is replaced: old object destroyed before the new one is created (downtime)" }],
      diff: [
        { path: "ami", change: "changed", before: { kind: "value", text: '"ami-0a8e758f5e873d1c1"' }, after: { kind: "value", text: '"ami-0c1bc246476a5572b"' } },
        { path: "arn", change: "added", before: { kind: "absent", text: "" }, after: { kind: "unknown", text: "" } },
        { path: "user_data_secret", change: "changed", before: { kind: "sensitive", text: "" }, after: { kind: "sensitive", text: "" } },
      ],
    };
  }
  if (r.address === "aws_security_group.web") {
    return { ...base, reasons: [{ code: "internet-admin-port", level: "critical", message: "newly opens admin port(s) 22 to the internet (0.0.0.0/0)" }] };
  }
  return base;
}
