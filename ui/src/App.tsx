import { useCallback, useEffect, useState } from "react";
import type { Api, MenuAction } from "./api";
import { ApiError } from "./api";
import { Editor, type CursorPosition } from "./Editor";
import { FileTree } from "./FileTree";
import { StatusBar } from "./StatusBar";
import type { AppInfo, FileContent, RecentWorkspace, Settings, TreeEntry, WorkspaceInfo } from "./generated/types";
import { applyTheme, nextTheme } from "./theme";
import { tabLabels } from "./tab-labels";

/** Files shown first when a workspace opens, so the editor is never empty on a real project. */
const FIRST_FILES = ["main.tf", "README.md", "terragrunt.hcl"];

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

  const report = useCallback((err: unknown) => {
    if (err instanceof ApiError) setProblem({ message: err.message, hint: err.hint });
    else setProblem({ message: String(err), hint: "Please report this with Help → Open Log Folder." });
  }, []);

  const openFile = useCallback(
    async (path: string) => {
      try {
        const content = await api.readFile(path);
        setTabs((prev) => (prev.some((t) => t.path === content.path) ? prev.map((t) => (t.path === content.path ? content : t)) : [...prev, content]));
        setActive(content.path);
      } catch (err) {
        report(err);
      }
    },
    [api, report],
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
      } catch (err) {
        report(err);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [api, report, showWorkspace]);

  useEffect(() => applyTheme(settings?.theme ?? "system"), [settings?.theme]);

  useEffect(() => {
    const offWorkspace = api.onWorkspaceOpened((ws) => void showWorkspace(ws));
    return () => void offWorkspace.then((off) => off());
  }, [api, showWorkspace]);

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
          </div>
          {current ? (
            current.binary ? (
              <div className="placeholder">{current.path} is a binary file and is not shown.</div>
            ) : (
              <Editor key={current.path} path={current.path} text={current.text} language={current.language} onCursor={setCursor} />
            )
          ) : (
            <div className="placeholder">
              <h1>TerraOrbis</h1>
              <p>Select a file in the tree, or open another folder with File → Open Folder ({mod}O).</p>
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
      <StatusBar workspace={workspace} file={current} cursor={current ? cursor : null} version={info?.version ?? ""} />
    </div>
  );
}
