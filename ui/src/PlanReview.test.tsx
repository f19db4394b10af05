import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { PlanReview } from "./PlanReview";
import type { Api } from "./api";
import { samplePlan, sampleDetail } from "./plan-fixture.test-data";

function api(overrides: Partial<Api> = {}): Api {
  return {
    planChange: vi.fn(async (i: number) => sampleDetail(i)),
    exportPlanReport: vi.fn(async () => "/home/me/sample-plan-review.md"),
    ...overrides,
  } as unknown as Api;
}

const addresses = () => screen.queryAllByRole("treeitem").map((e) => e.getAttribute("data-address")).filter(Boolean);

describe("PlanReview", () => {
  it("shows counts, verdict and opens on the riskiest change", async () => {
    render(<PlanReview api={api()} plan={samplePlan} onError={() => {}} />);
    expect(screen.getByTestId("plan-count-create").textContent).toContain("2");
    expect(screen.getByTestId("plan-count-replace").textContent).toContain("1");
    expect(screen.getByTestId("plan-count-read").className).toContain("zero");
    expect(screen.getByTestId("plan-verdict").textContent).toContain("Dangerous");
    const detail = await screen.findByTestId("change-detail");
    expect(detail.textContent).toContain("aws_security_group.web");
    expect(within(screen.getByTestId("risk-panel")).getByText(/admin port/)).toBeTruthy();
  });

  it("shows the lint count and cost delta, and the selected change's lint and cost", async () => {
    render(<PlanReview api={api()} plan={samplePlan} onError={() => {}} />);
    expect(screen.getByTestId("plan-lint-count").textContent).toContain("3");
    expect(screen.getByTestId("plan-cost").textContent).toContain("+$41.47/mo");
    expect(screen.getByTestId("plan-cost").getAttribute("title")).toContain("$49.57 → $91.04");
    await screen.findByTestId("change-detail");
    expect(within(screen.getByTestId("lint-panel")).getByText(/SSH/)).toBeTruthy();
    expect(screen.getByTestId("cost-note").textContent).toContain("Free");
    fireEvent.click(screen.getByText("web", { selector: "[data-address='aws_instance.web'] *" }));
    await waitFor(() => expect(screen.getByTestId("change-detail").textContent).toContain("aws_instance.web"));
    expect(within(screen.getByTestId("lint-panel")).getByText(/IMDSv1/)).toBeTruthy();
    expect(screen.getByTestId("cost-delta").textContent).toBe("+$16.64/mo");
  });

  it("an exceeded budget is shown as blocking", async () => {
    const blocked = { ...samplePlan, blocked_by: ["budget team: monthly delta $41.47 exceeds $10.00"] };
    render(<PlanReview api={api()} plan={blocked} onError={() => {}} />);
    await screen.findByTestId("change-detail");
    expect(screen.getByTestId("plan-blocked").textContent).toContain("exceeds $10.00");
  });

  it("filters to destroys and shows the diff of the replaced instance with markers", async () => {
    const planChange = vi.fn(async (i: number) => sampleDetail(i));
    render(<PlanReview api={api({ planChange })} plan={samplePlan} onError={() => {}} />);
    expect(addresses()).toHaveLength(7);
    fireEvent.click(screen.getByTestId("filter-destroys"));
    expect(addresses()).toEqual(["aws_instance.web", "module.network.aws_cloudwatch_log_group.old_flow"]);
    expect(screen.getByTestId("plan-shown").textContent).toBe("2 of 7");
    fireEvent.click(screen.getByText("web"));
    await waitFor(() => expect(screen.getByTestId("change-detail").textContent).toContain("aws_instance.web"));
    expect(planChange).toHaveBeenLastCalledWith(1);
    const detail = screen.getByTestId("change-detail");
    expect(detail.textContent).toContain("replace (destroy, then create)");
    expect(detail.textContent).toContain("(known after apply)");
    expect(detail.textContent).toContain("(sensitive)");
    expect(detail.textContent).toContain('"ami-0c1bc246476a5572b"');
    expect(within(screen.getByTestId("risk-panel")).getByText(/downtime/)).toBeTruthy();
  });

  it("only risky keeps high/critical or denied changes; groups collapse", async () => {
    render(<PlanReview api={api()} plan={samplePlan} onError={() => {}} />);
    await screen.findByTestId("change-detail");
    fireEvent.click(screen.getByTestId("filter-risky"));
    expect(addresses()).toEqual(["aws_security_group.web"]);
    fireEvent.click(screen.getByTestId("filter-risky"));
    fireEvent.click(screen.getByRole("treeitem", { name: /module\.network/ }));
    expect(addresses()).toHaveLength(5);
  });

  it("lists policy results and selects the change a result is about", async () => {
    render(<PlanReview api={api()} plan={samplePlan} onError={() => {}} />);
    const panel = screen.getByTestId("policy-panel");
    expect(panel.textContent).toContain("1 deny");
    expect(panel.textContent).toContain("1 warn");
    expect(panel.textContent).toContain("3 passed");
    expect(panel.textContent).toContain("port 22 is open to the internet");
    fireEvent.click(within(panel).getByRole("button", { name: "aws_s3_bucket.assets" }));
    await waitFor(() => expect(screen.getByTestId("change-detail").textContent).toContain("aws_s3_bucket.assets"));
  });

  it("exports through the api and says where it was saved; errors go to the banner", async () => {
    const onError = vi.fn();
    const exportPlanReport = vi.fn(async () => "/home/me/sample-plan-review.md");
    const { unmount } = render(<PlanReview api={api({ exportPlanReport })} plan={samplePlan} onError={onError} />);
    fireEvent.click(screen.getByRole("button", { name: "Export Markdown" }));
    expect(await screen.findByText("Saved /home/me/sample-plan-review.md")).toBeTruthy();
    expect(exportPlanReport).toHaveBeenCalledWith("markdown");
    unmount();
    const failing = vi.fn(async () => {
      throw new Error("disk full");
    });
    render(<PlanReview api={api({ exportPlanReport: failing })} plan={samplePlan} onError={onError} />);
    fireEvent.click(screen.getByRole("button", { name: "Export HTML" }));
    await waitFor(() => expect(onError).toHaveBeenCalled());
  });
});

describe("PlanReview before the policies ran", () => {
  it("says the policies are running instead of claiming they passed", async () => {
    const pending = { ...samplePlan, policy_checked: false, policy: [], policies_passed: 0 };
    render(<PlanReview api={api()} plan={pending} onError={() => {}} />);
    expect(screen.getByTestId("policy-panel").textContent).toContain("Running the bundled policies");
    expect(screen.getByTestId("policy-panel").textContent).not.toContain("passed");
    expect(screen.getByTestId("plan-verdict").textContent).toContain("checking policies");
    await screen.findByTestId("change-detail");
  });
});
