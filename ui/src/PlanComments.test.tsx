import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { PlanComments } from "./PlanComments";
import { fakeApi } from "./fake-api.test-data";
import type { TeamComment } from "./generated/types";

describe("PlanComments", () => {
  it("shows nothing when not connected to a team server", async () => {
    const api = fakeApi({ teamRunRecordId: vi.fn(async () => null) });
    const { container } = render(<PlanComments api={api} runId={4} addresses={["aws_vpc.main"]} syncedAt={null} onError={() => {}} />);
    await waitFor(() => expect(api.teamRunRecordId).toHaveBeenCalledWith(4));
    expect(container.textContent).toBe("");
  });

  it("lists the run's comments and adds one about a resource change", async () => {
    const stored: TeamComment[] = [{ id: "c1", run_id: "dev1-run-4", address: null, text: "looks fine", author_id: "u1", created_at: 1 }];
    const teamAddComment = vi.fn(async (runId: string | null, address: string | null, text: string) => {
      const c = { id: "c2", run_id: runId, address, text, author_id: null, created_at: 2 };
      stored.push(c);
      return c;
    });
    const api = fakeApi({
      teamRunRecordId: vi.fn(async () => "dev1-run-4"),
      teamComments: vi.fn(async () => [...stored]),
      teamAddComment,
    });
    render(<PlanComments api={api} runId={4} addresses={["aws_vpc.main", "aws_nat_gateway.main"]} syncedAt={1} onError={() => {}} />);
    expect((await screen.findByTestId("plan-comment")).textContent).toContain("looks fine");
    expect(api.teamComments).toHaveBeenCalledWith("dev1-run-4");
    fireEvent.change(screen.getByLabelText("About"), { target: { value: "aws_nat_gateway.main" } });
    fireEvent.change(screen.getByTestId("plan-comment-input"), { target: { value: "replaced on purpose?" } });
    fireEvent.click(screen.getByTestId("plan-comment-add"));
    await waitFor(() => expect(screen.getAllByTestId("plan-comment")).toHaveLength(2));
    expect(teamAddComment).toHaveBeenCalledWith("dev1-run-4", "aws_nat_gateway.main", "replaced on purpose?");
    expect(screen.getAllByTestId("plan-comment")[1].textContent).toContain("not sent yet");
    expect((screen.getByTestId("plan-comment-input") as HTMLInputElement).value).toBe("");
  });
});
