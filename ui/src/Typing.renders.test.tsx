// Typing must not re-render the app: each keystroke's answer updates the squiggles in the
// editor and, at most every 100 ms, the items that show problems and lint time. The status
// bar itself (rendered by App on every App render) is a witness of App renders.
import { describe, expect, it, vi } from "vitest";
import { act, render, screen, waitFor } from "@testing-library/react";
import { App } from "./App";
import { fakeApi, startFiles } from "./fake-api.test-data";

const renders = vi.hoisted(() => ({ statusBar: 0 }));

vi.mock("./StatusBar", async (importOriginal) => {
  const real = await importOriginal<typeof import("./StatusBar")>();
  return {
    ...real,
    StatusBar: (props: Parameters<typeof real.StatusBar>[0]) => {
      renders.statusBar++;
      return real.StatusBar(props);
    },
  };
});

const hook = () => window.__orbisEditor!;
const bucket = 'resource "aws_s3_bucket" "assets" {\n  acl = "public-read"\n}\n';

function typeAt(from: number, insert: string, to = from) {
  const v = hook().view("main.tf")!;
  act(() => v.dispatch({ changes: { from, to, insert }, selection: { anchor: from + insert.length }, userEvent: "input.type" }));
}

describe("typing", () => {
  it("updates problems and lint time without re-rendering the app", async () => {
    const api = fakeApi({}, { ...startFiles, "main.tf": bucket });
    render(<App api={api} />);
    await waitFor(() => expect(hook().view("main.tf")).toBeTruthy());
    await waitFor(() => expect(screen.getByTestId("status-problems").textContent).toContain("⚠ 1"));

    // The first keystroke makes the file dirty: the tab and status bar change (one render).
    typeAt(0, "#");
    await waitFor(() => expect(screen.getByTestId("status-saved").textContent).toBe("Modified"));
    await waitFor(() => expect(api.editDocument).toHaveBeenCalledTimes(1));
    await new Promise((r) => setTimeout(r, 150));
    const before = renders.statusBar;

    for (const [i, ch] of [..." typing"].entries()) {
      typeAt(1 + i, ch);
      await waitFor(() => expect(api.editDocument).toHaveBeenCalledTimes(2 + i));
    }
    // A keystroke that fixes the finding: the problem count follows, still without the app.
    const at = hook().view("main.tf")!.state.doc.toString().indexOf('"public-read"');
    typeAt(at, '"private"', at + '"public-read"'.length);
    await waitFor(() => expect(screen.getByTestId("status-problems").textContent).toContain("⚠ 0"));
    expect(screen.getByTestId("status-lint-time").textContent).toMatch(/^lint /);
    expect(renders.statusBar).toBe(before);
  });
});
