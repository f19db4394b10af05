import { useCallback, useEffect, useRef, useState } from "react";
import type { Api, MenuAction } from "./api";
import { ApiError } from "./api";
import { Editor, type CursorPosition } from "./Editor";
import { FileTree } from "./FileTree";
import { PlanReview } from "./PlanReview";
import { StatusBar } from "./StatusBar";
import type { AppInfo, FileContent, PlanReviewView, RecentWorkspace, Settings, TreeEntry, WorkspaceInfo } from "./generated/types";
import { applyTheme, nextTheme } from "./theme";
import { tabLabels } from "./tab-labels";

/** Files shown first when a workspace opens, so the editor is never empty on a real project. */
const FIRST_FILES = ["main.tf", "README.md", "terragrunt.hcl"];

/** The Plan Review tab's id among the file tabs (NUL never appears in a path). */
const PLAN_TAB = "\u0000plan-review";

interface Problem {
  message: string;
  hint: string;
}

export function App({ api }: { api: Api }) {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [workspace, setWorkspace] = useState<WorkspaceInfo | null>(null);
  const [tabs, setTabs] = useState<FileContent[]>([]);
  const [active, setActive] = useState<string | null>(null);
  const [cursor, setCursor] = useState<CursorPosition | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [treeKey, setTreeKey] = useState(0);
  const [recent, setRecent] = useState<RecentWorkspace[]>([]);
  const [plan, setPlan] = useState<{ view: PlanReviewView; key: number } | null>(null);
  const [planLoading, setPlanLoading] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  const report = useCallback((err: unknown) => {
    if (err instanceof ApiError) setProblem({ message: err.message, hint: err.hint });
    else setProblem({ message: String(err), hint: "Please report this with Help → Open Log Folder." });
  }, []);

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

  const pickPlan = useCallback(async () => {
    try {
      const view = await api.pickPlanFile();
      if (view) showPlan(view);
    } catch (err) {
      report(err);
    }
  }, [api, report, showPlan]);

  const openFile = useCallback(
    async (path: string) => {
      try {
        const content = await api.readFile(path);
        // Plan JSON holds secrets in clear: Rust sends no text for it, and it opens in the
        // Plan Review (redacted) instead of the editor.
        if (content.plan) {
          await openPlan(content.path);
          return;
        }
        setTabs((prev) => (prev.some((t) => t.path === content.path) ? prev.map((t) => (t.path === content.path ? content : t)) : [...prev, content]));
        setActive(content.path);
      } catch (err) {
        report(err);
      }
    },
    [api, report, openPlan],
  );

  const showWorkspace = useCallback(
    async (ws: WorkspaceInfo | null) => {
      setWorkspace(ws);
      setTabs([]);
      setActive(null);
      setTreeKey((k) => k + 1);
      api.recentWorkspaces().then(setRecent, () => setRecent([]));
      if (!ws) return;
      for (const candidate of FIRST_FILES) {
        try {
          const content = await api.readFile(candidate);
          setTabs([content]);
          setActive(content.path);
          return;
        } catch {
          // Not every workspace has this file; try the next.
        }
      }
    },
    [api],
  );

  const openFolder = useCallback(async () => {
    try {
      const ws = await api.pickWorkspaceFolder();
      if (ws) await showWorkspace(ws);
    } catch (err) {
      report(err);
    }
  }, [api, report, showWorkspace]);

  const openRecent = useCallback(
    async (path: string) => {
      try {
        await showWorkspace(await api.openRecentWorkspace(path));
      } catch (err) {
        report(err);
      }
    },
    [api, report, showWorkspace],
  );

  const closeTab = useCallback((path: string) => {
    if (path === PLAN_TAB) {
      setPlan(null);
      setActive((current) => (current === PLAN_TAB ? null : current));
      return;
    }
    setTabs((prev) => {
      const index = prev.findIndex((t) => t.path === path);
      const next = prev.filter((t) => t.path !== path);
      setActive((current) => (current === path ? (next[Math.min(index, next.length - 1)]?.path ?? null) : current));
      return next;
    });
  }, []);

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
    const offWorkspace = api.onWorkspaceOpened((ws) => void showWorkspace(ws));
    return () => void offWorkspace.then((off) => off());
  }, [api, showWorkspace]);

  useEffect(() => {
    const offs = [
      api.onPlanOpened(showPlan),
      api.onPlanError((err) => setProblem({ message: err.message, hint: err.hint })),
      api.onOpenFile((path) => void openFile(path)),
      api.onDragging(setDragging),
    ];
    return () => offs.forEach((off) => void off.then((unlisten) => unlisten()));
  }, [api, showPlan, openFile]);

  useEffect(() => {
    const handle = (action: MenuAction) => {
      if (action === "close_tab" && active) closeTab(active);
      if (action === "toggle_theme" && settings) void changeSettings({ theme: nextTheme(settings.theme) });
      if (action === "refresh_tree") setTreeKey((k) => k + 1);
    };
    const off = api.onMenu(handle);
    return () => void off.then((unlisten) => unlisten());
  }, [api, active, closeTab, changeSettings, settings]);

  const current = tabs.find((t) => t.path === active) ?? null;
  const labels = tabLabels(tabs.map((t) => t.path));
  const mod = info?.os === "macos" ? "⌘" : "Ctrl+";

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
            <FileTree
              api={api}
              workspaceKey={`${workspace.root}#${treeKey}`}
              selectedPath={active}
              onOpenFile={(entry: TreeEntry) => void openFile(entry.path)}
              onError={report}
            />
          ) : (
            <div className="tree-empty">Open a folder of infrastructure code to begin.</div>
          )}
          {workspace && settings && (
            <label className="sidebar-footer">
              <input
                type="checkbox"
                checked={settings.show_ignored}
                onChange={(e) => void changeSettings({ show_ignored: e.target.checked })}
              />
              Show ignored files
            </label>
          )}
        </aside>
        <section className="editor-area">
          <div className="tabs" role="tablist">
            {tabs.map((tab) => (
              <div
                key={tab.path}
                role="tab"
                aria-selected={tab.path === active}
                className={tab.path === active ? "tab active" : "tab"}
                onClick={() => setActive(tab.path)}
                title={tab.path}
              >
                <span>{labels.get(tab.path)?.name}</span>
                {labels.get(tab.path)?.dir && <span className="tab-dir">{labels.get(tab.path)?.dir}</span>}
                <button className="tab-close" aria-label={`Close ${tab.path}`} onClick={(e) => { e.stopPropagation(); closeTab(tab.path); }}>✕</button>
              </div>
            ))}
            {(plan || planLoading) && (
              <div
                key={PLAN_TAB}
                role="tab"
                aria-selected={active === PLAN_TAB}
                className={`tab plan-tab${active === PLAN_TAB ? " active" : ""}`}
                onClick={() => setActive(PLAN_TAB)}
                title={plan?.view.location ?? planLoading ?? ""}
              >
                <span className="plan-tab-icon" aria-hidden>◆</span>
                <span>Plan Review</span>
                <span className="tab-dir">{plan?.view.name ?? planLoading}</span>
                <button className="tab-close" aria-label="Close Plan Review" onClick={(e) => { e.stopPropagation(); closeTab(PLAN_TAB); }}>✕</button>
              </div>
            )}
          </div>
          {active === PLAN_TAB && planLoading ? (
            <div className="placeholder" role="status">Reviewing {planLoading}…</div>
          ) : active === PLAN_TAB && plan ? (
            <PlanReview key={plan.key} api={api} plan={plan.view} onError={report} />
          ) : current ? (
            current.binary ? (
              <div className="placeholder">{current.path} is a binary file and is not shown.</div>
            ) : (
              <Editor key={current.path} path={current.path} text={current.text} language={current.language} onCursor={setCursor} />
            )
          ) : (
            <div className="placeholder">
              <h1>TerraOrbis</h1>
              <p>Select a file in the tree, or open another folder with File → Open Folder ({mod}O).</p>
              <p>
                Review a plan: click a plan JSON in the tree, drop one on the window, or{" "}
                <button className="link inline-link" onClick={() => void pickPlan()}>open a plan file…</button> ({mod}Shift+O).
              </p>
              {recent.filter((r) => r.path !== workspace?.root).length > 0 && (
                <div className="recent">
                  <h2>Recent folders</h2>
                  <ul>
                    {recent
                      .filter((r) => r.path !== workspace?.root)
                      .map((r) => (
                        <li key={r.path}>
                          <button className="link recent-item" onClick={() => void openRecent(r.path)} title={r.path}>
                            {r.name} <span className="muted">{r.path}</span>
                          </button>
                        </li>
                      ))}
                  </ul>
                </div>
              )}
            </div>
          )}
        </section>
      </div>
      <StatusBar
        workspace={workspace}
        file={active === PLAN_TAB ? null : current}
        cursor={current && active !== PLAN_TAB ? cursor : null}
        detail={active === PLAN_TAB && plan ? `Plan Review · ${plan.view.location} · opened in ${plan.view.elapsed_ms} ms` : null}
        version={info?.version ?? ""}
      />
    </div>
  );
}
