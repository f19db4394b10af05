import { describe, expect, it } from "vitest";
import { isSsoCancel, issuerLabel, ssoLookupUrl, ssoRequest } from "./team-sso-model";

describe("team-sso-model", () => {
  it("asks about SSO only for something that looks like a server address", () => {
    expect(ssoLookupUrl("")).toBeNull();
    expect(ssoLookupUrl("htt")).toBeNull();
    expect(ssoLookupUrl("http://")).toBeNull();
    expect(ssoLookupUrl("orbis.example.com")).toBeNull();
    expect(ssoLookupUrl("https://orbis .example.com")).toBeNull();
    expect(ssoLookupUrl(" https://orbis.example.com/ ")).toBe("https://orbis.example.com");
    expect(ssoLookupUrl("http://127.0.0.1:8080")).toBe("http://127.0.0.1:8080");
  });

  it("names the provider by its host", () => {
    expect(issuerLabel("https://login.example.com/realms/team")).toBe("login.example.com");
    expect(issuerLabel(null)).toBe("your identity provider");
  });

  it("builds the request without account or password", () => {
    expect(ssoRequest({ server_url: " http://s:1 ", org: "  ", username: "x", password: "y", workspace: " prod " })).toEqual({
      server_url: "http://s:1",
      org: null,
      workspace: "prod",
    });
    expect(ssoRequest({ server_url: "http://s", org: "acme", username: "", password: "", workspace: null }).org).toBe("acme");
  });

  it("tells a cancel from a failure", () => {
    expect(isSsoCancel(Object.assign(new Error("m"), { code: "team_sso_cancelled", hint: "h" }))).toBe(true);
    expect(isSsoCancel(Object.assign(new Error("m"), { code: "team_sso_failed", hint: "h" }))).toBe(false);
    expect(isSsoCancel(null)).toBe(false);
  });
});
