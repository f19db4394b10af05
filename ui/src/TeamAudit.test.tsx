import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { TeamAudit } from "./TeamAudit";
import type { Api } from "./api";
import type { TeamAuditFilter } from "./generated/types";

describe("TeamAudit", () => {
  it("sends the filters and lists the entries newest first", async () => {
    const teamAudit = vi.fn(async (_f: TeamAuditFilter) => ({
      rows: [
        { seq: 9, at: Date.UTC(2026, 10, 27, 22, 0, 0), actor: "bob", action: "request.approve", target: "request/r1", detail: '{"comment":"ok"}' },
        { seq: 7, at: Date.UTC(2026, 10, 27, 21, 0, 0), actor: "alice", action: "request.create", target: "request/r1", detail: "" },
      ],
      matched: 2,
      scanned: 40,
      partial: false,
    }));
    render(<TeamAudit api={{ teamAudit } as unknown as Api} />);
    fireEvent.change(screen.getByTestId("team-audit-action"), { target: { value: "request." } });
    fireEvent.change(screen.getByTestId("team-audit-since"), { target: { value: "2026-11-27" } });
    fireEvent.click(screen.getByTestId("team-audit-search"));
    await waitFor(() => expect(screen.getAllByTestId("team-audit-row")).toHaveLength(2));
    expect(teamAudit).toHaveBeenCalledWith({ text: null, action: "request.", actor: null, since: Date.UTC(2026, 10, 27), until: null });
    expect(screen.getByTestId("team-audit-summary").textContent).toBe("2 matching · 40 entries read");
    expect(screen.getAllByTestId("team-audit-row")[0].textContent).toContain("2026-11-27 22:00:00 UTC");
  });

  it("shows the server's refusal with its hint", async () => {
    const teamAudit = vi.fn(async () => {
      throw { code: "team_refused", message: "The team server refused: this needs an organization administrator", hint: "ask an administrator of your organization" };
    });
    render(<TeamAudit api={{ teamAudit } as unknown as Api} />);
    fireEvent.click(screen.getByTestId("team-audit-search"));
    await waitFor(() => expect(screen.getByTestId("team-audit-error").textContent).toContain("organization administrator"));
    expect(screen.queryByTestId("team-audit-row")).toBeNull();
  });
});
