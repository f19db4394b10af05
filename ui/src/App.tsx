import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import type { Api, MenuAction } from "./api";
import { ApiError } from "./api";
import { CodeEditor } from "./CodeEditor";
import { ConflictDialog } from "./ConflictDialog";
import { DefinitionPicker } from "./DefinitionPicker";
import { EditorContextMenu } from "./EditorContextMenu";
import { EditorTabs } from "./EditorTabs";
import { FileTree } from "./FileTree";
import { OutlinePanel } from "./OutlinePanel";
import { ModulesPanel } from "./ModulesPanel";
import { NewProjectWizard } from "./NewProjectWizard";
import { PlanReview } from "./PlanReview";
import { StateExplorer } from "./StateExplorer";
import { DriftView } from "./DriftView";
import { CostView } from "./CostView";
import { statusTotal } from "./cost-model";
import { useCost } from "./use-cost";
import { ClustersView } from "./ClustersView";
import { ClusterApplyDialog } from "./ClusterApplyDialog";
import { canApplyToCluster } from "./cluster-apply-model";
import { ClustersController } from "./clusters-controller";
import { LiveLinksBar } from "./LiveLinksBar";
import type { LiveTarget } from "./generated/types";
import { CredentialsView } from "./CredentialsView";
import { statusBarSummary } from "./credentials-model";
import { LiveProblemsPanel, ProblemsTotal } from "./problems-live";
import { TeamView } from "./TeamView";
import { RequestsView } from "./RequestsView";
import { PlanComments } from "./PlanComments";
import { teamStatusItem } from "./team-model";
import { RunsPanel } from "./RunsPanel";
import { RunApprovalBanner } from "./RunApprovalBanner";
import { RunsController } from "./runs-controller";
import { ReferencesPanel } from "./ReferencesPanel";
import { RenameInput } from "./RenameInput";
import { RenamePreview } from "./RenamePreview";
import { SaveChangesDialog } from "./SaveChangesDialog";
import { SearchPanel } from "./SearchPanel";
import { SidebarViews, type SidebarView } from "./SidebarViews";
import { BottomPanel, type BottomView } from "./BottomPanel";
import { Welcome } from "./Welcome";
import { useCodeNavigation, type PathCommands } from "./use-code-navigation";
import { StatusBar } from "./StatusBar";
import type { CursorPosition, EditorDocument } from "./editor-document";
import { LiveValue } from "./live-value";
import type {
  AppInfo, CredentialReport, RemoteBackendInfo, TeamStatus, EditorDiagnostic, PlanReviewView, QuickFix, StateView, RecentWorkspace, Settings, TreeEntry, WorkspaceInfo,
} from "./generated/types";
import { installTestHook } from "./test-hook";
import { applyTheme, nextTheme } from "./theme";
import { parentOf } from "./tree-model";
import { Workbench } from "./workbench";

/** Files shown first when a workspace opens, so the editor is never empty on a real project. */
const FIRST_FILES = ["main.tf", "README.md", "terragrunt.hcl"];

/** The Plan Review tab's id among the file tabs (NUL never appears in a path). */
const PLAN_TAB = "\u0000plan-review";
const isStatePath = (path: string) => /\.tfstate(\.backup)?$/i.test(path);
const STATE_TAB = "\u0000state-explorer";
const DRIFT_TAB = "\u0000inventory-drift";
const COST_TAB = "\u0000cost";
const CLUSTERS_TAB = "\u0000clusters";
const CREDENTIALS_TAB = "\u0000credentials";
const TEAM_TAB = "\u0000team";
const REQUESTS_TAB = "\u0000requests";
/** How often the status bar's team item reads the sync state (local only, no network). */
const TEAM_POLL_MS = 5000;
/** Tabs that are not files (no save, format or cursor). */
const isFileTab = (id: string | null) =>
  id !== null &&
  id !== PLAN_TAB &&
  id !== STATE_TAB &&
  id !== DRIFT_TAB &&
  id !== COST_TAB &&
  id !== CLUSTERS_TAB &&
  id !== CREDENTIALS_TAB &&
  id !== TEAM_TAB;

/** How long a notice ("Renamed in 3 files") stays. */
const NOTICE_MS = 4000;

/** Errors that answer a user's request ("no symbol here") rather than report a failure. */
const ANSWER_CODES = new Set(["no_symbol", "rename_invalid", "format_syntax_error", "search_invalid"]);

interface Problem {
  message: string;
  hint: string;
}

type Range = { from: number; to: number };

type DialogState = { kind: "close"; path: string } | { kind: "conflict"; path: string; closeAfter: boolean };

export function App({ api }: { api: Api }) {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [workspace, setWorkspace] = useState<WorkspaceInfo | null>(null);
  const [active, setActive] = useState<string | null>(null);
  // Changed on every keystroke: read by the status bar's cursor item and the outline only.
  const cursor = useMemo(() => new LiveValue<CursorPosition | null>(null), []);
  const editTick = useMemo(() => new LiveValue(0), []);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<{ text: string; seq: number } | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [treeKey, setTreeKey] = useState(0);
  const [treeRefresh, setTreeRefresh] = useState<{ dir: string; seq: number } | null>(null);
  const [recent, setRecent] = useState<RecentWorkspace[]>([]);
  const [plan, setPlan] = useState<{ view: PlanReviewView; key: number } | null>(null);
  const [stateTab, setStateTab] = useState<{ view: StateView; key: number } | null>(null);
  // Inventory & Drift: open with the state it proposes first (null = the workspace default).
  const [driftTab, setDriftTab] = useState<{ state: string | null; key: number } | null>(null);
  const [costTab, setCostTab] = useState(false);
  const [credentialsOpen, setCredentialsOpen] = useState(false);
  /** The credential report (files only): the status bar's AWS item and the Credentials tab. */
  const [credentials, setCredentials] = useState<CredentialReport | null>(null);
  const [teamOpen, setTeamOpen] = useState(false);
  const [requestsOpen, setRequestsOpen] = useState(false);
  /** The team server's sync state: the status bar's "⇅ Team" item and the Team Server tab. */
  const [team, setTeam] = useState<TeamStatus | null>(null);
  const [planLoading, setPlanLoading] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [sidebarView, setSidebarView] = useState<SidebarView>("explorer");
  const [searchFocus, setSearchFocus] = useState(0);
  const [bottom, setBottom] = useState<BottomView | null>(null);
  const [dialog, setDialog] = useState<DialogState | null>(null);
  // The YAML file being applied to the live cluster (editor context menu).
  const [applyPath, setApplyPath] = useState<string | null>(null);
  const [wizard, setWizard] = useState(false);
  /** The plan in Plan Review came from this run (its view id): the review can confirm it. */
  const [runPlan, setRunPlan] = useState<{ runId: number; viewId: number; confirmed: boolean } | null>(null);

  const activeRef = useRef(active);
  activeRef.current = active;

  const report = useCallback((err: unknown) => {
    if (err instanceof ApiError) setProblem({ message: err.message, hint: err.hint });
    else setProblem({ message: String(err), hint: "Please report this with Help → Open Log Folder." });
  }, []);

  const runs = useMemo(() => new RunsController(api, (err) => report(err)), [api, report]);
  const cost = useCost(api, workspace, report);
  const openCost = useCallback(() => {
    setCostTab(true);
    setActive(COST_TAB);
  }, []);
  useEffect(() => runs.listen(), [runs]);
  // The live cluster outlives tab switches; closing the Clusters tab disconnects.
  const clusters = useMemo(() => new ClustersController(api, (err) => report(err)), [api, report]);
  useEffect(() => clusters.listen(), [clusters]);
  const [clustersOpen, setClustersOpen] = useState(false);
  // Link IaC to live: "Compare with Cluster" from the editor menu bumps this.
  const [compareTick, setCompareTick] = useState(0);
  // Link IaC to live: Rust says where a Terraform resource's live counterpart is; the Clusters
  // tab opens there (connected, object selected) or with "Add cloud cluster" pre-filled.
  const openLive = useCallback(
    (target: LiveTarget) => {
      api.openLiveLink(target).then((open) => {
        setClustersOpen(true);
        setActive(CLUSTERS_TAB);
        void clusters.openLink(open);
      }, report);
    },
    [api, clusters, report],
  );

  const showNotice = useCallback((text: string) => setNotice((prev) => ({ text, seq: (prev?.seq ?? 0) + 1 })), []);

  /** An error answering a request (no symbol, invalid name…) is a notice; others a banner. */
  const explain = useCallback(
    (err: unknown) => {
      if (err instanceof ApiError && ANSWER_CODES.has(err.code)) showNotice(err.message);
      else report(err);
    },
    [report, showNotice],
  );

  // The editor commands of each document call through this ref, so they always see the
  // current handlers (set below, once they are defined).
  const commands = useRef<PathCommands>({ definition() {}, references() {}, rename() {}, format() {}, contextMenu() {} });

  const workbench = useMemo(
    () =>
      new Workbench(api, {
        commands: (path) => ({
          definition: (pos) => commands.current.definition(path, pos),
          references: (pos) => commands.current.references(path, pos),
          rename: (pos) => commands.current.rename(path, pos),
          format: () => commands.current.format(path),
          contextMenu: (pos, x, y) => commands.current.contextMenu(path, pos, x, y),
        }),
        cursor: (doc, pos) => {
          if (doc.path === activeRef.current) cursor.set(pos);
        },
        edited: (doc) => {
          if (doc.path === activeRef.current) editTick.set(editTick.get() + 1);
        },
        error: (err) => report(err),
      }),
    [api, report, cursor, editTick],
  );
  const snapshot = useSyncExternalStore(workbench.subscribe, workbench.getSnapshot);
  useEffect(() => installTestHook(workbench), [workbench]);
  useEffect(() => () => workbench.reset(), [workbench]);

  const showPlan = useCallback(
    (view: PlanReviewView) => {
      setPlan((prev) => ({ view, key: (prev?.key ?? 0) + 1 }));
      setActive(PLAN_TAB);
      if (view.policy_checked) return;
      // Second step: policy results and the final verdict. Applied only to the plan they were
      // run for (another may have been opened meanwhile); the selection is kept (same key).
      api.checkPlanPolicies().then(
        (checked) => setPlan((prev) => (prev && prev.view.id === checked.id ? { view: checked, key: prev.key } : prev)),
        report,
      );
    },
    [api, report],
  );

  const showState = useCallback((view: StateView) => {
    setStateTab((prev) => ({ view, key: (prev?.key ?? 0) + 1 }));
    setActive(STATE_TAB);
  }, []);

  const openState = useCallback(
    (path: string) => api.openState(path).then(showState, report),
    [api, showState, report],
  );

  // The workspace's remote state (File → Open Remote State, and the explorer's Refresh).
  const openRemoteState = useCallback(() => api.openRemoteState().then(showState, report), [api, showState, report]);
  const [remoteBackend, setRemoteBackend] = useState<RemoteBackendInfo | null>(null);
  useEffect(() => {
    setRemoteBackend(null);
    if (!workspace?.root) return;
    let live = true;
    api.remoteBackend().then((b) => live && setRemoteBackend(b), () => live && setRemoteBackend(null));
    return () => {
      live = false;
    };
  }, [api, workspace?.root]);
  /** View → Inventory & Drift, or "Compare with cloud" of the State Explorer. */
  const openDrift = useCallback((state: string | null) => {
    setDriftTab((prev) => (prev && (state === null || prev.state === state) ? prev : { state, key: (prev?.key ?? 0) + 1 }));
    setActive(DRIFT_TAB);
  }, []);

  // Where to go back to when a plan fails to open and no earlier plan is there to show.
  const beforePlan = useRef<string | null>(null);
  const hasPlan = useRef(false);
  hasPlan.current = plan !== null;

  const openPlan = useCallback(
    async (path: string) => {
      setPlanLoading(path);
      setActive((current) => {
        if (current !== PLAN_TAB) beforePlan.current = current;
        return PLAN_TAB;
      });
      try {
        showPlan(await api.openPlan(path));
      } catch (err) {
        report(err);
        if (!hasPlan.current) setActive((current) => (current === PLAN_TAB ? beforePlan.current : current));
      } finally {
        setPlanLoading(null);
      }
    },
    [api, report, showPlan],
  );

  /** "Open in Plan Review" of a finished plan run: its saved plan, confirmable from there. */
  const openRunPlan = useCallback(
    async (runId: number) => {
      setPlanLoading(`plan of run #${runId}`);
      setActive((current) => {
        if (current !== PLAN_TAB) beforePlan.current = current;
        return PLAN_TAB;
      });
      try {
        const view = await api.openRunPlan(runId);
        showPlan(view);
        setRunPlan({ runId, viewId: view.id, confirmed: false });
      } catch (err) {
        report(err);
        if (!hasPlan.current) setActive((current) => (current === PLAN_TAB ? beforePlan.current : current));
      } finally {
        setPlanLoading(null);
      }
    },
    [api, report, showPlan],
  );

  const confirmRunPlan = useCallback(async () => {
    if (!runPlan) return;
    try {
      await api.approveRunPlan(runPlan.runId);
      setRunPlan({ ...runPlan, confirmed: true });
      await runs.refresh();
      showNotice(`Plan of run #${runPlan.runId} confirmed: apply it from the Runs panel.`);
    } catch (err) {
      report(err);
    }
  }, [api, runPlan, runs, report, showNotice]);

  const pickPlan = useCallback(async () => {
    try {
      const view = await api.pickPlanFile();
      if (view) showPlan(view);
    } catch (err) {
      report(err);
    }
  }, [api, report, showPlan]);

  /** Opens a file in a tab (or shows its tab) and, when given, selects a range of it. */
  const openFile = useCallback(
    async (path: string, range?: Range): Promise<EditorDocument | null> => {
      // States hold secrets in clear: they open in the State Explorer (redacted), not the editor.
      if (isStatePath(path)) {
        await openState(path);
        return null;
      }
      try {
        const doc = await workbench.open(path);
        setActive(doc.path);
        if (range) doc.reveal(range.from, range.to);
        return doc;
      } catch (err) {
        // Plan JSON holds secrets in clear: the editor refuses it, and it opens in the Plan
        // Review (redacted) instead.
        if (err instanceof ApiError && path.toLowerCase().endsWith(".json")) {
          const content = await api.readFile(path).catch(() => null);
          if (content?.plan) {
            await openPlan(content.path);
            return null;
          }
        }
        report(err);
        return null;
      }
    },
    [api, workbench, report, openPlan, openState],
  );

  const goTo = useCallback((location: { path: string; range: Range }) => void openFile(location.path, location.range), [openFile]);

  // ---- Editor commands (F12, Shift+F12, F2, Shift+Alt+F, context menu) ----
  const nav = useCodeNavigation({ api, workbench, goTo, showNotice, explain, setBottom });
  commands.current = nav.commands;
  const resetNav = nav.reset;

  const showWorkspace = useCallback(
    async (ws: WorkspaceInfo | null) => {
      workbench.reset();
      setWorkspace(ws);
      setActive(null);
      setTreeKey((k) => k + 1);
      resetNav();
      setBottom((b) => (b === "problems" ? b : null));
      api.recentWorkspaces().then(setRecent, () => setRecent([]));
      if (!ws) return;
      runs.reset();
      for (const candidate of FIRST_FILES) {
        try {
          const doc = await workbench.open(candidate);
          setActive(doc.path);
          break;
        } catch {
          // Not every workspace has this file; try the next.
        }
      }
      workbench.loadProblems().catch(report);
    },
    [api, workbench, report, resetNav, runs],
  );

  const openFolder = useCallback(async () => {
    try {
      // Rust asks about unsaved edits before switching: give it every keystroke first.
      await workbench.flushAll().catch(() => {});
      const ws = await api.pickWorkspaceFolder();
      if (ws) await showWorkspace(ws);
    } catch (err) {
      report(err);
    }
  }, [api, report, showWorkspace, workbench]);

  const openRecent = useCallback(
    async (path: string) => {
      try {
        await workbench.flushAll().catch(() => {});
        const ws = await api.openRecentWorkspace(path);
        if (ws) await showWorkspace(ws);
      } catch (err) {
        report(err);
      }
    },
    [api, report, showWorkspace, workbench],
  );

  /** Closes a file tab without asking; its neighbour becomes active. */
  const forceClose = useCallback(
    (path: string) => {
      const index = workbench.paths.indexOf(path);
      workbench.close(path);
      const rest = workbench.paths;
      setActive((current) => (current === path ? (rest[Math.min(index, rest.length - 1)] ?? null) : current));
    },
    [workbench],
  );

  const closeTab = useCallback(
    (id: string) => {
      // The views that are tabs but not files: what closing each one does.
      const closeView: Record<string, () => void> = {
        [PLAN_TAB]: () => setPlan(null),
        [COST_TAB]: () => setCostTab(false),
        [CLUSTERS_TAB]: () => {
          setClustersOpen(false);
          void clusters.disconnect();
        },
        [CREDENTIALS_TAB]: () => setCredentialsOpen(false),
        [TEAM_TAB]: () => setTeamOpen(false),
        [REQUESTS_TAB]: () => setRequestsOpen(false),
        [STATE_TAB]: () => setStateTab(null),
        [DRIFT_TAB]: () => setDriftTab(null),
      };
      const close = closeView[id];
      if (close) {
        close();
        setActive((current) => (current === id ? null : current));
        return;
      }
      // A file deleted on disk lives only in its tab: closing it asks too.
      const doc = workbench.get(id);
      if (doc && (doc.dirty || doc.deleted)) setDialog({ kind: "close", path: id });
      else forceClose(id);
    },
    [workbench, forceClose, clusters],
  );

  /** Saves a document; a conflict with the file on disk asks the user. */
  const save = useCallback(
    async (path: string, options: { overwrite?: boolean; closeAfter?: boolean } = {}) => {
      const doc = workbench.get(path);
      if (!doc) return;
      try {
        const result = await doc.save(options.overwrite ?? false);
        if (result.saved) {
          cost.fileChanged(path);
          if (options.closeAfter) forceClose(path);
        } else if (result.conflict) {
          setDialog({ kind: "conflict", path, closeAfter: options.closeAfter ?? false });
        }
      } catch (err) {
        report(err);
      }
    },
    [workbench, forceClose, report, cost.fileChanged],
  );

  const reload = useCallback(
    async (path: string) => {
      try {
        await workbench.get(path)?.reload();
      } catch (err) {
        report(err);
      }
    },
    [workbench, report],
  );

  const changeSettings = useCallback(
    async (update: Partial<Settings>) => {
      if (!settings) return;
      try {
        const saved = await api.saveSettings({ ...settings, ...update });
        setSettings(saved);
        if ("show_ignored" in update) setTreeKey((k) => k + 1);
      } catch (err) {
        report(err);
      }
    },
    [api, report, settings],
  );

  const toggleProblems = useCallback(() => setBottom((b) => (b === "problems" ? null : "problems")), []);
  const toggleRuns = useCallback(() => setBottom((b) => (b === "runs" ? null : "runs")), []);
  const showCredentials = useCallback(() => {
    setCredentialsOpen(true);
    setActive(CREDENTIALS_TAB);
  }, []);
  const showTeam = useCallback(() => {
    setTeamOpen(true);
    setActive(TEAM_TAB);
  }, []);
  const showRequests = useCallback(() => {
    setRequestsOpen(true);
    setActive(REQUESTS_TAB);
  }, []);
  // The background sync runs in Rust; this only reads its state for the status bar.
  useEffect(() => {
    const read = () => api.teamStatus().then(setTeam, () => setTeam(null));
    void read();
    const timer = setInterval(read, TEAM_POLL_MS);
    return () => clearInterval(timer);
  }, [api]);
  const showSearch = useCallback(() => {
    setSidebarView("search");
    setSearchFocus((k) => k + 1);
  }, []);
  const saveActive = useCallback(() => {
    const path = activeRef.current;
    if (path && isFileTab(path)) void save(path);
  }, [save]);
  const formatActive = useCallback(() => {
    const path = activeRef.current;
    if (path && isFileTab(path)) commands.current.format(path);
  }, []);

  const openProblem = (path: string, d: EditorDiagnostic) => {
    const doc = workbench.get(path);
    void openFile(path, doc && doc.diagnostics.includes(d) ? doc.currentRange(d.range) : d.range);
  };

  const fixProblem = async (path: string, d: EditorDiagnostic, fix: QuickFix) => {
    const doc = await openFile(path);
    if (doc && !doc.applyFixLike(d, fix.title)) showNotice("This fix no longer applies: the problem changed.");
  };

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const [appInfo, saved, problems] = await Promise.all([api.appInfo(), api.settings(), api.startupProblems()]);
        if (cancelled) return;
        setInfo(appInfo);
        setSettings(saved);
        if (problems[0]) setProblem({ message: problems[0].message, hint: problems[0].hint });
        await showWorkspace(await api.startupWorkspace());
        // Files only, no network: cheap enough for the status bar at start.
        api.credentialReport().then(setCredentials, () => setCredentials(null));
        // Two frames later the tree and editor are painted: report start-up time once.
        requestAnimationFrame(() => requestAnimationFrame(() => void api.uiReady().catch(() => {})));
        // After a reload of the webview the Rust side still holds the open plan.
        const openPlanView = await api.currentPlan();
        if (!cancelled && openPlanView) showPlan(openPlanView);
      } catch (err) {
        report(err);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [api, report, showWorkspace, showPlan]);

  useEffect(() => applyTheme(settings?.theme ?? "system"), [settings?.theme]);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  // The cursor shown is the active document's.
  useEffect(() => {
    const doc = active ? workbench.get(active) : undefined;
    cursor.set(doc ? doc.cursor() : null);
  }, [active, workbench, cursor]);

  useEffect(() => {
    const offWorkspace = api.onWorkspaceOpened((ws) => void showWorkspace(ws));
    return () => void offWorkspace.then((off) => off());
  }, [api, showWorkspace]);

  useEffect(() => {
    const offs = [
      api.onPlanOpened(showPlan),
      api.onStateOpened(showState),
      api.onPlanError((err) => setProblem({ message: err.message, hint: err.hint })),
      api.onOpenFile((path) => void openFile(path)),
      api.onDragging(setDragging),
      api.onFileChanged((change) => {
        workbench.diskChanged(change).catch(report);
        cost.fileChanged(change.path);
        if (change.kind !== "modified") setTreeRefresh((r) => ({ dir: parentOf(change.path), seq: (r?.seq ?? 0) + 1 }));
      }),
      api.onDiagnostics((d) => workbench.routeDiagnostics(d)),
    ];
    return () => offs.forEach((off) => void off.then((unlisten) => unlisten()));
  }, [api, workbench, report, showPlan, showState, openFile, cost.fileChanged]);

  useEffect(() => {
    const handle = (action: MenuAction) => {
      if (action === "close_tab" && activeRef.current) closeTab(activeRef.current);
      if (action === "toggle_theme" && settings) void changeSettings({ theme: nextTheme(settings.theme) });
      if (action === "refresh_tree") setTreeKey((k) => k + 1);
      if (action === "save") saveActive();
      if (action === "format_document") formatActive();
      if (action === "find_in_files") showSearch();
      if (action === "toggle_problems") toggleProblems();
      if (action === "new_project") setWizard(true);
      if (action === "inventory_drift") openDrift(null);
      if (action === "open_cost") openCost();
      if (action === "open_clusters") {
        setClustersOpen(true);
        setActive(CLUSTERS_TAB);
      }
      if (action === "show_credentials") showCredentials();
      if (action === "show_runs") setBottom("runs");
      if (action === "open_remote_state") void openRemoteState();
      if (action === "show_team") showTeam();
      if (action === "show_requests") showRequests();
    };
    const off = api.onMenu(handle);
    return () => void off.then((unlisten) => unlisten());
  }, [api, closeTab, changeSettings, settings, saveActive, formatActive, showSearch, toggleProblems, openDrift, openCost, showCredentials, openRemoteState, showTeam, showRequests]);

  const isMac = info?.os === "macos";
  // Window-wide shortcuts (the editor's own keys live in its keymap).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = isMac ? e.metaKey : e.ctrlKey;
      if (!mod || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key === "s" && !e.shiftKey) saveActive();
      else if (key === "m" && e.shiftKey) toggleProblems();
      else if (key === "f" && e.shiftKey) showSearch();
      else return;
      e.preventDefault();
      e.stopPropagation();
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [isMac, saveActive, toggleProblems, showSearch]);

  const activeTab = snapshot.tabs.find((t) => t.path === active) ?? null;
  const activeDoc = activeTab ? (workbench.get(activeTab.path) ?? null) : null;
  const mod = isMac ? "⌘" : "Ctrl+";
  const closeMenu = useCallback(() => nav.setMenu(null), [nav.setMenu]);
  const closePicker = useCallback(() => nav.setPicker(null), [nav.setPicker]);

  const { rename: renameBox, picker, menu } = nav;

  return (
    <div className="app">
      {dragging && (
        <div className="drop-overlay" data-testid="drop-overlay">
          <div>Drop a plan JSON to review it, or a folder to open it</div>
        </div>
      )}
      {problem && (
        <div className="banner" role="alert">
          <div>
            <strong>{problem.message}</strong>
            <div className="muted">{problem.hint}</div>
          </div>
          <button className="link" onClick={() => setProblem(null)} aria-label="Dismiss">✕</button>
        </div>
      )}
      <div className="main">
        <aside className="sidebar">
          <div className="sidebar-header">
            <span className="workspace-name" title={workspace?.root}>{workspace?.name ?? "No folder"}</span>
            <button className="small" onClick={() => void openFolder()} title={`Open Folder (${mod}O)`}>Open…</button>
          </div>
          {workspace ? (
            <SidebarViews
              view={sidebarView}
              onView={(view) => (view === "search" ? showSearch() : setSidebarView(view))}
              searchShortcut={`${mod}Shift+F`}
              explorer={
                <>
                  <FileTree
                    api={api}
                    workspaceKey={`${workspace.root}#${treeKey}`}
                    selectedPath={active}
                    onOpenFile={(entry: TreeEntry) => void openFile(entry.path)}
                    onError={report}
                    refresh={treeRefresh}
                  />
                  {settings && (
                    <label className="sidebar-footer">
                      <input
                        type="checkbox"
                        checked={settings.show_ignored}
                        onChange={(e) => void changeSettings({ show_ignored: e.target.checked })}
                      />
                      Show ignored files
                    </label>
                  )}
                </>
              }
              search={<SearchPanel key={workspace.root} api={api} focusKey={searchFocus} onOpen={goTo} />}
              outline={() => <OutlinePanel api={api} doc={activeDoc} editTick={editTick} onJump={(path, range) => goTo({ path, range })} />}
              modules={() => <ModulesPanel api={api} doc={activeDoc} workspaceKey={`${workspace.root}#${treeKey}`} onNotice={showNotice} onError={report} />}
            />
          ) : (
            <div className="tree-empty">Open a folder of infrastructure code to begin.</div>
          )}
        </aside>
        <section className="editor-area">
          <EditorTabs
            tabs={snapshot.tabs}
            active={active}
            plan={plan || planLoading ? { id: PLAN_TAB, name: plan?.view.name ?? planLoading ?? "", title: plan?.view.location ?? planLoading ?? "" } : null}
            stateTab={stateTab ? { id: STATE_TAB, name: stateTab.view.location, title: stateTab.view.location } : null}
            driftTab={driftTab ? { id: DRIFT_TAB } : null}
            costTab={costTab ? { id: COST_TAB, name: cost.view?.folder || (workspace?.name ?? ""), title: "Monthly cost of the workspace" } : null}
            clustersTab={clustersOpen ? { id: CLUSTERS_TAB } : null}
            credentialsTab={credentialsOpen ? CREDENTIALS_TAB : null}
            teamTab={teamOpen ? TEAM_TAB : null}
            requestsTab={requestsOpen ? REQUESTS_TAB : null}
            onSelect={setActive}
            onClose={closeTab}
          />
          {active === PLAN_TAB && planLoading ? (
            <div className="placeholder" role="status">Reviewing {planLoading}…</div>
          ) : active === PLAN_TAB && plan ? (
            <>
              {runPlan && runPlan.viewId === plan.view.id && (
                <RunApprovalBanner runs={runs} runPlan={runPlan} onConfirm={() => void confirmRunPlan()} onGoToRuns={() => setBottom("runs")} />
              )}
              {runPlan && runPlan.viewId === plan.view.id && team?.connected && (
                <PlanComments api={api} runId={runPlan.runId} addresses={plan.view.changes.map((c) => c.address)} syncedAt={team.last_sync_at} onError={report} />
              )}
              <PlanReview key={plan.key} api={api} plan={plan.view} onError={report} onOpenLive={openLive} />
            </>
          ) : active === COST_TAB && costTab ? (
            <CostView api={api} view={cost.view} busy={cost.busy} onEstimate={cost.estimate} onError={report} onNotice={showNotice} />
          ) : active === CLUSTERS_TAB && clustersOpen ? (
            <ClustersView api={api} controller={clusters} onError={report} />
          ) : active === STATE_TAB && stateTab ? (
            <StateExplorer
              key={stateTab.key}
              api={api}
              state={stateTab.view}
              onShowInCode={(l) => goTo({ path: l.path, range: l.range })}
              onCompare={() => openDrift(stateTab.view.location)}
              onRefresh={stateTab.view.remote ? openRemoteState : undefined}
              onError={report}
              onOpenLive={openLive}
            />
          ) : active === DRIFT_TAB && driftTab ? (
            <DriftView key={`${workspace?.root}#${driftTab.key}`} api={api} initialState={driftTab.state} onError={report} />
          ) : active === CREDENTIALS_TAB && credentialsOpen ? (
            <CredentialsView api={api} report={credentials} onReport={setCredentials} workspaceName={workspace?.name ?? null} onError={report} />
          ) : active === TEAM_TAB && teamOpen ? (
            <TeamView api={api} status={team} onStatus={setTeam} onError={report} onNotice={showNotice} onShowRequests={showRequests} />
          ) : active === REQUESTS_TAB && requestsOpen ? (
            <RequestsView api={api} status={team} onShowTeam={showTeam} onOpenFolder={(path) => void openRecent(path)} onError={report} onNotice={showNotice} />
          ) : activeDoc && activeTab ? (
            <>
              <LiveLinksBar
                key={activeDoc.path}
                api={api}
                doc={activeDoc}
                onOpen={openLive}
                beforeCompare={() => workbench.flushAll()}
                onError={report}
                compareRequest={compareTick}
              />
              <CodeEditor
                doc={activeDoc}
                tab={activeTab}
                onReload={() => void reload(activeDoc.path)}
                onKeepMine={() => activeDoc.keepMine()}
              />
            </>
          ) : (
            <Welcome mod={mod} recent={recent} currentRoot={workspace?.root} onPickPlan={() => void pickPlan()} onOpenRecent={(path) => void openRecent(path)} onNewProject={() => setWizard(true)} />
          )}
          {bottom && (
            <BottomPanel
              view={bottom}
              onView={setBottom}
              onClose={() => setBottom(null)}
              tabs={[
                { view: "problems", label: "Problems", count: <ProblemsTotal live={workbench.problemsView} /> },
                ...(workspace ? [{ view: "runs" as const, label: "Runs" }] : []),
                ...(nav.references ? [{ view: "references" as const, label: "References", count: nav.references.locations.length }] : []),
                ...(nav.renamePreview ? [{ view: "rename" as const, label: "Rename" }] : []),
              ]}
            >
              {bottom === "problems" && (
                <LiveProblemsPanel live={workbench.problemsView} onOpen={openProblem} onFix={(p, d, f) => void fixProblem(p, d, f)} />
              )}
              {bottom === "runs" && workspace && <RunsPanel runs={runs} onOpenPlan={(id) => void openRunPlan(id)} workspaceName={workspace.name} />}
              {bottom === "references" && nav.references && <ReferencesPanel title={nav.references.title} locations={nav.references.locations} onOpen={goTo} />}
              {bottom === "rename" && nav.renamePreview && (
                <RenamePreview preview={nav.renamePreview.preview} busy={nav.renamePreview.busy} onApply={() => void nav.applyRename()} onCancel={nav.cancelRenamePreview} />
              )}
            </BottomPanel>
          )}
        </section>
      </div>
      {renameBox && (
        <RenameInput
          key={`${renameBox.path}:${renameBox.pos}`}
          initial={renameBox.name}
          x={renameBox.x}
          y={renameBox.y}
          busy={renameBox.busy}
          error={renameBox.error}
          onSubmit={(name) => void nav.submitRename(name)}
          onCancel={() => {
            nav.setRename(null);
            workbench.get(renameBox.path)?.view.focus();
          }}
        />
      )}
      {picker && (
        <DefinitionPicker
          locations={picker.locations}
          x={picker.x}
          y={picker.y}
          onPick={(loc) => {
            nav.setPicker(null);
            goTo(loc);
          }}
          onClose={closePicker}
        />
      )}
      {menu && (
        <EditorContextMenu
          x={menu.x}
          y={menu.y}
          onClose={closeMenu}
          items={canApplyToCluster(menu.path) ? [{ label: "Apply to Cluster…", shortcut: "", run: () => setApplyPath(menu.path) }, { label: "Compare with Cluster", shortcut: "", run: () => setCompareTick((n) => n + 1) }] : [
            { label: "Go to Definition", shortcut: "F12", run: () => commands.current.definition(menu.path, menu.pos) },
            { label: "Find References", shortcut: "Shift+F12", run: () => commands.current.references(menu.path, menu.pos) },
            { label: "Rename Symbol", shortcut: "F2", run: () => commands.current.rename(menu.path, menu.pos) },
            { label: "Format Document", shortcut: "Shift+Alt+F", run: () => commands.current.format(menu.path) },
          ]}
        />
      )}
      {applyPath && <ClusterApplyDialog api={api} path={applyPath} beforePreview={() => workbench.flushAll()} onClose={() => setApplyPath(null)} />}
      {dialog?.kind === "close" && (
        <SaveChangesDialog
          path={dialog.path}
          onSave={() => {
            setDialog(null);
            void save(dialog.path, { closeAfter: true });
          }}
          onDiscard={() => {
            setDialog(null);
            forceClose(dialog.path);
          }}
          onCancel={() => setDialog(null)}
        />
      )}
      {dialog?.kind === "conflict" && (
        <ConflictDialog
          path={dialog.path}
          onOverwrite={() => {
            setDialog(null);
            void save(dialog.path, { overwrite: true, closeAfter: dialog.closeAfter });
          }}
          onReload={() => {
            setDialog(null);
            void reload(dialog.path).then(() => dialog.closeAfter && forceClose(dialog.path));
          }}
          onCancel={() => setDialog(null)}
        />
      )}
      {wizard && (
        <NewProjectWizard
          api={api}
          // Rust asks about unsaved edits before opening the new project: give it every keystroke first.
          beforeCreate={() => workbench.flushAll().catch(() => {})}
          onClose={() => setWizard(false)}
          onCreated={(result) => void (result.workspace && showWorkspace(result.workspace))}
        />
      )}
      {notice && (
        <div className="notice" role="status" data-testid="notice" key={notice.seq}>
          {notice.text}
        </div>
      )}
      <StatusBar
        workspace={workspace}
        file={isFileTab(active) ? activeTab : null}
        cursor={activeTab && isFileTab(active) ? cursor : null}
        detail={
          active === PLAN_TAB && plan
            ? `Plan Review · ${plan.view.location} · opened in ${plan.view.elapsed_ms} ms`
            : active === STATE_TAB && stateTab
              ? `State · ${stateTab.view.location} · read in ${stateTab.view.elapsed_ms} ms`
              : active === COST_TAB
                ? "Cost · estimated offline from the configuration (bundled price catalog)"
              : active === CLUSTERS_TAB
                ? "Clusters · live through your kubeconfig"
              : active === CREDENTIALS_TAB
                ? "Credentials"
              : active === TEAM_TAB
                ? "Team Server"
              : active === REQUESTS_TAB
                ? "Requests"
                : null
        }
        version={info?.version ?? ""}
        problems={workspace ? workbench.problemsView : null}
        problemsShortcut={`${mod}Shift+M`}
        onToggleProblems={toggleProblems}
        onToggleRuns={toggleRuns}
        cost={workspace ? (cost.view ? statusTotal(cost.view) : cost.busy ? "≈ …/mo" : null) : null}
        onOpenCost={openCost}
        onOpenClusters={() => {
          setClustersOpen(true);
          setActive(CLUSTERS_TAB);
        }}
        cloud={statusBarSummary(credentials)}
        onShowCredentials={showCredentials}
        remote={remoteBackend}
        onOpenRemoteState={() => void openRemoteState()}
        team={teamStatusItem(team, Date.now())}
        onShowTeam={showTeam}
      />
    </div>
  );
}
