// The sidebar's Modules view: the governed module catalog per cloud, searchable, with each
// module's inputs (type, default, required) and outputs read from its code by Rust, and
// "Insert module call", which puts a `module` block at the editor's cursor through the
// editor's own transaction path (so it syncs to Rust and diagnostics update like typing) after
// vendoring the module into the workspace's modules/ folder (asked first).
import { useEffect, useMemo, useState } from "react";
import type { Api } from "./api";
import { Dialog } from "./Dialog";
import type { EditorDocument } from "./editor-document";
import type { CatalogModuleInfo, ModuleCallSnippet } from "./generated/types";
import { CLOUD_LABELS, callName, filterModules, groupByCloud, insertion } from "./catalog-model";

interface Props {
  api: Api;
  /** The active editor document, where calls are inserted. */
  doc: EditorDocument | null;
  /** Changes when the workspace changes (vendored state is per workspace). */
  workspaceKey: string;
  onNotice: (text: string) => void;
  onError: (err: unknown) => void;
}

type Pending = { module: CatalogModuleInfo; doc: EditorDocument; snippet: ModuleCallSnippet; text: string };

export function ModulesPanel({ api, doc, workspaceKey, onNotice, onError }: Props) {
  const [modules, setModules] = useState<CatalogModuleInfo[] | null>(null);
  const [query, setQuery] = useState("");
  const [cloud, setCloud] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let cancelled = false;
    api.catalogModules().then(
      (list) => !cancelled && setModules(list),
      (err) => {
        if (cancelled) return;
        setModules([]);
        onError(err);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, workspaceKey, reload, onError]);

  const shown = useMemo(() => (modules ? groupByCloud(filterModules(modules, query, cloud)) : []), [modules, query, cloud]);

  const insert = (p: Pending) => {
    const view = p.doc.view;
    const text = view.state.doc.toString();
    // Rust's position (after the top-level block holding the cursor) if the text is unchanged.
    const cursor = text === p.text ? p.snippet.insert_at : view.state.selection.main.head;
    const { at, insert: block } = insertion(text, cursor, p.snippet.text);
    // The editor's own path: the transaction reaches Rust as an edit, like typing.
    view.dispatch({ changes: { from: at, insert: block }, selection: { anchor: at + block.length }, scrollIntoView: true, userEvent: "input.paste" });
    view.focus();
    onNotice(`Inserted module "${callName(p.module.name, text)}" (${p.module.id}): fill in the TODO inputs.`);
  };

  const start = async (module: CatalogModuleInfo) => {
    if (!doc || !/\.tf$/i.test(doc.path)) {
      onNotice("Open a .tf file to insert a module call at its cursor.");
      return;
    }
    try {
      const text = doc.view.state.doc.toString();
      const snippet = await api.catalogModuleCall(module.id, doc.path, callName(module.name, text), text, doc.view.state.selection.main.head);
      if (snippet.vendored) insert({ module, doc, snippet, text });
      else setPending({ module, doc, snippet, text });
    } catch (err) {
      onError(err);
    }
  };

  const vendorAndInsert = async (p: Pending) => {
    setPending(null);
    try {
      const written = await api.vendorCatalogModule(p.module.id);
      insert(p);
      if (written.length > 0) setReload((r) => r + 1);
    } catch (err) {
      onError(err);
    }
  };

  if (modules === null) return <div className="tree-empty">Loading the catalog…</div>;
  return (
    <div className="modules-panel" data-testid="modules-panel">
      <div className="modules-filter">
        <input type="search" placeholder="Search modules" value={query} data-testid="modules-search" onChange={(e) => setQuery(e.target.value)} />
        <div className="modules-clouds">
          {[null, "aws", "azure", "gcp"].map((c) => (
            <button key={c ?? "all"} className={cloud === c ? "small active" : "small"} aria-pressed={cloud === c} onClick={() => setCloud(c)}>
              {c ? c.toUpperCase() : "All"}
            </button>
          ))}
        </div>
      </div>
      <div className="modules-list">
        {shown.length === 0 && <div className="tree-empty">No module matches.</div>}
        {shown.map((g) => (
          <section key={g.cloud}>
            <h3 className="modules-cloud">{CLOUD_LABELS[g.cloud] ?? g.cloud}</h3>
            {g.modules.map((m) => (
              <div key={m.id} className="module-item" data-testid="catalog-module" data-id={m.id}>
                <button className="module-head" aria-expanded={open === m.id} onClick={() => setOpen(open === m.id ? null : m.id)}>
                  <span className="twisty">{open === m.id ? "▾" : "▸"}</span>
                  <span className="module-name">{m.name}</span>
                  <span className="muted module-version">{m.version}</span>
                  {m.vendored && <span className="module-badge" title="Already in this workspace's modules/">in workspace</span>}
                </button>
                <div className="muted module-desc">{m.description}</div>
                {open === m.id && <ModuleDetail module={m} onInsert={() => void start(m)} />}
              </div>
            ))}
          </section>
        ))}
      </div>
      {pending && (
        <Dialog
          title="Copy the module into this workspace?"
          testId="vendor-dialog"
          onCancel={() => setPending(null)}
          buttons={[
            { label: "Cancel", onClick: () => setPending(null) },
            { label: "Insert only", testId: "vendor-skip", onClick: () => { setPending(null); insert(pending); } },
            { label: "Copy and insert", testId: "vendor-confirm", primary: true, onClick: () => void vendorAndInsert(pending) },
          ]}
        >
          <p>
            The call's source is <code>{pending.snippet.source}</code>. Copy {pending.module.id} {pending.module.version} from the catalog into{" "}
            <code>modules/{pending.module.id}</code> so it works without a registry (a reviewed copy in your repository)?
          </p>
        </Dialog>
      )}
    </div>
  );
}

function ModuleDetail({ module, onInsert }: { module: CatalogModuleInfo; onInsert: () => void }) {
  return (
    <div className="module-detail" data-testid="module-detail">
      <button className="small primary" data-testid="insert-module-call" onClick={onInsert}>Insert module call</button>
      <h4>Inputs ({module.inputs.length})</h4>
      <ul className="module-inputs">
        {module.inputs.map((i) => (
          <li key={i.name} data-testid="module-input" data-name={i.name} data-required={i.required} title={i.description ?? undefined}>
            <span className="module-input-name">{i.name}</span>
            {i.required && <span className="module-required"> required</span>}
            <code className="module-type" title={i.type_text ?? "any"}>{i.type_text ?? "any"}</code>
            {!i.required && <code className="module-default" title={i.default_text ?? ""}>= {i.default_text}</code>}
          </li>
        ))}
      </ul>
      <h4>Outputs ({module.outputs.length})</h4>
      <ul className="module-outputs">
        {module.outputs.map((o) => (
          <li key={o.name} data-testid="module-output" title={o.description ?? undefined}>
            {o.name}
            {o.sensitive && <span className="muted"> (sensitive)</span>}
            {o.description && <span className="muted"> — {o.description}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
