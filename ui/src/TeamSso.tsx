// "Sign in with SSO" under the Team Server connect form: shown once the typed server
// address answers that it offers single sign-on. The sign-in happens in the system browser;
// meanwhile this says so and offers Cancel. The session token never reaches the page.
import { useEffect, useState } from "react";
import type { Api } from "./api";
import type { TeamConnectRequest, TeamSsoInfo, TeamStatus } from "./generated/types";
import { isSsoCancel, issuerLabel, ssoLookupUrl, ssoRequest } from "./team-sso-model";

/** Typing pauses this long before the server is asked. */
const LOOKUP_DELAY_MS = 400;

interface Props {
  api: Api;
  form: TeamConnectRequest;
  onConnected: (status: TeamStatus) => void;
  onError: (err: unknown) => void;
}

export function TeamSso({ api, form, onConnected, onError }: Props) {
  const lookup = ssoLookupUrl(form.server_url);
  const [info, setInfo] = useState<{ url: string; info: TeamSsoInfo } | null>(null);
  const [phase, setPhase] = useState<"idle" | "waiting" | "cancelled">("idle");
  useEffect(() => {
    if (!lookup) return;
    let live = true;
    const timer = setTimeout(() => {
      // Unreachable or not a server yet: no SSO button, no error (the person is typing).
      api.teamSsoInfo(lookup).then(
        (i) => live && setInfo({ url: lookup, info: i }),
        () => live && setInfo(null),
      );
    }, LOOKUP_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, lookup]);

  const offered = info && info.url === lookup && info.info.available ? info.info : null;
  if (!offered && phase !== "waiting") return null;
  const provider = issuerLabel(offered?.issuer ?? null);

  const start = async () => {
    setPhase("waiting");
    try {
      onConnected(await api.teamSignInSso(ssoRequest(form)));
      setPhase("idle");
    } catch (err) {
      if (isSsoCancel(err)) {
        setPhase("cancelled");
      } else {
        setPhase("idle");
        onError(err);
      }
    }
  };

  return (
    <div className="team-sso" data-testid="team-sso">
      {phase === "waiting" ? (
        <>
          <span className="team-sso-waiting" role="status" data-testid="team-sso-waiting">
            Waiting for your browser… Finish the sign-in at {provider} in the browser window that opened.
          </span>
          <button className="small" onClick={() => void api.teamCancelSso().catch(onError)} data-testid="team-sso-cancel">
            Cancel
          </button>
        </>
      ) : (
        <>
          <button className="small primary" onClick={() => void start()} data-testid="team-sso-button">
            Sign in with SSO
          </button>
          <span className="muted cred-small">
            through {provider} in your browser; no account or password needed here{form.org.trim() ? "" : " (fill in the organization if you belong to several)"}.
          </span>
        </>
      )}
      {phase === "cancelled" && (
        <div className="muted cred-small" data-testid="team-sso-cancelled">
          Sign-in cancelled.
        </div>
      )}
    </div>
  );
}
