// File → New Project…: the steps of an `orbis new` request (cloud → environment → region →
// project → components → state backend → folder → preview), then Create: Rust generates the
// project, checks it (offline validator + lint) and opens it as the workspace. The rules live
// in wizard-model.ts; this file only draws them.
import { useEffect, useRef, useState, type ReactNode } from "react";
import type { Api } from "./api";
import { ApiError } from "./api";
import type { NewProjectOptions, NewProjectPreview, NewProjectResult } from "./generated/types";
import {
  STEPS, STEP_LABELS, cloudOf, fieldOfError, formatBytes, initialState, needsOverwrite, nextStep, previousStep,
  publicAllowed, reachable, selectCloud, stepOfField, stepProblems, toRequest, toggleComponent,
  type WizardState, type WizardStep,
} from "./wizard-model";

interface Props {
  api: Api;
  /** Called before Create (the editor's pending edits reach Rust, which may ask about them). */
  beforeCreate: () => Promise<void>;
  onClose: () => void;
  /** The project was written (and opened as the workspace when `result.workspace` is set). */
  onCreated: (result: NewProjectResult) => void;
}

function Field({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) {
  return (
    <label className="wizard-field">
      <span className="wizard-label">{label}</span>
      {children}
      {hint && <span className="muted wizard-hint">{hint}</span>}
    </label>
  );
}

export function NewProjectWizard({ api, beforeCreate, onClose, onCreated }: Props) {
  const [options, setOptions] = useState<NewProjectOptions | null>(null);
  const [state, setState] = useState<WizardState | null>(null);
  const [error, setError] = useState<{ message: string; hint: string } | null>(null);
  const [preview, setPreview] = useState<NewProjectPreview | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [result, setResult] = useState<NewProjectResult | null>(null);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    api.newProjectOptions().then(
      (o) => {
        setOptions(o);
        setState(initialState(o));
      },
      (err) => setError(explain(err)),
    );
  }, [api]);

  useEffect(() => {
    box.current?.querySelector<HTMLElement>("input, select, button.choice")?.focus();
  }, [state?.step, result]);

  const update = (patch: Partial<WizardState>) => setState((s) => (s ? { ...s, ...patch } : s));

  const go = async (step: WizardStep) => {
    if (!state) return;
    setError(null);
    if (step !== "preview") {
      setState({ ...state, step });
      return;
    }
    setBusy("Preparing the preview…");
    try {
      setPreview(await api.previewNewProject(toRequest(state)));
      setState({ ...state, step });
    } catch (err) {
      // A field the generator refuses: back to the step where it is entered.
      const field = err instanceof ApiError ? fieldOfError(err.message) : null;
      setError(explain(err));
      if (field) setState({ ...state, step: stepOfField(field) });
    } finally {
      setBusy(null);
    }
  };

  const chooseFolder = async () => {
    setError(null);
    try {
      const target = await api.pickNewProjectFolder();
      if (target) update({ target, overwrite: false });
    } catch (err) {
      setError(explain(err));
    }
  };

  const create = async () => {
    if (!state) return;
    setError(null);
    setBusy("Writing and checking the project…");
    try {
      await beforeCreate();
      const created = await api.createNewProject(toRequest(state), state.overwrite);
      setResult(created);
      onCreated(created);
    } catch (err) {
      setError(explain(err));
    } finally {
      setBusy(null);
    }
  };

  const problems = state && options ? stepProblems(state, options) : [];
  const cloud = state && options ? cloudOf(options, state.cloud) : undefined;

  const body = () => {
    if (!state || !options) return <p className="muted">{error ? "" : "Loading the catalog…"}</p>;
    if (result) return <ResultView result={result} />;
    switch (state.step) {
      case "cloud":
        return (
          <div className="wizard-choices" role="radiogroup" aria-label="Cloud">
            {options.clouds.map((c) => (
              <button
                key={c.name}
                className={c.name === state.cloud ? "choice selected" : "choice"}
                role="radio"
                aria-checked={c.name === state.cloud}
                data-testid={`wizard-cloud-${c.name}`}
                onClick={() => setState(selectCloud(state, options, c.name))}
              >
                <strong>{c.label}</strong>
                <span className="muted">
                  {c.components.map((x) => x.name).join(", ")} · baseline: {c.baseline_modules.join(", ")}
                </span>
              </button>
            ))}
          </div>
        );
      case "environment":
        return (
          <div className="wizard-choices" role="radiogroup" aria-label="Environment">
            {options.environments.map((e) => (
              <button
                key={e.name}
                className={e.name === state.environment ? "choice selected" : "choice"}
                role="radio"
                aria-checked={e.name === state.environment}
                data-testid={`wizard-env-${e.name}`}
                onClick={() => update({ environment: e.name })}
              >
                <strong>{e.name}</strong>
                <span className="muted">{e.summary}</span>
              </button>
            ))}
          </div>
        );
      case "region":
        return (
          <Field label={`${cloud?.label ?? ""} region`} hint="Regions where every catalog service is available with at least three zones.">
            <select data-testid="wizard-region" value={state.region} onChange={(e) => update({ region: e.target.value })}>
              {cloud?.regions.map((r) => <option key={r} value={r}>{r}</option>)}
            </select>
          </Field>
        );
      case "project":
        return (
          <div className="wizard-grid">
            <Field label="Project name" hint="2–12 lower-case letters, digits or '-'; it prefixes every resource name.">
              <input data-testid="wizard-name" value={state.name} onChange={(e) => update({ name: e.target.value })} placeholder="shop" />
            </Field>
            <Field label="Owner (team)" hint="Becomes the Owner tag.">
              <input data-testid="wizard-owner" value={state.owner} onChange={(e) => update({ owner: e.target.value })} placeholder="shop-team" />
            </Field>
            <Field label="Cost center" hint="Becomes the CostCenter tag.">
              <input data-testid="wizard-cost-center" value={state.costCenter} onChange={(e) => update({ costCenter: e.target.value })} placeholder="cc-4100" />
            </Field>
            <Field label="Monthly budget (USD)" hint="Budget alerts go to the addresses below.">
              <input data-testid="wizard-budget" inputMode="numeric" value={state.budget} onChange={(e) => update({ budget: e.target.value })} />
            </Field>
            <Field label="Budget alert e-mails" hint="Separated by commas.">
              <input data-testid="wizard-emails" value={state.alertEmails} onChange={(e) => update({ alertEmails: e.target.value })} placeholder="oncall@example.com" />
            </Field>
            <Field label="Data classification" hint="Confidential and restricted data get longer log retention.">
              <select data-testid="wizard-classification" value={state.classification} onChange={(e) => update({ classification: e.target.value })}>
                {options.classifications.map((c) => <option key={c} value={c}>{c}</option>)}
              </select>
            </Field>
            {state.cloud === "azure" && (
              <>
                <Field label="Key Vault name" hint="The existing vault holding customer-managed keys and secrets.">
                  <input data-testid="wizard-azure-kv" value={state.azureKeyVaultName} onChange={(e) => update({ azureKeyVaultName: e.target.value })} />
                </Field>
                <Field label="Key Vault resource group">
                  <input data-testid="wizard-azure-kv-rg" value={state.azureKeyVaultResourceGroup} onChange={(e) => update({ azureKeyVaultResourceGroup: e.target.value })} />
                </Field>
              </>
            )}
            {state.cloud === "gcp" && (
              <>
                <Field label="Project id" hint="The Google Cloud project that receives the resources.">
                  <input data-testid="wizard-gcp-project" value={state.gcpProjectId} onChange={(e) => update({ gcpProjectId: e.target.value })} />
                </Field>
                <Field label="Billing account" hint="XXXXXX-XXXXXX-XXXXXX, watched by the budget.">
                  <input data-testid="wizard-gcp-billing" value={state.gcpBillingAccount} onChange={(e) => update({ gcpBillingAccount: e.target.value })} />
                </Field>
              </>
            )}
          </div>
        );
      case "components":
        return (
          <div>
            <p className="muted wizard-note">Always added (governance baseline): {cloud?.baseline_modules.join(", ")}.</p>
            {cloud?.components.map((c) => (
              <label key={c.name} className="wizard-component">
                <input type="checkbox" data-testid={`wizard-component-${c.name}`} checked={state.components.includes(c.name)} onChange={() => setState(toggleComponent(state, c.name))} />
                <span>
                  <strong>{c.name}</strong> — {c.description} <span className="muted">[{c.modules.join(", ")}]</span>
                </span>
              </label>
            ))}
            <div className="wizard-grid">
              {state.components.includes("web") && (
                <>
                  <Field label="Container image" hint="Pin a tag or a digest.">
                    <input data-testid="wizard-web-image" value={state.webImage} onChange={(e) => update({ webImage: e.target.value })} />
                  </Field>
                  <Field label="Domain" hint="Its TLS certificate is looked up by name.">
                    <input data-testid="wizard-web-domain" value={state.webDomain} onChange={(e) => update({ webDomain: e.target.value })} placeholder="shop.example.com" />
                  </Field>
                </>
              )}
              {state.cloud === "azure" && state.components.includes("kubernetes") && (
                <Field label="AKS admin groups" hint="Entra ID group object ids, separated by commas.">
                  <input data-testid="wizard-azure-admins" value={state.azureAdminGroups} onChange={(e) => update({ azureAdminGroups: e.target.value })} />
                </Field>
              )}
              {state.cloud === "gcp" && state.components.includes("kubernetes") && (
                <>
                  <Field label="RBAC group" hint="gke-security-groups@<your domain>">
                    <input data-testid="wizard-gcp-rbac" value={state.gcpRbacGroup} onChange={(e) => update({ gcpRbacGroup: e.target.value })} />
                  </Field>
                  <Field label="Control-plane networks" hint="name=CIDR, one per line (never 0.0.0.0/0).">
                    <textarea data-testid="wizard-gcp-networks" rows={2} value={state.gcpNetworks} onChange={(e) => update({ gcpNetworks: e.target.value })} placeholder="office=203.0.113.0/24" />
                  </Field>
                </>
              )}
              <Field label="Exposure" hint={publicAllowed(state) ? "Public opens only 80/443 of the load balancer." : "Internal: only a public load balancer (AWS web) can face the internet."}>
                <select data-testid="wizard-exposure" value={state.exposure} disabled={!publicAllowed(state)} onChange={(e) => update({ exposure: e.target.value })}>
                  {options.exposures.map((x) => <option key={x} value={x}>{x}</option>)}
                </select>
              </Field>
              <Field label="Secrets the workloads read" hint="Names in the cloud's secret store, looked up at run time (never variables).">
                <input data-testid="wizard-secrets" value={state.secrets} onChange={(e) => update({ secrets: e.target.value })} />
              </Field>
            </div>
          </div>
        );
      case "backend":
        return (
          <div>
            <p className="wizard-note">Remote state: {cloud?.backend}.</p>
            <div className="wizard-choices" role="radiogroup" aria-label="State backend">
              <button className={!state.backendExisting ? "choice selected" : "choice"} role="radio" aria-checked={!state.backendExisting} data-testid="wizard-backend-default" onClick={() => update({ backendExisting: false })}>
                <strong>Names derived from the project</strong>
                <span className="muted">The preview shows backend.tf; README.md lists what to create before terraform init.</span>
              </button>
              <button className={state.backendExisting ? "choice selected" : "choice"} role="radio" aria-checked={state.backendExisting} data-testid="wizard-backend-existing" onClick={() => update({ backendExisting: true })}>
                <strong>Existing state storage</strong>
                <span className="muted">Your team's bucket/account and key.</span>
              </button>
            </div>
            {state.backendExisting && (
              <div className="wizard-grid">
                {state.cloud === "aws" && (
                  <>
                    <Field label="S3 bucket"><input data-testid="wizard-aws-bucket" value={state.awsStateBucket} onChange={(e) => update({ awsStateBucket: e.target.value })} /></Field>
                    <Field label="KMS key (alias or ARN)"><input data-testid="wizard-aws-kms" value={state.awsStateKmsKey} onChange={(e) => update({ awsStateKmsKey: e.target.value })} placeholder="alias/tfstate" /></Field>
                  </>
                )}
                {state.cloud === "azure" && (
                  <>
                    <Field label="Resource group"><input value={state.azureStateResourceGroup} onChange={(e) => update({ azureStateResourceGroup: e.target.value })} /></Field>
                    <Field label="Storage account"><input value={state.azureStateStorageAccount} onChange={(e) => update({ azureStateStorageAccount: e.target.value })} /></Field>
                  </>
                )}
                {state.cloud === "gcp" && (
                  <Field label="Cloud Storage bucket"><input value={state.gcpStateBucket} onChange={(e) => update({ gcpStateBucket: e.target.value })} /></Field>
                )}
              </div>
            )}
          </div>
        );
      case "folder":
        return (
          <div>
            <p>The project is written into this folder; it then opens as the workspace.</p>
            <div className="wizard-folder">
              <button className="small" data-testid="wizard-choose-folder" onClick={() => void chooseFolder()}>Choose folder…</button>
              <span data-testid="wizard-folder" className={state.target ? "" : "muted"}>{state.target?.path ?? "No folder chosen"}</span>
            </div>
            {state.target && needsOverwrite(state.target) && (
              <div className="wizard-warning" role="alert">
                <p>
                  This folder is not empty ({state.target.entry_count} {state.target.entry_count === 1 ? "entry" : "entries"}: {state.target.entries.join(", ")}
                  {state.target.entry_count > state.target.entries.length ? ", …" : ""}).
                </p>
                <label>
                  <input type="checkbox" data-testid="wizard-overwrite" checked={state.overwrite} onChange={(e) => update({ overwrite: e.target.checked })} /> Overwrite the generated files
                  (files with the same names are replaced; other files are kept)
                </label>
              </div>
            )}
          </div>
        );
      case "preview":
        return preview ? <PreviewView preview={preview} /> : null;
    }
  };

  const atEnd = state?.step === "preview";
  return (
    <div className="dialog-backdrop wizard-backdrop">
      <div
        className="dialog wizard"
        role="dialog"
        aria-modal="true"
        aria-label="New Project"
        data-testid="new-project-wizard"
        ref={box}
        onKeyDown={(e) => {
          if (e.key === "Escape" && !busy) {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <h2>New Project</h2>
        <div className="wizard-main">
          <ol className="wizard-steps">
            {STEPS.map((s) => (
              <li key={s}>
                <button
                  className={state?.step === s && !result ? "link wizard-step active" : "link wizard-step"}
                  data-testid={`wizard-step-${s}`}
                  disabled={!state || !options || !!result || !!busy || !reachable(state, options, s)}
                  onClick={() => void go(s)}
                >
                  {STEP_LABELS[s]}
                </button>
              </li>
            ))}
          </ol>
          <div className="wizard-body" data-testid={`wizard-body-${result ? "result" : (state?.step ?? "loading")}`}>
            {body()}
            {error && (
              <div className="wizard-error" role="alert" data-testid="wizard-error">
                <strong>{error.message}</strong>
                <div className="muted">{error.hint}</div>
              </div>
            )}
          </div>
        </div>
        <div className="dialog-buttons">
          {busy && <span className="muted wizard-busy" role="status">{busy}</span>}
          {problems.length > 0 && !busy && !result && <span className="muted wizard-busy" data-testid="wizard-blocked">{problems[0]}</span>}
          {result ? (
            <button className="small primary" data-testid="wizard-close" onClick={onClose}>Close</button>
          ) : (
            <>
              <button className="small" onClick={onClose} disabled={!!busy}>Cancel</button>
              <button className="small" data-testid="wizard-back" disabled={!state || state.step === "cloud" || !!busy} onClick={() => state && void go(previousStep(state.step))}>Back</button>
              {atEnd ? (
                <button className="small primary" data-testid="wizard-create" disabled={!!busy || !preview} onClick={() => void create()}>Create</button>
              ) : (
                <button className="small primary" data-testid="wizard-next" disabled={!state || problems.length > 0 || !!busy} onClick={() => state && void go(nextStep(state.step))}>Next</button>
              )}
            </>
          )}
        </div>
      </div>
    </div>
  );
}

function PreviewView({ preview }: { preview: NewProjectPreview }) {
  const overwritten = preview.files.filter((f) => f.overwrites).length;
  return (
    <div className="wizard-preview">
      <p>
        {preview.files.length} files into <code>{preview.target?.path ?? "(no folder)"}</code>
        {overwritten > 0 && <strong> — {overwritten} replace existing files</strong>}; modules vendored: {preview.modules.join(", ")}.
      </p>
      <div className="wizard-columns">
        <ul className="wizard-files" data-testid="wizard-files">
          {preview.files.map((f) => (
            <li key={f.path} data-path={f.path} className={f.overwrites ? "overwrites" : undefined}>
              {f.path} <span className="muted">{formatBytes(f.bytes)}{f.overwrites ? " · replaces" : ""}</span>
            </li>
          ))}
        </ul>
        <div className="wizard-texts">
          <h3>DECISIONS.md</h3>
          <pre data-testid="wizard-decisions">{preview.decisions_md}</pre>
          <h3>backend.tf</h3>
          <pre>{preview.backend_tf}</pre>
        </div>
      </div>
    </div>
  );
}

function ResultView({ result }: { result: NewProjectResult }) {
  const clean = result.validation.length === 0 && result.lint.length === 0;
  return (
    <div className="wizard-result" data-testid="wizard-result" data-clean={clean}>
      <p>
        <strong>Created {result.files_written} files</strong> in <code>{result.root}</code> ({result.modules.length} catalog modules vendored under modules/).
      </p>
      <p data-testid="wizard-validation">
        {result.validation.length === 0 ? "✓ Validator: every reference and module input resolves." : `✗ Validator: ${result.validation.length} problem(s).`}
      </p>
      <p data-testid="wizard-lint">
        {result.lint.length === 0
          ? `✓ orbis lint: no finding at medium or above (${result.lint_total} in all).`
          : `✗ orbis lint: ${result.lint.length} finding(s) at medium or above.`}
      </p>
      <p data-testid="wizard-cost">
        {result.cost
          ? `Estimated monthly cost: ${result.cost.lower_bound ? "at least " : ""}${result.cost.monthly.toFixed(2)} ${result.cost.currency} (${result.cost.priced_resources} resources priced from configuration, ${result.cost.unpriced_resources} without a cost model; usage-based charges excluded).`
          : "Estimated monthly cost: not available from configuration alone."}
      </p>
      {[...result.validation, ...result.lint].length > 0 && (
        <ul className="wizard-files">
          {[...result.validation, ...result.lint].map((p, i) => (
            <li key={i}>{p.file}:{p.line} <span className="muted">{p.source}</span> {p.message}</li>
          ))}
        </ul>
      )}
      <p data-testid="wizard-opened">
        {result.workspace
          ? `Opened as the workspace. Next: read README.md (prerequisites), then terraform init && terraform validate.`
          : "Your unsaved edits kept the current workspace open: open the new project with File → Open Folder when ready."}
      </p>
    </div>
  );
}

function explain(err: unknown): { message: string; hint: string } {
  if (err instanceof ApiError) return { message: err.message, hint: err.hint };
  return { message: String(err), hint: "Please report this with Help → Open Log Folder." };
}
