// A fake `Api` for component tests, with a small stand-in for the Rust editor: it keeps each
// open document's text and version, applies edits as the contract says (offsets into the text
// before the change), refuses edits made to another version, and "lints" every
// `acl = "public-read"` with a quick fix, so tests check real round trips.
import { vi } from "vitest";
import { ApiError, type Api } from "./api";
import type {
  DirListing, EditorDiagnostic, EditResult, FileContent, OpenDocument, Settings, TextChange, TextRange,
} from "./generated/types";
import { samplePlan, sampleDetail } from "./plan-fixture.test-data";
import { sampleCost } from "./cost-fixture.test-data";
import { DISCONNECTED_TEAM } from "./team-model";
import { NO_GOVERNANCE } from "./team-governance-model";

export const listings: Record<string, DirListing> = {
  "": {
    path: "",
    entries: [
      { name: "modules", path: "modules", kind: "dir", language: "plain" },
      { name: "main.tf", path: "main.tf", kind: "file", language: "terraform" },
      { name: "variables.tf", path: "variables.tf", kind: "file", language: "terraform" },
      { name: "plan.json", path: "plan.json", kind: "file", language: "json" },
    ],
  },
  modules: { path: "modules", entries: [{ name: "net.tf", path: "modules/net.tf", kind: "file", language: "terraform" }] },
};

export const startFiles: Record<string, string> = {
  "main.tf": 'resource "aws_s3_bucket" "assets" {}\n',
  "variables.tf": 'variable "region" {\n  default = "eu-west-1"\n}\n',
  "modules/net.tf": 'resource "aws_vpc" "this" {}\n',
};

export function rangeOf(text: string, from: number, to: number): TextRange {
  const pos = (offset: number) => {
    const before = text.slice(0, offset).split("\n");
    return { line: before.length, column: before[before.length - 1].length + 1 };
  };
  const a = pos(from);
  const b = pos(to);
  return { from, to, line: a.line, column: a.column, end_line: b.line, end_column: b.column };
}

/** The fake linter: `"public-read"` is a finding, fixed by `"private"`. */
export function fakeLint(text: string): EditorDiagnostic[] {
  const out: EditorDiagnostic[] = [];
  for (let i = text.indexOf('"public-read"'); i >= 0; i = text.indexOf('"public-read"', i + 1)) {
    out.push({
      range: rangeOf(text, i, i + 13),
      severity: "warning",
      code: "AWS_S3_PUBLIC_ACL",
      source: "lint",
      message: "S3 bucket ACL allows public read access",
      rule_severity: "high",
      doc_url: "https://docs.example/rules/AWS_S3_PUBLIC_ACL",
      resource: "aws_s3_bucket.assets",
      fixes: [{ title: "Make the bucket private", changes: [{ from: i, to: i + 13, insert: '"private"' }] }],
    });
  }
  return out;
}

export function applyChanges(text: string, changes: readonly TextChange[]): string {
  let out = text;
  for (const c of [...changes].sort((a, b) => b.from - a.from)) {
    if (c.from > c.to || c.to > text.length) throw new Error(`change ${c.from}..${c.to} outside a text of ${text.length}`);
    out = out.slice(0, c.from) + c.insert + out.slice(c.to);
  }
  return out;
}

export interface FakeRust {
  /** What is on disk. */
  disk: Record<string, string>;
  /** Open documents as Rust holds them. */
  docs: Map<string, { text: string; version: number }>;
  /** Paths whose file changed on disk since read: saving without overwrite is refused. */
  changedOnDisk: Set<string>;
}

export function languageOf(path: string): FileContent["language"] {
  if (path.endsWith(".tf")) return "terraform";
  if (path.endsWith(".json")) return "json";
  if (path.endsWith(".md")) return "markdown";
  return "plain";
}

export function fakeApi(overrides: Partial<Api> = {}, files: Record<string, string> = startFiles): Api & { rust: FakeRust } {
  let settings: Settings = { theme: "system", show_ignored: false };
  const rust: FakeRust = { disk: { ...files }, docs: new Map(), changedOnDisk: new Set() };

  const openDoc = (path: string): OpenDocument => {
    const doc = rust.docs.get(path)!;
    return { path, language: languageOf(path), text: doc.text, version: doc.version, dirty: doc.text !== rust.disk[path], lossy: false, diagnostics: fakeLint(doc.text) };
  };
  const result = (path: string): EditResult => {
    const doc = rust.docs.get(path)!;
    return { document: { path, version: doc.version, diagnostics: fakeLint(doc.text), micros: 1234 }, related: [], timing: null };
  };
  const notOpen = (path: string) => new ApiError({ code: "document_not_open", message: `${path} is not open`, hint: "Open it first." });

  const api: Api = {
    appInfo: async () => ({ version: "0.1.0", os: "linux" }),
    startupWorkspace: async () => ({ root: "/ws/demo", name: "demo", demo: true }),
    pickWorkspaceFolder: async () => null,
    openRecentWorkspace: async () => ({ root: "/ws/demo", name: "demo", demo: true }),
    recentWorkspaces: async () => [],
    listDir: async (path) => listings[path],
    readFile: async (path): Promise<FileContent> => {
      if (path === "plan.json") return { path, language: "json", text: "", size: 13085, lossy: false, binary: false, plan: true };
      if (!(path in rust.disk)) throw new ApiError({ code: "not_found", message: `Cannot read ${path}`, hint: "Refresh the tree." });
      const text = rust.disk[path];
      return { path, language: languageOf(path), text, size: text.length, lossy: false, binary: false, plan: false };
    },
    settings: async () => settings,
    saveSettings: async (s) => (settings = s),
    startupProblems: async () => [],
    uiReady: async () => 0,
    onWorkspaceOpened: async () => () => {},
    onMenu: async () => () => {},
    openPlan: async () => samplePlan,
    pickPlanFile: async () => null,
    checkPlanPolicies: async () => ({ ...samplePlan, policy_checked: true }),
    currentPlan: async () => null,
    planChange: async (index) => sampleDetail(index),
    exportPlanReport: async () => null,
    onPlanOpened: async () => () => {},
    onPlanError: async () => () => {},
    openState: async () => {
      throw new Error("no state in the fake");
    },
    stateInstance: async () => {
      throw new Error("no state in the fake");
    },
    searchState: async () => [],
    remoteBackend: async () => null,
    openRemoteState: async () => {
      throw new Error("no remote state in the fake");
    },
    driftCapabilities: async () => ({ live_aws: false, default_state: null, states: [], snapshots: [], cached_scans: [] }),
    driftScan: async () => {
      throw new Error("no drift in the fake");
    },
    driftImportBlock: async () => ({ code: "" }),
    driftAcceptPreview: async () => {
      throw new Error("no drift in the fake");
    },
    driftTimeline: async () => ({ scans: 0, counts_svg: "", coverage_svg: "" }),
    inventoryTable: async () => ({ scopes: [], rows: [], can_scan: false, drift_known: false }),
    inventoryScan: async () => {
      throw new Error("no cloud in the fake");
    },
    onStateOpened: async () => () => {},
    onOpenFile: async () => () => {},
    onDragging: async () => () => {},

    openDocument: vi.fn(async (path: string) => {
      if (path === "plan.json") {
        throw new ApiError({ code: "invalid_request", message: "plan.json is a Terraform plan", hint: "It opens in the Plan Review." });
      }
      if (!(path in rust.disk)) throw new ApiError({ code: "not_found", message: `Cannot read ${path}`, hint: "Refresh the tree." });
      if (!rust.docs.has(path)) rust.docs.set(path, { text: rust.disk[path], version: 0 });
      return openDoc(path);
    }),
    editDocument: vi.fn(async (path: string, version: number, changes: TextChange[]) => {
      const doc = rust.docs.get(path);
      if (!doc) throw notOpen(path);
      if (doc.version !== version) {
        throw new ApiError({ code: "document_out_of_sync", message: `${path} is at version ${doc.version}, not ${version}`, hint: "" });
      }
      doc.text = applyChanges(doc.text, changes);
      doc.version++;
      return result(path);
    }),
    setDocumentText: vi.fn(async (path: string, text: string) => {
      const doc = rust.docs.get(path);
      if (!doc) throw notOpen(path);
      doc.text = text;
      doc.version++;
      return result(path);
    }),
    saveDocument: vi.fn(async (path: string, overwrite: boolean) => {
      const doc = rust.docs.get(path);
      if (!doc) throw notOpen(path);
      if (rust.changedOnDisk.has(path) && !overwrite) return { path, version: doc.version, saved: false, conflict: true };
      rust.disk[path] = doc.text;
      rust.changedOnDisk.delete(path);
      return { path, version: doc.version, saved: true, conflict: false };
    }),
    reloadDocument: vi.fn(async (path: string) => {
      const doc = rust.docs.get(path);
      if (!doc) throw notOpen(path);
      doc.text = rust.disk[path];
      doc.version++;
      rust.changedOnDisk.delete(path);
      return openDoc(path);
    }),
    closeDocument: vi.fn(async (path: string) => {
      rust.docs.delete(path);
    }),
    workspaceProblems: vi.fn(async () => {
      const fileList = Object.keys(rust.disk).map((path) => ({ path, diagnostics: fakeLint(rust.docs.get(path)?.text ?? rust.disk[path]) }));
      const warnings = fileList.reduce((n, f) => n + f.diagnostics.length, 0);
      return { files: fileList, errors: 0, warnings, infos: 0, indexed_files: fileList.length, millis: 3 };
    }),
    searchWorkspace: vi.fn(async () => ({ hits: [], files_searched: 0, truncated: false, millis: 1 })),
    definition: vi.fn(async () => []),
    references: vi.fn(async () => []),
    renamePreview: vi.fn(async () => {
      throw new ApiError({ code: "no_symbol", message: "Nothing to rename here", hint: "" });
    }),
    applyRename: vi.fn(async () => ({ written: [], updated: [] })),
    completions: vi.fn(async () => ({ from: 0, items: [] })),
    hover: vi.fn(async () => null),
    outline: vi.fn(async () => []),
    formatDocument: vi.fn(async () => []),
    onFileChanged: async () => () => {},
    onDiagnostics: async () => () => {},
    runEnvironments: vi.fn(async () => []),
    startRun: vi.fn(async () => ({ id: 1, command: "terraform plan" })),
    cancelRun: vi.fn(async () => {}),
    listRuns: vi.fn(async () => []),
    runLog: vi.fn(async (id: number) => ({ id, log: "", truncated: false })),
    openRunPlan: vi.fn(async () => {
      throw new Error("no run plans in the fake");
    }),
    approveRunPlan: vi.fn(async () => {
      throw new Error("no run plans in the fake");
    }),
    onRunEvent: async () => () => {},
    newProjectOptions: vi.fn(async () => {
      throw new ApiError({ code: "catalog_missing", message: "no catalog in the fake", hint: "" });
    }),
    pickNewProjectFolder: vi.fn(async () => null),
    previewNewProject: vi.fn(async () => {
      throw new ApiError({ code: "catalog_missing", message: "no catalog in the fake", hint: "" });
    }),
    createNewProject: vi.fn(async () => {
      throw new ApiError({ code: "catalog_missing", message: "no catalog in the fake", hint: "" });
    }),
    catalogModules: vi.fn(async () => []),
    catalogModuleCall: vi.fn(async () => {
      throw new ApiError({ code: "catalog_missing", message: "no catalog in the fake", hint: "" });
    }),
    vendorCatalogModule: vi.fn(async () => []),
    estimateCost: vi.fn(async () => sampleCost),
    costChart: vi.fn(async (grouping: string) => `<svg xmlns="http://www.w3.org/2000/svg"><text>${grouping}</text></svg>`),
    costHistory: vi.fn(async () => ({ points: [{ estimated_at: 1_795_737_600, total_monthly_cost: 91.48, plan: false }], svg: "<svg/>" })),
    pickCostUsageFile: vi.fn(async () => null),
    exportCostChart: vi.fn(async () => null),
    clusterContexts: vi.fn(async () => ({ contexts: [], errors: [], files: [], available: true })),
    connectCluster: vi.fn(async (context: string) => ({ connection: 1, context, server: "https://127.0.0.1:6443", namespace: "default" })),
    disconnectCluster: vi.fn(async () => {}),
    clusterObject: vi.fn(async (kind, key) => ({ kind, key, yaml: "", note: null, containers: [] })),
    onClusterEvent: async () => () => {},
    openPodLog: vi.fn(async () => 1),
    closePodLog: vi.fn(async () => {}),
    onPodLog: async () => () => {},
    previewClusterAction: vi.fn(async () => {
      throw new Error("no cluster actions in the fake");
    }),
    runClusterAction: vi.fn(async () => {
      throw new Error("no cluster actions in the fake");
    }),
    previewClusterApply: vi.fn(async () => {
      throw new Error("no cluster apply in the fake");
    }),
    runClusterApply: vi.fn(async () => {
      throw new Error("no cluster apply in the fake");
    }),
    clusterMetrics: vi.fn(async () => ({ state: "not_installed" as const, nodes: [], pods: [] })),
    clusterPlatform: vi.fn(async (namespace: string) => ({ namespace, quotas: [], limits: [], access: [], policies: [] })),
    clusterHelmReleases: vi.fn(async () => ({ releases: [], errors: [] })),
    liveLinksInFile: vi.fn(async (path: string) => ({ path, links: [] })),
    liveLinkForPlanChange: vi.fn(async () => null),
    liveLinkForStateInstance: vi.fn(async () => null),
    openLiveLink: vi.fn(async () => ({ context: null, why: "", kind: null, key: null, helm_release: null, add_cluster: null })),
    yamlLiveStatus: vi.fn(async (path: string) => ({ path, context: "c", summary: "", objects: [], method: "" })),
    clusterGitops: vi.fn(async () => ({ argo: { presence: "not_installed" as const, no_access: [] }, flux: { presence: "not_installed" as const, no_access: [] }, apps: [] })),
    clusterAudit: vi.fn(async () => []),
    discoverCloudClusters: vi.fn(async () => ({ cloud: "eks" as const, signed_in: "AWS profile (environment)", scope: "account 123456789012", clusters: [], problems: [] })),
    probeClusterContexts: vi.fn(async () => []),
    previewAddClusterContext: vi.fn(async () => {
      throw { code: "cluster_discovery", message: "not found", hint: "Look for clusters again." };
    }),
    addClusterContext: vi.fn(async () => {
      throw { code: "cluster_discovery", message: "not found", hint: "Look for clusters again." };
    }),
    credentialReport: vi.fn(async () => ({ entries: [], active_aws: null })),
    recheckCredential: vi.fn(async () => ({ entries: [], active_aws: null })),
    checkCredentialLive: vi.fn(async () => {
      throw new Error("no live checks in the fake");
    }),
    runSecrets: vi.fn(async () => ({ available: false, problem: null, names: [] })),
    setRunSecret: vi.fn(async () => ({ available: false, problem: null, names: [] })),
    deleteRunSecret: vi.fn(async () => ({ available: false, problem: null, names: [] })),
    teamStatus: vi.fn(async () => DISCONNECTED_TEAM),
    teamConnect: vi.fn(async () => DISCONNECTED_TEAM),
    teamDisconnect: vi.fn(async () => DISCONNECTED_TEAM),
    teamSyncNow: vi.fn(async () => ({ pushed: 0, unchanged: 0, rejected: 0, pulled: 0 })),
    teamAudit: vi.fn(async () => ({ rows: [], matched: 0, scanned: 0, partial: false })),
    teamGovernance: vi.fn(async () => NO_GOVERNANCE),
    teamApprovals: vi.fn(async () => []),
    teamDecide: vi.fn(async () => []),
    teamComments: vi.fn(async () => []),
    teamAddComment: vi.fn(async () => {
      throw new Error("no team server in the fake");
    }),
    teamRunRecordId: vi.fn(async () => null),
    teamSsoInfo: vi.fn(async () => ({ available: false, issuer: null })),
    teamSignInSso: vi.fn(async () => DISCONNECTED_TEAM),
    teamCancelSso: vi.fn(async () => {}),
    teamRequests: vi.fn(async () => []),
    teamCreateRequest: vi.fn(async () => {
      throw new Error("not in this test");
    }),
    teamDecideRequest: vi.fn(async () => {
      throw new Error("not in this test");
    }),
    teamPrepareRequest: vi.fn(async () => {
      throw new Error("not in this test");
    }),
    ...overrides,
  };
  return Object.assign(api, { rust });
}
