import { describe, expect, it, vi } from "vitest";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { ClustersView } from "./ClustersView";
import { ClustersController } from "./clusters-controller";
import type { Api } from "./api";
import type { ClusterContexts, ClusterEventMessage, ClusterMetrics } from "./generated/types";

const contexts: ClusterContexts = {
  available: true,
  files: ["/home/me/.kube/config"],
  errors: [],
  contexts: [
    { name: "replay", cluster: "replay", server: "http://127.0.0.1:1234", user: "replay", auth: "token", namespace: "default", current: true, usable: true, problems: [] },
    {
      name: "prod-aks-legacy", cluster: "prod-aks", server: "https://aks.example", user: "legacy", auth: "auth-provider:azure", namespace: null, current: false, usable: false,
      problems: [{ code: "clusters.auth_provider_unsupported", message: "The user uses the azure auth-provider, which kubectl removed.", hint: "Switch to kubelogin: `az aks install-cli`, then …", fix_command: "az aks install-cli", file: null }],
    },
  ],
};

function setup(metrics: ClusterMetrics = { state: "not_installed", nodes: [], pods: [] }) {
  let emit: (m: ClusterEventMessage) => void = () => {};
  let answer: () => void = () => {};
  const api = {
    clusterContexts: vi.fn(async () => contexts),
    // Answers only when the test says so: batches may come before the answer.
    connectCluster: vi.fn(
      (context: string) =>
        new Promise((resolve) => {
          answer = () => resolve({ connection: 7, context, server: "http://127.0.0.1:1234", namespace: "default" });
        }),
    ),
    disconnectCluster: vi.fn(async () => {}),
    clusterMetrics: vi.fn(async () => metrics),
    clusterObject: vi.fn(async (kind: string, key: string) => ({ kind, key, yaml: "apiVersion: v1\nkind: Pod\n", note: null })),
    onClusterEvent: vi.fn(async (h: (m: ClusterEventMessage) => void) => {
      emit = h;
      return () => {};
    }),
  } as unknown as Api;
  const controller = new ClustersController(api, (e) => {
    throw e;
  });
  controller.listen();
  render(<ClustersView api={api} controller={controller} onError={(e) => { throw e; }} />);
  return { api, controller, emit: (m: ClusterEventMessage) => act(() => emit(m)), answer: () => act(() => answer()) };
}

describe("ClustersView", () => {
  it("lists contexts with the fix command, connects, shows pods with health badges and says no access", async () => {
    const { api, emit, answer } = setup();
    await waitFor(() => expect(screen.getAllByTestId("cluster-context")).toHaveLength(2));
    expect(screen.getByTestId("cluster-fix-command").textContent).toBe("az aks install-cli");
    const buttons = screen.getAllByTestId("cluster-connect") as HTMLButtonElement[];
    expect(buttons[1].disabled).toBe(true);
    fireEvent.click(buttons[0]);
    expect(api.connectCluster).toHaveBeenCalledWith("replay");
    // The first batch arrives before connectCluster answers: it is kept, not lost.
    await emit({
      connection: 7,
      deltas: [
        { op: "added", kind: "pod", key: "default/web-crash", row: { type: "pod", namespace: "default", name: "web-crash", phase: "Running", ready: "0/1", restarts: 17, reason: "CrashLoopBackOff", severity: "error", message: "Container web keeps crashing", node: "node-a", created: null } },
        { op: "status", kind: "pod", status: { state: "ready", count: 1 } },
        { op: "status", kind: "secret", status: { state: "no_access", message: "secrets is forbidden" } },
      ],
    });
    await answer();
    await waitFor(() => expect(screen.getByTestId("cluster-title").textContent).toBe("Cluster · replay"));
    expect(screen.getByTestId("cluster-overview-problem").textContent).toContain("CrashLoopBackOff");

    fireEvent.click(screen.getByTestId("cluster-section-pods"));
    const row = screen.getByTestId("cluster-pod");
    expect(row.dataset.reason).toBe("CrashLoopBackOff");
    expect(row.dataset.restarts).toBe("17");
    // A batch of an older connection changes nothing; this one's does.
    await emit({ connection: 6, deltas: [{ op: "deleted", kind: "pod", key: "default/web-crash" }] });
    expect(screen.getAllByTestId("cluster-pod")).toHaveLength(1);
    await emit({ connection: 7, deltas: [{ op: "modified", kind: "pod", key: "default/web-crash", row: { type: "pod", namespace: "default", name: "web-crash", phase: "Running", ready: "1/1", restarts: 18, reason: null, severity: "ok", message: null, node: "node-a", created: null } }] });
    expect(screen.getByTestId("cluster-pod").dataset.restarts).toBe("18");

    fireEvent.click(screen.getByTestId("cluster-pod"));
    await waitFor(() => expect(screen.getByTestId("cluster-yaml").textContent).toContain("kind: Pod"));
    expect(api.clusterObject).toHaveBeenCalledWith("pod", "default/web-crash");

    fireEvent.click(screen.getByTestId("cluster-section-config"));
    fireEvent.change(screen.getByLabelText("Kind"), { target: { value: "secret" } });
    expect(screen.getByTestId("cluster-kind-notice").textContent).toContain("No permission to list secrets.");

    fireEvent.click(screen.getByTestId("cluster-disconnect"));
    await waitFor(() => expect(screen.getAllByTestId("cluster-context")).toHaveLength(2));
    expect(api.disconnectCluster).toHaveBeenCalled();
  });

  it("shows CPU and memory usage in the node and pod lists, and says why when metrics are missing", async () => {
    const { api, emit, answer } = setup({
      state: "available",
      nodes: [{ name: "node-a", cpu_used: 441, cpu_allocatable: 4000, memory_used: 2_304_000_000, memory_allocatable: 8_256_671_744 }],
      pods: [{ key: "default/web", cpu_used: 250, cpu_request: 100, cpu_limit: 500, memory_used: 12_582_912, memory_request: 0, memory_limit: null }],
    });
    await waitFor(() => expect(screen.getAllByTestId("cluster-connect")).toHaveLength(2));
    fireEvent.click(screen.getAllByTestId("cluster-connect")[0]);
    await emit({
      connection: 7,
      deltas: [
        { op: "added", kind: "node", key: "node-a", row: { type: "node", name: "node-a", ready: "True", reason: null, severity: "ok", message: null, pressures: [], version: "v1.30.2", unschedulable: false } },
        { op: "added", kind: "pod", key: "default/web", row: { type: "pod", namespace: "default", name: "web", phase: "Running", ready: "1/1", restarts: 0, reason: null, severity: "ok", message: null, node: "node-a", created: null } },
      ],
    });
    await answer();
    await waitFor(() => expect(screen.getByTestId("cluster-node-cpu").textContent).toBe("441m (11%)"));
    expect(screen.getByTestId("cluster-node-memory").textContent).toBe("2.1 GiB (28%)");
    expect(screen.getByTestId("cluster-node-cpu").getAttribute("title")).toBe("CPU used 441m of 4 cores allocatable");

    fireEvent.click(screen.getByTestId("cluster-section-pods"));
    expect(screen.getByTestId("cluster-pod-cpu").textContent).toBe("250m");
    expect(screen.getByTestId("cluster-pod-memory").textContent).toBe("12 MiB");
    expect(screen.getByTestId("cluster-pod-cpu").getAttribute("title")).toBe("CPU used 250m · request 100m · limit 500m");
    const reads = (api.clusterMetrics as ReturnType<typeof vi.fn>).mock.calls.length;
    expect(reads).toBeGreaterThanOrEqual(1);

    // The read stops while no list with usage columns is shown, and starts again with one.
    fireEvent.click(screen.getByTestId("cluster-section-events"));
    fireEvent.click(screen.getByTestId("cluster-section-workloads"));
    expect((api.clusterMetrics as ReturnType<typeof vi.fn>).mock.calls.length).toBe(reads);
    fireEvent.click(screen.getByTestId("cluster-section-overview"));
    await waitFor(() => expect((api.clusterMetrics as ReturnType<typeof vi.fn>).mock.calls.length).toBe(reads + 1));
  });

  it("shows a dash with the reason when metrics-server is not installed", async () => {
    const { emit, answer } = setup({ state: "not_installed", nodes: [], pods: [] });
    await waitFor(() => expect(screen.getAllByTestId("cluster-connect")).toHaveLength(2));
    fireEvent.click(screen.getAllByTestId("cluster-connect")[0]);
    await emit({ connection: 7, deltas: [{ op: "added", kind: "pod", key: "default/web", row: { type: "pod", namespace: "default", name: "web", phase: "Running", ready: "1/1", restarts: 0, reason: null, severity: "ok", message: null, node: "node-a", created: null } }] });
    await answer();
    fireEvent.click(await screen.findByTestId("cluster-section-pods"));
    await waitFor(() => expect(screen.getByTestId("cluster-pod-cpu").getAttribute("title")).toContain("metrics-server not installed"));
    expect(screen.getByTestId("cluster-pod-cpu").textContent).toBe("—");
    expect(screen.getByTestId("cluster-pod-memory").textContent).toBe("—");
  });
});
