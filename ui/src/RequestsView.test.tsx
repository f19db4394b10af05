import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { RequestsView } from "./RequestsView";
import { fakeApi } from "./fake-api.test-data";
import { DISCONNECTED_TEAM } from "./team-model";
import type { CatalogModuleInfo, TeamNewRequest, TeamRequest, TeamStatus } from "./generated/types";

const status: TeamStatus = { ...DISCONNECTED_TEAM, connected: true, role: "approver", username: "bob", workspace_name: "prod-network", last_sync_at: 1 };

const noteModule: CatalogModuleInfo = {
  id: "aws/echo-note",
  name: "echo-note",
  cloud: "aws",
  version: "0.3.0",
  description: "A note",
  category: "test",
  keywords: [],
  outputs: [],
  vendored: false,
  inputs: [
    { name: "message", description: "What it says.", type_text: "string", default_text: null, required: true, sensitive: false },
    { name: "copies", description: null, type_text: "number", default_text: "1", required: false, sensitive: false },
  ],
};

const waiting: TeamRequest = {
  id: "dev-req-1",
  module: "aws/echo-note",
  module_version: "0.3.0",
  environment: "staging",
  variables: { message: "hi" },
  reason: "a note",
  status: "requested",
  requester: "alice",
  mine: false,
  decided_by: null,
  decision_comment: null,
  plan_sha256: null,
  history: [{ status: "requested", actor: "alice", at: 1, comment: null }],
  can_decide: true,
  can_run: false,
  folder: null,
  created_at: 1,
  updated_at: 1,
};

const noop = () => {};

describe("RequestsView", () => {
  it("asks to connect first", () => {
    render(<RequestsView api={fakeApi()} status={DISCONNECTED_TEAM} onShowTeam={noop} onOpenFolder={noop} onError={noop} onNotice={noop} />);
    expect(screen.getByTestId("requests-not-connected").textContent).toMatch(/Connect first/);
  });

  it("sends a request from the form generated from the module's variables", async () => {
    const teamCreateRequest = vi.fn(async (r: TeamNewRequest) => ({ ...waiting, ...r, variables: r.variables, status: "requested" }) as TeamRequest);
    const api = fakeApi({ catalogModules: vi.fn(async () => [noteModule]), teamCreateRequest });
    const onNotice = vi.fn();
    render(<RequestsView api={api} status={status} onShowTeam={noop} onOpenFolder={noop} onError={noop} onNotice={onNotice} />);
    fireEvent.click(screen.getByTestId("request-new"));
    await screen.findByRole("option", { name: /aws\/echo-note/ });
    fireEvent.change(screen.getByTestId("request-module"), { target: { value: "aws/echo-note" } });
    const copies = within(screen.getByTestId("request-field-copies")).getByRole("textbox");
    fireEvent.change(copies, { target: { value: "three" } });
    fireEvent.click(screen.getByTestId("request-send"));
    const errors = await screen.findByTestId("request-errors");
    expect(errors.textContent).toContain("message is required");
    expect(errors.textContent).toContain("copies must be a number");
    expect(teamCreateRequest).not.toHaveBeenCalled();
    fireEvent.change(within(screen.getByTestId("request-field-message")).getByRole("textbox"), { target: { value: "hello" } });
    fireEvent.change(copies, { target: { value: "3" } });
    fireEvent.change(screen.getByTestId("request-environment"), { target: { value: " staging " } });
    fireEvent.change(screen.getByTestId("request-reason"), { target: { value: "for the release" } });
    fireEvent.click(screen.getByTestId("request-send"));
    await waitFor(() =>
      expect(teamCreateRequest).toHaveBeenCalledWith({ module: "aws/echo-note", environment: "staging", variables: { message: "hello", copies: 3 }, reason: "for the release" }),
    );
    await waitFor(() => expect(onNotice).toHaveBeenCalledWith("Requested aws/echo-note for staging: an approver decides next."));
  });

  it("approves a request with a comment, and offers its workspace once approved", async () => {
    let current = waiting;
    const teamDecideRequest = vi.fn(async () => {
      current = { ...waiting, status: "approved", can_decide: false, can_run: true, decided_by: "bob", decision_comment: "go" };
      return current;
    });
    const api = fakeApi({ teamRequests: vi.fn(async () => [current]), teamDecideRequest });
    render(<RequestsView api={api} status={status} onShowTeam={noop} onOpenFolder={noop} onError={noop} onNotice={noop} />);
    const card = await screen.findByTestId("request");
    expect(card.getAttribute("data-status")).toBe("requested");
    expect(within(card).getByTestId("request-next").textContent).toBe("Approve or reject it.");
    fireEvent.change(within(card).getByLabelText("Comment"), { target: { value: "go" } });
    fireEvent.click(within(card).getByTestId("request-approve"));
    await waitFor(() => expect(screen.getByTestId("request").getAttribute("data-status")).toBe("approved"));
    expect(teamDecideRequest).toHaveBeenCalledWith({ request_id: "dev-req-1", approve: true, comment: "go" });
    expect(screen.getByTestId("request-status").textContent).toBe("Approved: ready to plan");
    expect(screen.getByTestId("request-prepare").textContent).toBe("Create workspace");
    expect(screen.queryByTestId("request-approve")).toBeNull();
  });
});
