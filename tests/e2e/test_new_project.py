"""The New Project wizard and the Modules view as a user meets them: from the Welcome screen,
walk the wizard into a temporary folder, check what was written, that the workspace switched to
it and that Problems has nothing at medium or above; then insert a catalog module call from the
Modules view (vendoring the module after the question).

WebDriver cannot drive the native folder dialog, and GTK's folder chooser (unlike the Open Plan
file chooser test_plan_review.py types a path into) keeps "Open" disabled for a typed path
under xdotool: the app is started with `--test-new-project-folder=PATH` (a test hook read only
from the command line, like the folder argument the other tests pass), and "Choose folder…"
takes PATH."""

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from conftest import SHOTS, screenshot, start_app
from test_editor import doc_text, show_problems, wait

SERIOUS = {"medium", "high", "critical"}


def click(app, testid, timeout=20):
    wait(app, timeout).until(EC.element_to_be_clickable((By.CSS_SELECTOR, f"[data-testid={testid}]"))).click()


def fill(app, testid, value):
    box = app.find_element(By.CSS_SELECTOR, f"[data-testid={testid}]")
    box.clear()
    box.send_keys(value)


def invoke(app, command, args=None):
    return app.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1] || {}).then(done, (e) => done({ error: e }));",
        command,
        args,
    )


def on_step(app, step):
    wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, f"[data-testid=wizard-body-{step}]")))


def test_new_project_wizard_then_insert_a_catalog_module(driver_url, tmp_path):
    target = tmp_path / "shop"
    app = start_app(driver_url, ["--demo", f"--test-new-project-folder={target}"])
    try:
        # The demo opens main.tf; closing it shows the Welcome screen with its New Project button.
        close = wait(app, 30).until(EC.element_to_be_clickable((By.CSS_SELECTOR, '[aria-label="Close main.tf"]')))
        close.click()
        click(app, "welcome-new-project")
        wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=new-project-wizard]")))

        click(app, "wizard-cloud-aws")
        click(app, "wizard-next")
        on_step(app, "environment")
        assert "35-day backups" in app.find_element(By.CSS_SELECTOR, "[data-testid=wizard-env-prod]").text
        click(app, "wizard-env-dev")
        click(app, "wizard-next")
        on_step(app, "region")
        Select(app.find_element(By.CSS_SELECTOR, "[data-testid=wizard-region]")).select_by_value("eu-west-1")
        click(app, "wizard-next")
        on_step(app, "project")
        fill(app, "wizard-name", "shop")
        fill(app, "wizard-owner", "shop-team")
        fill(app, "wizard-cost-center", "cc-4100")
        fill(app, "wizard-emails", "shop-oncall@example.com")
        click(app, "wizard-next")
        on_step(app, "components")
        click(app, "wizard-component-storage")
        screenshot(app, "40-new-project-components")
        click(app, "wizard-next")
        on_step(app, "backend")
        click(app, "wizard-next")
        on_step(app, "folder")
        click(app, "wizard-choose-folder")
        wait(app).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=wizard-folder]").text == str(target))
        click(app, "wizard-next")
        on_step(app, "preview")
        files = [e.get_attribute("data-path") for e in app.find_elements(By.CSS_SELECTOR, "[data-testid=wizard-files] li")]
        assert {"backend.tf", "main.tf", "DECISIONS.md", "README.md", "modules/aws/s3-bucket/main.tf"} <= set(files), files
        decisions = app.find_element(By.CSS_SELECTOR, "[data-testid=wizard-decisions]").text
        assert decisions.startswith("# Decisions") and "one shared NAT gateway" in decisions, decisions[:400]
        assert not target.exists(), "the preview wrote files"
        screenshot(app, "41-new-project-preview")

        click(app, "wizard-create")
        wait(app, 60).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=wizard-result]")))
        result = app.find_element(By.CSS_SELECTOR, "[data-testid=wizard-result]")
        assert result.get_attribute("data-clean") == "true", result.text
        assert "Opened as the workspace" in result.text
        assert "Estimated monthly cost:" in result.text
        screenshot(app, "42-new-project-created")
        for f in files:
            assert (target / f).is_file(), f
        click(app, "wizard-close")

        # The workspace is the new project; Problems has nothing at medium or above.
        try:
            wait(app, 30).until(lambda d: d.find_element(By.CSS_SELECTOR, ".workspace-name").get_attribute("title") == str(target.resolve()))
        except Exception:
            screenshot(app, "43-new-project-workspace-failed")
            raise AssertionError(app.execute_script("return document.querySelector('.workspace-name').outerHTML + document.body.innerText.slice(0, 300)"))
        wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, '[role=treeitem][data-path="DECISIONS.md"]')))
        problems = invoke(app, "workspace_problems")
        assert "error" not in problems, problems
        serious = [
            (f["path"], d["code"], d["message"])
            for f in problems["files"]
            for d in f["diagnostics"]
            if d["source"] == "syntax" or (d.get("rule_severity") or "") in SERIOUS
        ]
        assert serious == [], serious
        show_problems(app)
        wait(app, 30).until(lambda d: "Loading" not in d.find_element(By.CSS_SELECTOR, "[data-testid=problems-panel]").text)
        shown = app.execute_script(
            "return [...document.querySelectorAll('[data-testid=problem-row] .problem-rule-sev')].map((e) => e.textContent)"
        )
        assert not SERIOUS & set(shown), shown
        screenshot(app, "43-new-project-workspace")

        # Modules view: insert a call of a module the project does not have yet.
        wait(app).until(EC.element_to_be_clickable((By.CSS_SELECTOR, '[role=treeitem][data-path="main.tf"]'))).click()
        wait(app).until(lambda d: d.execute_script("return !!window.__orbisEditor?.view('main.tf')"))
        # The cursor inside the first block (`locals`): the call goes after that block.
        app.execute_script(
            "const v = window.__orbisEditor.view('main.tf');"
            "v.dispatch({ selection: { anchor: v.state.doc.toString().indexOf('name') } }); v.focus();"
        )
        before = doc_text(app, "main.tf")
        click(app, "view-modules")
        wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, '[data-testid=catalog-module][data-id="aws/iam-role"]')))
        fill(app, "modules-search", "iam-role")
        ids = [e.get_attribute("data-id") for e in app.find_elements(By.CSS_SELECTOR, "[data-testid=catalog-module]")]
        assert ids == ["aws/iam-role"], ids
        app.find_element(By.CSS_SELECTOR, '[data-testid=catalog-module][data-id="aws/iam-role"] .module-head').click()
        wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=module-detail]")))
        inputs = {
            e.get_attribute("data-name"): e.get_attribute("data-required")
            for e in app.find_elements(By.CSS_SELECTOR, "[data-testid=module-input]")
        }
        assert inputs.get("name") == "true", inputs
        assert app.find_elements(By.CSS_SELECTOR, "[data-testid=module-output]")
        click(app, "insert-module-call")
        wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=vendor-dialog]")))
        screenshot(app, "44-modules-vendor-question")
        click(app, "vendor-confirm")
        wait(app).until(lambda d: 'module "iam_role"' in doc_text(d, "main.tf"))
        text = doc_text(app, "main.tf")
        start = text.index("\n\n# aws/iam-role")
        end = text.index("\n}", text.index('module "iam_role"')) + 2
        assert text[:start].startswith("locals {") and text[:start].endswith("}"), text[:start]
        assert text[:start] + text[end:] == before
        assert 'source = "./modules/aws/iam-role"' in text
        assert (target / "modules/aws/iam-role/main.tf").is_file()
        assert app.find_element(By.CSS_SELECTOR, '[data-testid="tab-main.tf"]').get_attribute("data-dirty") == "true"
        # The inserted block reached Rust like typing (Rust's outline of the buffer has it) and
        # its diagnostics have no syntax error.
        wait(app).until(
            lambda d: any(i["name"].find("iam_role") >= 0 for i in invoke(d, "outline", {"path": "main.tf"}))
        )
        problems = invoke(app, "workspace_problems")
        syntax = [d for f in problems["files"] if f["path"] == "main.tf" for d in f["diagnostics"] if d["source"] == "syntax"]
        assert syntax == [], syntax
        screenshot(app, "45-modules-inserted")
    finally:
        app.quit()


def walk_to_preview(app):
    """A minimal AWS storage project through every step, up to the preview."""
    click(app, "wizard-cloud-aws")
    click(app, "wizard-next")
    on_step(app, "environment")
    click(app, "wizard-next")
    on_step(app, "region")
    click(app, "wizard-next")
    on_step(app, "project")
    fill(app, "wizard-name", "notes")
    fill(app, "wizard-owner", "docs-team")
    fill(app, "wizard-cost-center", "cc-1")
    fill(app, "wizard-emails", "docs@example.com")
    click(app, "wizard-next")
    on_step(app, "components")
    click(app, "wizard-component-storage")
    click(app, "wizard-next")
    on_step(app, "backend")
    click(app, "wizard-next")
    on_step(app, "folder")
    click(app, "wizard-choose-folder")


def test_unsaved_edits_are_asked_about_before_the_new_project_opens(driver_url, tmp_path, display):
    """Creating a project while a buffer has unsaved edits asks natively (as every workspace
    switch does); Cancel writes the project but keeps the workspace and the edits. A non-empty
    folder needs the overwrite confirmation, and other files in it are kept."""
    import os
    import subprocess
    import time

    from test_editor import copy_demo, open_file, select
    from selenium.webdriver.common.action_chains import ActionChains

    ws = copy_demo(tmp_path)
    target = tmp_path / "notes"
    target.mkdir()
    (target / "keep.txt").write_text("mine")
    app = start_app(driver_url, [str(ws), f"--test-new-project-folder={target}"])
    try:
        open_file(app, "main.tf")
        select(app, "main.tf", "locals {", 0, 0)
        ActionChains(app).send_keys("# unsaved line\n").perform()
        wait(app).until(lambda d: d.find_element(By.CSS_SELECTOR, '[data-testid="tab-main.tf"]').get_attribute("data-dirty") == "true")
        # A file is open, so no Welcome screen: the native menu, File → New Project… (its first
        # item), clicked in GTK's menu bar above the webview.
        env = {**os.environ, "DISPLAY": display}
        main = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^TerraOrbis$"], env=env, capture_output=True, text=True).stdout.split()
        assert main, "the main window was not found"
        geometry = subprocess.run(["xdotool", "getwindowgeometry", "--shell", main[0]], env=env, capture_output=True, text=True).stdout
        g = dict(line.split("=") for line in geometry.split())
        x, y = int(g["X"]), int(g["Y"])
        subprocess.run(["xdotool", "mousemove", str(x + 20), str(y + 12), "click", "1"], env=env, check=False)
        time.sleep(0.8)
        subprocess.run(["import", "-window", "root", str(SHOTS / "46-file-menu.png")], env=env, check=False)
        subprocess.run(["xdotool", "mousemove", str(x + 60), str(y + 40), "click", "1"], env=env, check=False)
        wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=new-project-wizard]")))
        walk_to_preview(app)
        wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=wizard-overwrite]")))
        assert "keep.txt" in app.find_element(By.CSS_SELECTOR, ".wizard-warning").text
        assert not app.find_element(By.CSS_SELECTOR, "[data-testid=wizard-next]").is_enabled()
        click(app, "wizard-overwrite")
        click(app, "wizard-next")
        on_step(app, "preview")
        click(app, "wizard-create")

        def dialog_windows():
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^Unsaved changes$"], env=env, capture_output=True, text=True)
            return found.stdout.split()

        deadline = time.monotonic() + 20
        while not dialog_windows() and time.monotonic() < deadline:
            time.sleep(0.2)
        windows = dialog_windows()
        assert windows, "no 'Unsaved changes' question appeared"
        deadline = time.monotonic() + 10
        while dialog_windows() and time.monotonic() < deadline:
            subprocess.run(["xdotool", "windowfocus", "--sync", windows[-1]], env=env, check=False)
            subprocess.run(["xdotool", "key", "Escape"], env=env, check=False)
            time.sleep(0.5)
        assert not dialog_windows(), "the question did not close on Escape"

        wait(app, 30).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=wizard-result]")))
        assert "kept the current workspace open" in app.find_element(By.CSS_SELECTOR, "[data-testid=wizard-opened]").text
        screenshot(app, "47-new-project-stayed-for-unsaved-edits")
        assert (target / "main.tf").is_file() and (target / "keep.txt").read_text() == "mine"
        click(app, "wizard-close")
        assert app.find_element(By.CSS_SELECTOR, ".workspace-name").get_attribute("title") == str(ws.resolve())
        assert "# unsaved line" in doc_text(app, "main.tf")
        assert app.find_element(By.CSS_SELECTOR, '[data-testid="tab-main.tf"]').get_attribute("data-dirty") == "true"
    finally:
        app.quit()
