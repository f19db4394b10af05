import { describe, expect, it, vi } from "vitest";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { App } from "./App";
import { ApiError } from "./api";
import { fakeApi, listings } from "./fake-api.test-data";
import { samplePlan } from "./plan-fixture.test-data";
import { DISCONNECTED_TEAM } from "./team-model";

describe("App", () => {
  it("opens the startup workspace with its tree, first file and status bar", async () => {
    render(<App api={fakeApi()} />);
    expect(await screen.findByRole("treeitem", { name: /main\.tf/ })).toBeTruthy();
    await waitFor(() => expect(document.querySelector(".cm-content")?.textContent).toContain("aws_s3_bucket"));
    const status = screen.getByTestId("status-bar");
    expect(status.textContent).toContain("Demo · demo");
    expect(status.textContent).toContain("main.tf");
    expect(status.textContent).toContain("Terraform");
  });

  it("shows a clicked file in a new tab and expands folders lazily", async () => {
    const listDir = vi.fn(async (path: string) => listings[path]);
    render(<App api={fakeApi({ listDir })} />);
    fireEvent.click(await screen.findByRole("treeitem", { name: /variables\.tf/ }));
    await waitFor(() => expect(document.querySelector(".cm-content")?.textContent).toContain("eu-west-1"));
    expect(screen.getAllByRole("tab").map((t) => t.textContent)).toEqual(["main.tf✕", "variables.tf✕"]);

    expect(listDir).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole("treeitem", { name: /modules/ }));
    expect(await screen.findByRole("treeitem", { name: /net\.tf/ })).toBeTruthy();
    expect(listDir).toHaveBeenLastCalledWith("modules");
  });

  it("shows an error's message and hint instead of failing silently", async () => {
    const api = fakeApi({
      openDocument: async () => {
        throw new ApiError({ code: "outside_workspace", message: "Refused to access \"../x\"", hint: "Open the other folder." });
      },
    });
    render(<App api={api} />);
    fireEvent.click(await screen.findByRole("treeitem", { name: /variables\.tf/ }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Refused to access");
    expect(alert.textContent).toContain("Open the other folder.");
  });

  it("offers recent folders when no file is open and opens one", async () => {
    const other = { root: "/ws/other", name: "other", demo: false };
    const openRecentWorkspace = vi.fn(async () => other);
    const api = fakeApi({
      recentWorkspaces: async () => [
        { path: "/ws/demo", name: "demo", last_opened: 2 },
        { path: "/ws/other", name: "other", last_opened: 1 },
      ],
      openRecentWorkspace,
    });
    render(<App api={api} />);
    fireEvent.click(await screen.findByRole("button", { name: "Close main.tf" }));
    const item = await screen.findByRole("button", { name: /other/ });
    expect(screen.queryByRole("button", { name: /^demo/ })).toBeNull();
    fireEvent.click(item);
    await waitFor(() => expect(openRecentWorkspace).toHaveBeenCalledWith("/ws/other"));
    await waitFor(() => expect(screen.getByTestId("status-bar").textContent).toContain("other"));
  });

  it("closing the active tab activates its neighbour", async () => {
    render(<App api={fakeApi()} />);
    fireEvent.click(await screen.findByRole("treeitem", { name: /variables\.tf/ }));
    await screen.findByRole("tab", { name: /variables\.tf/ });
    fireEvent.click(screen.getByRole("button", { name: "Close variables.tf" }));
    await waitFor(() => expect(screen.getAllByRole("tab")).toHaveLength(1));
    expect(screen.getByRole("tab").getAttribute("aria-selected")).toBe("true");
  });

  it("opens a plan JSON from the tree in the Plan Review tab, not in the editor", async () => {
    const openPlan = vi.fn(async () => samplePlan);
    const checkPlanPolicies = vi.fn(async () => samplePlan);
    render(<App api={fakeApi({ openPlan, checkPlanPolicies })} />);
    fireEvent.click(await screen.findByRole("treeitem", { name: /plan\.json/ }));
    expect(await screen.findByTestId("plan-review")).toBeTruthy();
    expect(openPlan).toHaveBeenCalledWith("plan.json");
    // The fake's view is already checked: no second round trip.
    expect(checkPlanPolicies).not.toHaveBeenCalled();
    expect(screen.getByRole("tab", { name: /Plan Review/ }).getAttribute("aria-selected")).toBe("true");
    expect(screen.getByTestId("status-bar").textContent).toContain("Plan Review · plans/sample-plan.json");
    // Back to a file and back to the review: both tabs stay.
    fireEvent.click(screen.getByRole("tab", { name: /main\.tf/ }));
    await waitFor(() => expect(document.querySelector(".cm-content")?.textContent).toContain("aws_s3_bucket"));
    fireEvent.click(screen.getByRole("tab", { name: /Plan Review/ }));
    expect(await screen.findByTestId("plan-verdict")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Close Plan Review" }));
    await waitFor(() => expect(screen.queryByRole("tab", { name: /Plan Review/ })).toBeNull());
  });

  it("shows a broken plan's message and hint in the banner", async () => {
    const openPlan = vi.fn(async () => {
      throw new ApiError({ code: "plan_invalid", message: "plan.json is cut short at line 120, column 3: EOF [plan.truncated]", hint: "Regenerate it." });
    });
    render(<App api={fakeApi({ openPlan })} />);
    fireEvent.click(await screen.findByRole("treeitem", { name: /plan\.json/ }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("[plan.truncated]");
    expect(alert.textContent).toContain("Regenerate it.");
    expect(screen.queryByTestId("plan-review")).toBeNull();
    // The file that was open before is shown again.
    expect(screen.getByRole("tab", { name: /main\.tf/ }).getAttribute("aria-selected")).toBe("true");
    await waitFor(() => expect(document.querySelector(".cm-content")?.textContent).toContain("aws_s3_bucket"));
  });

  it("opens the Credentials tab from View → Credentials and the status bar, and Runs from View → Runs", async () => {
    let menu: (action: import("./api").MenuAction) => void = () => {};
    const report = {
      active_aws: "dev",
      entries: [
        {
          cloud: "aws" as const, context: "dev", status: "expired" as const, identity: "role Admin in account 1111", expires_at: "2020-01-01T00:00:00Z",
          message: "The IAM Identity Center sign-in expired.", fix: "aws sso login --profile dev", verified: false, checked_at: null, can_check_live: true, active: true,
        },
      ],
    };
    const api = fakeApi({ onMenu: async (h) => ((menu = h), () => {}), credentialReport: vi.fn(async () => report) });
    render(<App api={api} />);
    const item = await screen.findByTestId("status-credentials");
    await waitFor(() => expect(item.textContent).toContain("AWS: dev (expired)"));
    expect(item.getAttribute("data-warn")).toBe("true");
    act(() => menu("show_credentials"));
    const view = await screen.findByTestId("credentials-view");
    expect((await screen.findByTestId("credential-fix")).textContent).toBe("aws sso login --profile dev");
    expect(view.textContent).toContain("role Admin in account 1111");
    fireEvent.click(screen.getByLabelText("Close Credentials"));
    expect(screen.queryByTestId("credentials-view")).toBeNull();
    fireEvent.click(item);
    expect(await screen.findByTestId("credentials-view")).toBeTruthy();
    act(() => menu("show_runs"));
    expect(await screen.findByTestId("runs-panel")).toBeTruthy();
  });

  it("opens the Team Server tab from View → Team Server and from the status bar item, which shows the outbox", async () => {
    let menu: (action: import("./api").MenuAction) => void = () => {};
    const connected = {
      ...DISCONNECTED_TEAM, connected: true, server_url: "http://127.0.0.1:8080", org: "acme", username: "alice", workspace_name: "prod-network",
      role: "approver", pending: 2, last_sync_at: Date.now() - 1000,
    };
    const api = fakeApi({ onMenu: async (h) => ((menu = h), () => {}), teamStatus: vi.fn(async () => connected) });
    render(<App api={api} />);
    const item = await screen.findByTestId("status-team");
    await waitFor(() => expect(item.textContent).toBe("⇅ Team: 2 pending"));
    act(() => menu("show_team"));
    expect((await screen.findByTestId("team-pending")).textContent).toBe("2 records waiting to be sent");
    expect(screen.getByTestId("team-workspace").textContent).toBe("prod-network");
    expect(await screen.findByTestId("team-inbox-empty")).toBeTruthy();
    fireEvent.click(screen.getByLabelText("Close Team Server"));
    expect(screen.queryByTestId("team-view")).toBeNull();
    fireEvent.click(item);
    expect(await screen.findByTestId("team-view")).toBeTruthy();
    // Requests: from the Team Server tab and from View → Requests.
    fireEvent.click(screen.getByTestId("team-show-requests"));
    expect(await screen.findByTestId("requests-empty")).toBeTruthy();
    fireEvent.click(screen.getByLabelText("Close Requests"));
    expect(screen.queryByTestId("requests-view")).toBeNull();
    act(() => menu("show_requests"));
    expect(await screen.findByTestId("requests-view")).toBeTruthy();
    expect(screen.getByTestId("requests-tab").getAttribute("aria-selected")).toBe("true");
  });

  it("shows plans opened from the native menu or a drop, and their errors", async () => {
    let opened: (p: typeof samplePlan) => void = () => {};
    let failed: (e: { code: "plan_invalid"; message: string; hint: string }) => void = () => {};
    const api = fakeApi({
      onPlanOpened: async (h) => ((opened = h), () => {}),
      onPlanError: async (h) => ((failed = h as typeof failed), () => {}),
    });
    render(<App api={api} />);
    await screen.findByRole("treeitem", { name: /main\.tf/ });
    act(() => opened(samplePlan));
    expect(await screen.findByTestId("plan-review")).toBeTruthy();
    act(() => failed({ code: "plan_invalid", message: "x.json is not valid JSON", hint: "Produce it with terraform show -json." }));
    expect((await screen.findByRole("alert")).textContent).toContain("terraform show -json");
  });

  it("runs the policies after showing a plan and applies their results to it", async () => {
    const unchecked = { ...samplePlan, policy_checked: false, policy: [], policies_passed: 0, verdict: "review" as const };
    let finish: (v: typeof samplePlan) => void = () => {};
    const checkPlanPolicies = vi.fn(() => new Promise<typeof samplePlan>((resolve) => (finish = resolve)));
    render(<App api={fakeApi({ openPlan: async () => unchecked, checkPlanPolicies })} />);
    fireEvent.click(await screen.findByRole("treeitem", { name: /plan\.json/ }));
    expect((await screen.findByTestId("plan-verdict")).textContent).toContain("Needs review");
    expect(screen.getByTestId("policy-panel").textContent).toContain("Running the bundled policies");
    await waitFor(() => expect(checkPlanPolicies).toHaveBeenCalledTimes(1));
    act(() => finish(samplePlan));
    await waitFor(() => expect(screen.getByTestId("plan-verdict").textContent).toContain("Dangerous"));
    expect(screen.getByTestId("policy-panel").textContent).toContain("1 deny");
  });

  it("opens a dropped workspace file in the editor and shows the drop overlay while dragging", async () => {
    let dropped: (path: string) => void = () => {};
    let drag: (on: boolean) => void = () => {};
    const api = fakeApi({
      onOpenFile: async (h) => ((dropped = h), () => {}),
      onDragging: async (h) => ((drag = h), () => {}),
    });
    render(<App api={api} />);
    await screen.findByRole("treeitem", { name: /main\.tf/ });
    act(() => drag(true));
    expect(screen.getByTestId("drop-overlay").textContent).toContain("Drop a plan JSON");
    act(() => drag(false));
    expect(screen.queryByTestId("drop-overlay")).toBeNull();
    act(() => dropped("variables.tf"));
    await waitFor(() => expect(document.querySelector(".cm-content")?.textContent).toContain("eu-west-1"));
  });

  it("shows the plan the Rust side still holds after a reload of the webview", async () => {
    render(<App api={fakeApi({ currentPlan: async () => samplePlan })} />);
    expect(await screen.findByTestId("plan-review")).toBeTruthy();
    expect(screen.getAllByRole("tab").map((t) => t.textContent)).toEqual(["main.tf✕", "◆Plan Reviewsample-plan.json✕"]);
  });
});
