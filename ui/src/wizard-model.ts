// The New Project wizard's state and rules, without React: the steps, what each step needs
// before Next, the request sent to Rust, and which step a generator error belongs to. Rust
// (orbis-generator's spec checks) has the last word on every field; the checks here only keep
// Next disabled while a step is obviously incomplete.
import type {
  NewProjectCloud, NewProjectOptions, NewProjectRequest, NewProjectTarget,
} from "./generated/types";

export type WizardStep = "cloud" | "environment" | "region" | "project" | "components" | "backend" | "folder" | "preview";

export const STEPS: readonly WizardStep[] = ["cloud", "environment", "region", "project", "components", "backend", "folder", "preview"];

export const STEP_LABELS: Record<WizardStep, string> = {
  cloud: "Cloud",
  environment: "Environment",
  region: "Region",
  project: "Project",
  components: "Components",
  backend: "State backend",
  folder: "Folder",
  preview: "Preview",
};

export interface WizardState {
  step: WizardStep;
  cloud: string;
  environment: string;
  region: string;
  name: string;
  owner: string;
  costCenter: string;
  /** Text as typed (USD per month). */
  budget: string;
  /** Addresses separated by commas, spaces or lines. */
  alertEmails: string;
  classification: string;
  components: string[];
  exposure: string;
  webImage: string;
  webDomain: string;
  /** Secret names (already in the cloud's secret store), separated by commas or lines. */
  secrets: string;
  azureKeyVaultName: string;
  azureKeyVaultResourceGroup: string;
  /** Entra ID group object ids, separated by commas or lines. */
  azureAdminGroups: string;
  gcpProjectId: string;
  gcpBillingAccount: string;
  gcpRbacGroup: string;
  /** `name=cidr` per line. */
  gcpNetworks: string;
  backendExisting: boolean;
  awsStateBucket: string;
  awsStateKmsKey: string;
  azureStateResourceGroup: string;
  azureStateStorageAccount: string;
  gcpStateBucket: string;
  target: NewProjectTarget | null;
  overwrite: boolean;
}

export function initialState(options: NewProjectOptions): WizardState {
  const cloud = options.clouds[0];
  return {
    step: "cloud",
    cloud: cloud?.name ?? "aws",
    environment: options.environments[0]?.name ?? "dev",
    region: cloud?.regions[0] ?? "",
    name: "",
    owner: "",
    costCenter: "",
    budget: "500",
    alertEmails: "",
    classification: "internal",
    components: [],
    exposure: "internal",
    webImage: "",
    webDomain: "",
    secrets: "",
    azureKeyVaultName: "",
    azureKeyVaultResourceGroup: "",
    azureAdminGroups: "",
    gcpProjectId: "",
    gcpBillingAccount: "",
    gcpRbacGroup: "",
    gcpNetworks: "",
    backendExisting: false,
    awsStateBucket: "",
    awsStateKmsKey: "",
    azureStateResourceGroup: "",
    azureStateStorageAccount: "",
    gcpStateBucket: "",
    target: null,
    overwrite: false,
  };
}

export function cloudOf(options: NewProjectOptions, name: string): NewProjectCloud | undefined {
  return options.clouds.find((c) => c.name === name);
}

/** Another cloud: its first region unless the current one exists there, and only the
 * components it offers. */
export function selectCloud(state: WizardState, options: NewProjectOptions, cloud: string): WizardState {
  const c = cloudOf(options, cloud);
  if (!c) return state;
  const offered = new Set(c.components.map((x) => x.name));
  return {
    ...state,
    cloud,
    region: c.regions.includes(state.region) ? state.region : (c.regions[0] ?? ""),
    components: state.components.filter((x) => offered.has(x)),
    exposure: publicAllowed({ ...state, cloud }) ? state.exposure : "internal",
  };
}

export function toggleComponent(state: WizardState, name: string): WizardState {
  const components = state.components.includes(name) ? state.components.filter((c) => c !== name) : [...state.components, name];
  const next = { ...state, components };
  return { ...next, exposure: publicAllowed(next) ? next.exposure : "internal" };
}

/** Only a public load balancer faces the internet: AWS with the web component. */
export function publicAllowed(state: Pick<WizardState, "cloud" | "components">): boolean {
  return state.cloud === "aws" && state.components.includes("web");
}

/** Splits a list typed with commas, spaces or new lines. */
export function splitList(text: string): string[] {
  return text.split(/[\s,;]+/).map((s) => s.trim()).filter((s) => s.length > 0);
}

/** `name=cidr` (or `name cidr`) per line. */
export function parseNetworks(text: string): { name: string; cidr: string }[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .map((l) => {
      const m = /^([^=\s]+)\s*(?:=|\s)\s*(\S+)$/.exec(l);
      return m ? { name: m[1], cidr: m[2] } : { name: l, cidr: "" };
    });
}

const has = (s: string) => s.trim().length > 0;

/** What keeps Next disabled on a step (empty when the step is complete enough). */
export function stepProblems(state: WizardState, options: NewProjectOptions, step: WizardStep = state.step): string[] {
  const out: string[] = [];
  const cloud = cloudOf(options, state.cloud);
  switch (step) {
    case "cloud":
      if (!cloud) out.push("Choose a cloud.");
      break;
    case "environment":
      if (!options.environments.some((e) => e.name === state.environment)) out.push("Choose an environment.");
      break;
    case "region":
      if (!cloud?.regions.includes(state.region)) out.push("Choose a region.");
      break;
    case "project": {
      if (!has(state.name)) out.push("Name the project.");
      if (!has(state.owner)) out.push("Name the owner (team).");
      if (!has(state.costCenter)) out.push("Give the cost center.");
      const budget = Number(state.budget);
      if (!Number.isInteger(budget) || budget < 1) out.push("The monthly budget is a whole number of USD.");
      if (splitList(state.alertEmails).length === 0) out.push("Give at least one address for budget alerts.");
      if (state.cloud === "azure" && (!has(state.azureKeyVaultName) || !has(state.azureKeyVaultResourceGroup)))
        out.push("Name the existing Key Vault and its resource group.");
      if (state.cloud === "gcp" && (!has(state.gcpProjectId) || !has(state.gcpBillingAccount)))
        out.push("Give the Google Cloud project id and billing account.");
      break;
    }
    case "components":
      if (state.components.includes("web") && (!has(state.webImage) || !has(state.webDomain)))
        out.push("The web component needs its container image and domain.");
      if (state.cloud === "azure" && state.components.includes("kubernetes") && splitList(state.azureAdminGroups).length === 0)
        out.push("AKS needs the Entra ID groups that administer it.");
      if (state.cloud === "gcp" && state.components.includes("kubernetes")) {
        if (!has(state.gcpRbacGroup)) out.push("GKE needs the gke-security-groups@ group.");
        const nets = parseNetworks(state.gcpNetworks);
        if (nets.length === 0 || nets.some((n) => !has(n.cidr))) out.push("GKE needs the networks (name=CIDR) that may reach its control plane.");
      }
      break;
    case "backend":
      if (state.backendExisting) {
        const missing =
          state.cloud === "aws" ? !has(state.awsStateBucket) || !has(state.awsStateKmsKey)
          : state.cloud === "azure" ? !has(state.azureStateResourceGroup) || !has(state.azureStateStorageAccount)
          : !has(state.gcpStateBucket);
        if (missing) out.push("Name the existing state storage, or use the default names.");
      }
      break;
    case "folder":
      if (!state.target) out.push("Choose a folder.");
      else if (needsOverwrite(state.target) && !state.overwrite) out.push("The folder is not empty: confirm overwriting or choose another.");
      break;
    case "preview":
      break;
  }
  return out;
}

export function needsOverwrite(target: NewProjectTarget | null): boolean {
  return target !== null && target.entry_count > 0;
}

export function nextStep(step: WizardStep): WizardStep {
  return STEPS[Math.min(STEPS.indexOf(step) + 1, STEPS.length - 1)];
}

export function previousStep(step: WizardStep): WizardStep {
  return STEPS[Math.max(STEPS.indexOf(step) - 1, 0)];
}

/** Steps before `step` must be complete for it to be reachable from the step list. */
export function reachable(state: WizardState, options: NewProjectOptions, step: WizardStep): boolean {
  return STEPS.slice(0, STEPS.indexOf(step)).every((s) => stepProblems(state, options, s).length === 0);
}

const opt = (s: string) => (has(s) ? s.trim() : null);

/** The request Rust checks and generates (the fields of an `orbis new` spec). */
export function toRequest(state: WizardState): NewProjectRequest {
  const web = state.components.includes("web") ? { image: state.webImage.trim(), domain: state.webDomain.trim(), port: null } : null;
  return {
    name: state.name.trim(),
    cloud: state.cloud,
    region: state.region,
    environment: state.environment,
    components: state.components,
    exposure: state.exposure,
    data_classification: state.classification,
    owner: state.owner.trim(),
    cost_center: state.costCenter.trim(),
    monthly_budget: Math.max(0, Math.floor(Number(state.budget) || 0)),
    alert_emails: splitList(state.alertEmails),
    secrets: splitList(state.secrets),
    web,
    backend: {
      existing: state.backendExisting,
      aws_state_bucket: opt(state.awsStateBucket),
      aws_state_kms_key: opt(state.awsStateKmsKey),
      azure_state_resource_group: opt(state.azureStateResourceGroup),
      azure_state_storage_account: opt(state.azureStateStorageAccount),
      gcp_state_bucket: opt(state.gcpStateBucket),
    },
    settings: {
      azure_key_vault_name: opt(state.azureKeyVaultName),
      azure_key_vault_resource_group: opt(state.azureKeyVaultResourceGroup),
      azure_admin_group_object_ids: state.components.includes("kubernetes") ? splitList(state.azureAdminGroups) : [],
      gcp_project_id: opt(state.gcpProjectId),
      gcp_billing_account: opt(state.gcpBillingAccount),
      gcp_rbac_security_group: state.components.includes("kubernetes") ? opt(state.gcpRbacGroup) : null,
      gcp_master_authorized_networks: state.components.includes("kubernetes") ? parseNetworks(state.gcpNetworks) : [],
    },
  };
}

/** The spec field a generator error names (`spec field \`web.domain\`: …`). */
export function fieldOfError(message: string): string | null {
  return /spec field `([^`]+)`/.exec(message)?.[1] ?? null;
}

/** The step where a spec field is entered. */
export function stepOfField(field: string): WizardStep {
  const top = field.split(".")[0];
  if (field === "cloud") return "cloud";
  if (field === "environment") return "environment";
  if (field === "region") return "region";
  if (/^(aws|azure|gcp)\.state_/.test(field)) return "backend";
  if (["components", "web", "exposure", "secrets"].includes(top)) return "components";
  if (["azure.admin_group_object_ids", "gcp.rbac_security_group", "gcp.master_authorized_networks"].includes(field)) return "components";
  return "project";
}

/** Sizes for the preview's file list. */
export function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}
