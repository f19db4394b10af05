// A Cost view like the demo workspace's (figures as `orbis cost breakdown` prints them).
import type { CostView } from "./generated/types";

export const sampleCost: CostView = {
  folder: "",
  currency: "USD",
  catalog_version: "2026.11.1",
  total_monthly_cost: 91.48,
  resources: [
    {
      address: "aws_instance.web", resource_type: "aws_instance", provider: "aws", region: "us-east-1", module: "", service: "aws/ec2",
      monthly_cost: 35.49, not_estimated: true, price_missing: false,
      tags: [{ key: "Environment", value: "staging" }, { key: "Owner", value: "platform-team" }],
      components: [
        { name: "Instance usage (Linux/UNIX, on-demand, t3.medium)", unit: "hours", monthly_quantity: 730, unit_price: 0.0456, monthly_cost: 33.288, usage_based: false, note: null },
        { name: "CPU credits", unit: "vCPU-hours", monthly_quantity: null, unit_price: 0.05, monthly_cost: null, usage_based: true, note: null },
        { name: "root_block_device: Storage (general purpose SSD, gp2)", unit: "GB", monthly_quantity: 20, unit_price: 0.11, monthly_cost: 2.2, usage_based: false, note: null },
      ],
    },
    {
      address: "aws_s3_bucket.assets", resource_type: "aws_s3_bucket", provider: "aws", region: "us-east-1", module: "", service: "aws/s3",
      monthly_cost: 0, not_estimated: true, price_missing: false, tags: [{ key: "Environment", value: "staging" }],
      components: [{ name: "Standard: Storage", unit: "GB", monthly_quantity: null, unit_price: 0.023, monthly_cost: null, usage_based: true, note: null }],
    },
    {
      address: "aws_db_instance.app", resource_type: "aws_db_instance", provider: "aws", region: "us-east-1", module: "", service: "aws/rds",
      monthly_cost: 55.99, not_estimated: true, price_missing: false, tags: [{ key: "Environment", value: "staging" }],
      components: [
        { name: "Database instance (on-demand, Single-AZ, db.t4g.medium)", unit: "hours", monthly_quantity: 730, unit_price: 0.068, monthly_cost: 49.64, usage_based: false, note: null },
        { name: "Storage (general purpose SSD, gp2)", unit: "GB", monthly_quantity: 50, unit_price: 0.127, monthly_cost: 6.35, usage_based: false, note: null },
      ],
    },
  ],
  free: [{ address: "module.network.aws_vpc.this", resource_type: "aws_vpc" }],
  unsupported: [{ address: "aws_cloudfront_distribution.cdn", resource_type: "aws_cloudfront_distribution", reason: "no cost model for this resource type yet" }],
  not_estimated: 3,
  prices_missing: 0,
  budgets: [
    { budget: "staging", limit_kind: "monthly_total", limit: 50, actual: 91.48, exceeded: true, message: "budget staging: monthly total $91.48 exceeds $50.00" },
  ],
  budget_exceeded: true,
  chargeback: [
    {
      key: "service", label: "Service",
      groups: [
        { key: "aws/rds", monthly_cost: 55.99, resources: 1, not_estimated: 1 },
        { key: "aws/ec2", monthly_cost: 35.49, resources: 1, not_estimated: 1 },
        { key: "aws/s3", monthly_cost: 0, resources: 1, not_estimated: 1 },
      ],
    },
    { key: "module", label: "Module", groups: [{ key: "(root)", monthly_cost: 91.48, resources: 3, not_estimated: 3 }] },
    { key: "tag:Environment", label: "Tag: Environment", groups: [{ key: "staging", monthly_cost: 91.48, resources: 3, not_estimated: 3 }] },
  ],
  usage_file: null,
  warnings: [],
  elapsed_ms: 12,
};
