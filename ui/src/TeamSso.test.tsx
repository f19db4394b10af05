import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { TeamSso } from "./TeamSso";
import { fakeApi } from "./fake-api.test-data";
import { DISCONNECTED_TEAM } from "./team-model";
import type { TeamConnectRequest } from "./generated/types";

const form = (server_url: string, org = ""): TeamConnectRequest => ({ server_url, org, username: "", password: "", workspace: null });

describe("TeamSso", () => {
  it("stays hidden for a server without single sign-on", async () => {
    const api = fakeApi();
    const { container } = render(<TeamSso api={api} form={form("http://127.0.0.1:8080")} onConnected={() => {}} onError={() => {}} />);
    await waitFor(() => expect(api.teamSsoInfo).toHaveBeenCalledWith("http://127.0.0.1:8080"));
    expect(container.textContent).toBe("");
  });

  it("signs in through the browser, saying it waits, and connects", async () => {
    let finish: (v: typeof DISCONNECTED_TEAM) => void = () => {};
    const connected = { ...DISCONNECTED_TEAM, connected: true, username: "alice@example.com" };
    const api = fakeApi({
      teamSsoInfo: vi.fn(async () => ({ available: true, issuer: "https://login.example.com/realms/t" })),
      teamSignInSso: vi.fn(() => new Promise<typeof DISCONNECTED_TEAM>((resolve) => (finish = resolve))),
    });
    const onConnected = vi.fn();
    render(<TeamSso api={api} form={form(" https://orbis.example.com/ ", "acme")} onConnected={onConnected} onError={() => {}} />);
    const button = await screen.findByTestId("team-sso-button");
    expect(screen.getByTestId("team-sso").textContent).toContain("login.example.com");
    fireEvent.click(button);
    expect((await screen.findByTestId("team-sso-waiting")).textContent).toContain("Waiting for your browser");
    expect(api.teamSignInSso).toHaveBeenCalledWith({ server_url: "https://orbis.example.com/", org: "acme", workspace: null });
    finish(connected);
    await waitFor(() => expect(onConnected).toHaveBeenCalledWith(connected));
  });

  it("cancels without showing an error, and reports a failure", async () => {
    let fail: (e: unknown) => void = () => {};
    const api = fakeApi({
      teamSsoInfo: vi.fn(async () => ({ available: true, issuer: "https://idp" })),
      teamSignInSso: vi.fn(() => new Promise<typeof DISCONNECTED_TEAM>((_, reject) => (fail = reject))),
      teamCancelSso: vi.fn(async () => fail(Object.assign(new Error("cancelled"), { code: "team_sso_cancelled", hint: "" }))),
    });
    const onError = vi.fn();
    render(<TeamSso api={api} form={form("http://s:1")} onConnected={() => {}} onError={onError} />);
    fireEvent.click(await screen.findByTestId("team-sso-button"));
    fireEvent.click(await screen.findByTestId("team-sso-cancel"));
    expect(await screen.findByTestId("team-sso-cancelled")).toBeTruthy();
    expect(api.teamCancelSso).toHaveBeenCalled();
    expect(onError).not.toHaveBeenCalled();

    fireEvent.click(await screen.findByTestId("team-sso-button"));
    await screen.findByTestId("team-sso-waiting");
    const denied = Object.assign(new Error("The identity provider did not sign you in"), { code: "team_sso_failed", hint: "h" });
    fail(denied);
    await waitFor(() => expect(onError).toHaveBeenCalledWith(denied));
    expect(await screen.findByTestId("team-sso-button")).toBeTruthy();
  });
});
