// "Sign in with SSO" in the Team Server tab, the pure part: when to ask the server whether
// it offers single sign-on, what the request carries, and how a cancel is told apart from a
// failure. No React, no Tauri: tested with vitest.
import type { TeamConnectRequest, TeamSsoRequest } from "./generated/types";

/** The address to ask about single sign-on, once it looks like a server address (else null:
 * nothing is asked while the person is still typing "htt…"). */
export function ssoLookupUrl(serverUrl: string): string | null {
  const url = serverUrl.trim().replace(/\/+$/, "");
  const m = /^https?:\/\/([^\s/]+)/.exec(url);
  if (!m || /\s/.test(url)) return null;
  const host = m[1].replace(/:\d*$/, "");
  return host.length > 0 ? url : null;
}

/** The provider's host, to say where the browser goes ("login.example.com"). */
export function issuerLabel(issuer: string | null): string {
  if (!issuer) return "your identity provider";
  const m = /^https?:\/\/([^/]+)/.exec(issuer);
  return m ? m[1] : issuer;
}

/** The sign-in request from the connect form: no account name, no password (the provider
 * knows who it is); the organization only when filled in. */
export function ssoRequest(form: TeamConnectRequest): TeamSsoRequest {
  return {
    server_url: form.server_url.trim(),
    org: form.org.trim() || null,
    workspace: form.workspace?.trim() || null,
  };
}

/** The person pressed Cancel: not an error to show. */
export function isSsoCancel(err: unknown): boolean {
  return typeof err === "object" && err !== null && "code" in err && (err as { code: unknown }).code === "team_sso_cancelled";
}
