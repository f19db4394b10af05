import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { App } from "./App";
import { ApiError, type Api } from "./api";
import type { DirListing, FileContent, Settings } from "./generated/types";

const listings: Record<string, DirListing> = {
  "": {
    path: "",
    entries: [
      { name: "modules", path: "modules", kind: "dir", language: "plain" },
      { name: "main.tf", path: "main.tf", kind: "file", language: "terraform" },
      { name: "variables.tf", path: "variables.tf", kind: "file", language: "terraform" },
    ],
  },
  modules: { path: "modules", entries: [{ name: "net.tf", path: "modules/net.tf", kind: "file", language: "terraform" }] },
};
const files: Record<string, string> = {
  "main.tf": 'resource "aws_s3_bucket" "assets" {}\n',
  "variables.tf": 'variable "region" {\n  default = "eu-west-1"\n}\n',
  "modules/net.tf": 'resource "aws_vpc" "this" {}\n',
};

function fakeApi(overrides: Partial<Api> = {}): Api {
  let settings: Settings = { theme: "system", show_ignored: false };
  return {
    appInfo: async () => ({ version: "0.1.0", os: "linux" }),
    startupWorkspace: async () => ({ root: "/ws/demo", name: "demo", demo: true }),
    pickWorkspaceFolder: async () => null,
    openRecentWorkspace: async () => ({ root: "/ws/demo", name: "demo", demo: true }),
    recentWorkspaces: async () => [],
    listDir: async (path) => listings[path],
    readFile: async (path): Promise<FileContent> => {
      if (!(path in files)) throw new ApiError({ code: "not_found", message: `Cannot read ${path}`, hint: "Refresh the tree." });
      return { path, language: "terraform", text: files[path], size: files[path].length, lossy: false, binary: false };
    },
    settings: async () => settings,
    saveSettings: async (s) => (settings = s),
    startupProblems: async () => [],
    uiReady: async () => 0,
    onWorkspaceOpened: async () => () => {},
    onMenu: async () => () => {},
    ...overrides,
  };
}

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
      readFile: async () => {
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
});
