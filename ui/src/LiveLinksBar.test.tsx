import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/react";
import { LiveLinksBar } from "./LiveLinksBar";
import type { Api } from "./api";
import type { EditorDocument } from "./editor-document";
import type { FileLiveLinks, YamlLiveStatus } from "./generated/types";

const doc = (path: string, text: string) => ({ path, text, reveal: vi.fn() }) as unknown as EditorDocument & { reveal: ReturnType<typeof vi.fn> };

describe("LiveLinksBar", () => {
  it("lists a .tf file's live links, opens one and jumps to its block", async () => {
    const links: FileLiveLinks = {
      path: "main.tf",
      links: [
        { address: "kubernetes_deployment_v1.web", resource_type: "kubernetes_deployment_v1", line: 3, label: "Deployment default/web", target: { type: "kube_object", kind: "Deployment", api_version: null, namespace: "default", name: "web", context: null }, why: null },
        { address: "aws_eks_cluster.this", resource_type: "aws_eks_cluster", line: 9, label: "EKS cluster", target: null, why: "its name is not known before apply" },
      ],
    };
    const api = { liveLinksInFile: vi.fn(async () => links) } as unknown as Api;
    const onOpen = vi.fn();
    const d = doc("main.tf", "a\nb\nresource\n");
    render(<LiveLinksBar api={api} doc={d} onOpen={onOpen} beforeCompare={async () => {}} onError={() => {}} compareRequest={0} />);
    const rows = await screen.findAllByTestId("live-link");
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining("Deployment default/web"),
      expect.stringContaining("not linkable: its name is not known before apply"),
    ]);
    fireEvent.click(screen.getByTestId("live-link-open"));
    expect(onOpen).toHaveBeenCalledWith(links.links[0].target);
    fireEvent.click(screen.getByText("3"));
    expect(d.reveal).toHaveBeenCalledWith(4);
  });

  it("compares a Kubernetes YAML file with the cluster after flushing edits, and says a failure in words", async () => {
    const status: YamlLiveStatus = {
      path: "app.yaml",
      context: "replay",
      summary: "1 in sync, 1 differs",
      method: "dry run",
      objects: [
        { document: 0, line: 1, kind: "ConfigMap", namespace: "default", name: "blee", sync: "in_sync", changes: [], message: null },
        { document: 1, line: 8, kind: "Deployment", namespace: "default", name: "web", sync: "differs", changes: ["spec.replicas: 4 → 3"], message: null },
      ],
    };
    const order: string[] = [];
    const yamlLiveStatus = vi.fn(async () => {
      order.push("compare");
      return status;
    });
    const api = { yamlLiveStatus } as unknown as Api;
    render(<LiveLinksBar api={api} doc={doc("app.yaml", "apiVersion: v1\nkind: ConfigMap\n")} onOpen={() => {}} beforeCompare={async () => void order.push("flush")} onError={() => {}} compareRequest={0} />);
    fireEvent.click(screen.getByTestId("live-sync-compare"));
    const rows = await screen.findAllByTestId("live-sync-object");
    expect(order).toEqual(["flush", "compare"]);
    expect(rows[1].textContent).toContain("differs: spec.replicas: 4 → 3");
    expect(screen.getByTestId("live-sync-summary").textContent).toBe("1 in sync, 1 differs · context replay");

    yamlLiveStatus.mockRejectedValueOnce({ message: "Cannot connect: no current context", hint: "Choose one." });
    fireEvent.click(screen.getByTestId("live-sync-compare"));
    expect((await screen.findByTestId("live-sync-error")).textContent).toContain("Choose one.");
  });

  it("shows nothing for a YAML file that is not Kubernetes", () => {
    const { container } = render(<LiveLinksBar api={{} as Api} doc={doc("ci.yml", "on: push\n")} onOpen={() => {}} beforeCompare={async () => {}} onError={() => {}} compareRequest={0} />);
    expect(container.textContent).toBe("");
  });
});
