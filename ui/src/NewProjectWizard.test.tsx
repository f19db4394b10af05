import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { NewProjectWizard } from "./NewProjectWizard";
import { ApiError, type Api } from "./api";
import type { NewProjectOptions, NewProjectPreview, NewProjectRequest, NewProjectResult } from "./generated/types";

const options: NewProjectOptions = {
  clouds: [{ name: "aws", label: "AWS", regions: ["us-east-1", "eu-west-1"], baseline_modules: ["aws/network"], backend: "S3 with a lock file", components: [
    { name: "web", description: "ECS behind an ALB", modules: ["aws/alb-waf"] },
    { name: "storage", description: "S3 bucket", modules: ["aws/s3-bucket"] },
  ] }],
  environments: [{ name: "dev", summary: "Smallest sizes" }, { name: "prod", summary: "Multi-AZ" }],
  exposures: ["public", "internal"],
  classifications: ["internal", "confidential"],
  catalog: "/modules",
};

const preview: NewProjectPreview = {
  target: { path: "/tmp/shop", exists: true, entry_count: 1, entries: ["notes.txt"] },
  files: [{ path: "main.tf", bytes: 2048, overwrites: false }, { path: "DECISIONS.md", bytes: 900, overwrites: false }],
  modules: ["aws/network", "aws/s3-bucket"],
  decisions: [],
  decisions_md: "# Decisions\n\n- Prod: deletion protection",
  backend_tf: 'terraform {\n  backend "s3" {}\n}\n',
};

const result: NewProjectResult = {
  root: "/tmp/shop", files_written: 2, modules: ["aws/network"], validation: [], lint: [], lint_total: 3,
  cost: { monthly: 41.96, currency: "USD", priced_resources: 4, unpriced_resources: 30, lower_bound: true },
  workspace: { root: "/tmp/shop", name: "shop", demo: false },
};

function setup() {
  const requests: NewProjectRequest[] = [];
  let refuseName = true;
  const api = {
    newProjectOptions: vi.fn(async () => options),
    pickNewProjectFolder: vi.fn(async () => preview.target),
    previewNewProject: vi.fn(async (r: NewProjectRequest) => {
      requests.push(r);
      if (refuseName) {
        refuseName = false;
        throw new ApiError({ code: "new_project_invalid", message: "spec field `name`: \"Shop\" must be 2-12 lower-case letters", hint: "Change `name` in the wizard and try again." });
      }
      return preview;
    }),
    createNewProject: vi.fn(async () => result),
  } as unknown as Api;
  const onCreated = vi.fn();
  const beforeCreate = vi.fn(async () => {});
  render(<NewProjectWizard api={api} beforeCreate={beforeCreate} onClose={() => {}} onCreated={onCreated} />);
  return { api, requests, onCreated, beforeCreate };
}

const next = () => fireEvent.click(screen.getByTestId("wizard-next"));
const type = (id: string, value: string) => fireEvent.change(screen.getByTestId(id), { target: { value } });

describe("NewProjectWizard", () => {
  it("walks the steps, goes back to a refused field, previews, confirms overwriting and creates", async () => {
    const { api, requests, onCreated, beforeCreate } = setup();
    await screen.findByTestId("wizard-cloud-aws");
    next();
    fireEvent.click(screen.getByTestId("wizard-env-prod"));
    expect(screen.getByText("Multi-AZ")).toBeTruthy();
    next();
    type("wizard-region", "eu-west-1");
    next();
    expect((screen.getByTestId("wizard-next") as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId("wizard-blocked").textContent).toBe("Name the project.");
    type("wizard-name", "Shop");
    type("wizard-owner", "shop-team");
    type("wizard-cost-center", "cc-1");
    type("wizard-emails", "oncall@example.com");
    next();
    fireEvent.click(screen.getByTestId("wizard-component-storage"));
    next();
    next();
    // Folder: a non-empty one needs the overwrite confirmation.
    fireEvent.click(screen.getByTestId("wizard-choose-folder"));
    await screen.findByTestId("wizard-overwrite");
    expect(screen.getByRole("alert").textContent).toContain("notes.txt");
    expect((screen.getByTestId("wizard-next") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId("wizard-overwrite"));
    next();
    // The generator refuses the name: back on the Project step with the message.
    await screen.findByTestId("wizard-body-project");
    expect(screen.getByTestId("wizard-error").textContent).toContain("must be 2-12 lower-case letters");
    expect(requests[0]).toMatchObject({ name: "Shop", environment: "prod", region: "eu-west-1", components: ["storage"] });
    type("wizard-name", "shop");
    fireEvent.click(screen.getByTestId("wizard-step-folder"));
    await screen.findByTestId("wizard-body-folder");
    next();
    await screen.findByTestId("wizard-body-preview");
    expect(screen.getByTestId("wizard-files").textContent).toContain("main.tf");
    expect(screen.getByTestId("wizard-decisions").textContent).toContain("deletion protection");
    fireEvent.click(screen.getByTestId("wizard-create"));
    await screen.findByTestId("wizard-result");
    expect(beforeCreate).toHaveBeenCalled();
    expect(api.createNewProject).toHaveBeenCalledWith(expect.objectContaining({ name: "shop" }), true);
    expect(onCreated).toHaveBeenCalledWith(result);
    expect(screen.getByTestId("wizard-lint").textContent).toContain("no finding at medium or above (3 in all)");
    expect(screen.getByTestId("wizard-opened").textContent).toContain("Opened as the workspace");
    expect(screen.getByTestId("wizard-cost").textContent).toContain("at least 41.96 USD (4 resources priced");
  });

  it("says so when the catalog is missing", async () => {
    const api = { newProjectOptions: vi.fn(async () => { throw new ApiError({ code: "catalog_missing", message: "The module catalog (modules/) was not found", hint: "Reinstall TerraOrbis." }); }) } as unknown as Api;
    render(<NewProjectWizard api={api} beforeCreate={async () => {}} onClose={() => {}} onCreated={() => {}} />);
    await waitFor(() => expect(screen.getByTestId("wizard-error").textContent).toContain("was not found"));
  });
});
