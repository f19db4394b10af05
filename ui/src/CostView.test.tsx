import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { App } from "./App";
import { CostView } from "./CostView";
import { NOT_ESTIMATED } from "./cost-model";
import { sampleCost } from "./cost-fixture.test-data";
import { fakeApi } from "./fake-api.test-data";

describe("CostView", () => {
  it("shows the total, budgets, rows with components, unsupported and free resources", () => {
    const api = fakeApi();
    render(<CostView api={api} view={sampleCost} busy={false} onEstimate={() => {}} onError={() => {}} onNotice={() => {}} />);
    expect(screen.getByTestId("cost-total").textContent).toBe("$91.48");
    expect(screen.getByTestId("cost-budgets").textContent).toContain("over budget");
    const rows = screen.getAllByTestId("cost-row").map((r) => r.getAttribute("data-address"));
    expect(rows).toEqual(["aws_db_instance.app", "aws_instance.web", "aws_s3_bucket.assets"]);
    const bucket = screen.getAllByTestId("cost-row")[2];
    expect(bucket.textContent).toContain(NOT_ESTIMATED);
    expect(bucket.textContent).not.toContain("$0.00");
    fireEvent.click(screen.getAllByTestId("cost-row")[1]);
    const parts = screen.getAllByTestId("cost-component").map((c) => c.textContent);
    expect(parts[0]).toContain("730 hours × $0.0456 per hour");
    expect(parts[1]).toContain(NOT_ESTIMATED);
    expect(screen.getByTestId("cost-unsupported").textContent).toContain("aws_cloudfront_distribution.cdn — no cost model");
    expect(screen.getByTestId("cost-free").textContent).toContain("module.network.aws_vpc.this");
    expect(screen.getByTestId("cost-usage").textContent).toContain("none");
  });

  it("switches chargeback groupings and exports the chart shown", async () => {
    const api = fakeApi({ exportCostChart: vi.fn(async () => "/home/me/cost-by-tag-Environment.svg") });
    const notice = vi.fn();
    render(<CostView api={api} view={sampleCost} busy={false} onEstimate={() => {}} onError={() => {}} onNotice={notice} />);
    fireEvent.click(screen.getByTestId("cost-section-chargeback"));
    await waitFor(() => expect(screen.getByTestId("cost-chart").getAttribute("src")).toContain("service"));
    const groups = () => screen.getAllByTestId("cost-group").map((g) => g.textContent);
    expect(groups()[2]).toContain(NOT_ESTIMATED);
    fireEvent.click(screen.getByTestId("group-by-tag:Environment"));
    expect(groups()).toEqual([expect.stringContaining("staging")]);
    await waitFor(() => expect(api.costChart).toHaveBeenLastCalledWith("tag:Environment", expect.any(String)));
    fireEvent.click(screen.getByText("Export SVG…"));
    await waitFor(() => expect(notice).toHaveBeenCalledWith("Chart saved to /home/me/cost-by-tag-Environment.svg"));
    expect(api.exportCostChart).toHaveBeenCalledWith("tag:Environment", expect.any(String), "svg");
  });

  it("re-estimates another folder and after choosing a usage file", async () => {
    const onEstimate = vi.fn();
    const api = fakeApi({ pickCostUsageFile: vi.fn(async () => "infracost-usage.yml") });
    render(<CostView api={api} view={sampleCost} busy={false} onEstimate={onEstimate} onError={() => {}} onNotice={() => {}} />);
    fireEvent.change(screen.getByLabelText("Folder to estimate"), { target: { value: "modules/network" } });
    fireEvent.click(screen.getByText("Estimate"));
    expect(onEstimate).toHaveBeenLastCalledWith("modules/network");
    fireEvent.click(screen.getByText("Choose…"));
    await waitFor(() => expect(onEstimate).toHaveBeenLastCalledWith(""));
    expect(api.pickCostUsageFile).toHaveBeenCalledWith(false);
  });

  it("shows the history of estimates", async () => {
    const api = fakeApi();
    render(<CostView api={api} view={sampleCost} busy={false} onEstimate={() => {}} onError={() => {}} onNotice={() => {}} />);
    fireEvent.click(screen.getByTestId("cost-section-history"));
    expect((await screen.findByTestId("cost-history")).textContent).toContain("1 estimate of the whole workspace");
  });
});

describe("Cost in the app", () => {
  it("the status bar shows the workspace's monthly total and opens the Cost tab", async () => {
    const api = fakeApi();
    render(<App api={api} />);
    const item = await screen.findByTestId("status-cost");
    await waitFor(() => expect(item.textContent).toBe("≈ $91/mo"));
    expect(api.estimateCost).toHaveBeenCalledWith("");
    fireEvent.click(item);
    expect(within(await screen.findByTestId("cost-view")).getByTestId("cost-total").textContent).toBe("$91.48");
    expect(screen.getByTestId("cost-tab")).toBeTruthy();
    fireEvent.click(screen.getByLabelText("Close Cost view"));
    expect(screen.queryByTestId("cost-view")).toBeNull();
  });
});
