"""The desktop app as a user meets it: first launch on the demo workspace, browsing files,
settings surviving a restart, and the webview being unable to leave the workspace."""

import os
import subprocess
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.support.ui import WebDriverWait

from conftest import SHOTS, screenshot, start_app

DEMO_TOP_LEVEL = ["k8s", "modules", "plans", ".gitignore", "main.tf", "outputs.tf", "providers.tf",
                  "README.md", "storage.tf", "terraform.tfvars", "variables.tf", "versions.tf"]


def wait(driver, timeout=15):
    # A poll can meet an element the UI just replaced (live lists, remounted views): retry it.
    return WebDriverWait(driver, timeout, ignored_exceptions=[StaleElementReferenceException])


def tree_names(driver):
    """Names of the visible tree rows, top to bottom (textContent: WebKitWebDriver's element
    text skips the ellipsis-clipped name spans)."""
    return driver.execute_script(
        "return [...document.querySelectorAll('[role=treeitem] .name')].map((e) => e.textContent)"
    )


def editor_text(driver):
    return driver.execute_script(
        "const c = document.querySelector('.cm-content'); return c ? c.innerText : ''"
    )


def row(driver, path):
    return wait(driver).until(EC.element_to_be_clickable((By.CSS_SELECTOR, f'[role=treeitem][data-path="{path}"]')))


def invoke(driver, command, args):
    """Calls a Tauri command the way the UI does; returns {"ok": value} or {"err": error}."""
    return driver.execute_async_script(
        "const [cmd, args, done] = arguments;"
        "window.__TAURI_INTERNALS__.invoke(cmd, args)"
        "  .then((ok) => done({ ok }), (err) => done({ err }));",
        command,
        args,
    )


def test_first_launch_shows_the_demo_workspace(app):
    started = time.monotonic()
    wait(app).until(lambda d: "main.tf" in tree_names(d))
    first_paint = time.monotonic() - started
    assert tree_names(app) == DEMO_TOP_LEVEL
    wait(app).until(lambda d: 'module "network"' in editor_text(d))
    status = app.execute_script("return document.querySelector('[data-testid=status-bar]').textContent")
    assert "Demo · demo-workspace" in status and "main.tf" in status and "Terraform" in status
    assert app.title == "TerraOrbis"
    shot = screenshot(app, "01-demo-workspace")
    print(f"demo workspace painted {first_paint:.2f}s after session start; screenshot {shot}")


def test_clicking_files_opens_them_in_tabs(app):
    row(app, "variables.tf").click()
    wait(app).until(lambda d: 'variable "db_password"' in editor_text(d))
    tabs = app.execute_script("return [...document.querySelectorAll('[role=tab] span:first-child')].map((e) => e.textContent)")
    assert tabs == ["main.tf", "variables.tf"]

    row(app, "modules").click()
    row(app, "modules/network").click()
    row(app, "modules/network/main.tf").click()
    wait(app).until(lambda d: 'resource "aws_vpc" "this"' in editor_text(d))

    row(app, "k8s").click()
    row(app, "k8s/deployment.yaml").click()
    wait(app).until(lambda d: "kind: Deployment" in editor_text(d))
    assert "YAML" in app.execute_script("return document.querySelector('[data-testid=status-bar]').textContent")
    screenshot(app, "02-files-in-tabs")


def test_the_webview_cannot_read_outside_the_workspace(app):
    wait(app).until(lambda d: "main.tf" in tree_names(d))
    for attempt in ["../../etc/passwd", "/etc/passwd", "modules/../../../../etc/passwd"]:
        result = invoke(app, "read_file", {"path": attempt})
        assert "err" in result, f"{attempt} was read: {result}"
        assert result["err"]["code"] == "outside_workspace", result
        assert "outside the opened workspace" in result["err"]["message"]
    inside = invoke(app, "read_file", {"path": "terraform.tfvars"})
    assert 'owner         = "platform-team"' in inside["ok"]["text"]
    # Plugins the UI does not need are not reachable from the webview at all.
    denied = invoke(app, "plugin:dialog|open", {"options": {}})
    assert "err" in denied and "not allowed" in str(denied["err"]).lower(), denied
    denied = invoke(app, "plugin:opener|open_path", {"path": "/etc/passwd"})
    assert "err" in denied, denied


def test_settings_survive_a_restart(driver_url):
    first = start_app(driver_url)
    try:
        wait(first).until(lambda d: "main.tf" in tree_names(d))
        box = first.find_element(By.CSS_SELECTOR, ".sidebar-footer input[type=checkbox]")
        assert not box.is_selected()
        box.click()
        wait(first).until(lambda d: d.find_element(By.CSS_SELECTOR, ".sidebar-footer input").is_selected())
        # Ignored by the demo's .gitignore, so it appears only with "show ignored files".
        invoke(first, "get_settings", {})
    finally:
        first.quit()
    second = start_app(driver_url)
    try:
        wait(second).until(lambda d: "main.tf" in tree_names(d))
        assert second.find_element(By.CSS_SELECTOR, ".sidebar-footer input[type=checkbox]").is_selected()
        settings = invoke(second, "get_settings", {})["ok"]
        assert settings["show_ignored"] is True
        # Put it back for the other tests.
        second.find_element(By.CSS_SELECTOR, ".sidebar-footer input[type=checkbox]").click()
        wait(second).until(lambda d: not d.find_element(By.CSS_SELECTOR, ".sidebar-footer input").is_selected())
    finally:
        second.quit()


def test_a_folder_of_ten_thousand_files_opens_and_scrolls(driver_url, tmp_path):
    """`terraorbis PATH` opens PATH; the tree respects .gitignore, hides .terraform/, and stays
    virtualized (only the rows on screen exist) for a 10,000-file folder."""
    big = tmp_path / "big-workspace"
    (big / ".terraform" / "providers").mkdir(parents=True)
    (big / "envs").mkdir()
    (big / ".gitignore").write_text("*.tfstate\nsecrets/\n")
    (big / "terraform.tfstate").write_text("{}")
    (big / "secrets").mkdir()
    for i in range(10_000):
        (big / f"r{i:05}.tf").write_text(f'resource "terraform_data" "r{i}" {{}}\n')
    driver = start_app(driver_url, args=[str(big)])
    try:
        started = time.monotonic()
        wait(driver, 30).until(lambda d: "r00000.tf" in tree_names(d))
        listed = time.monotonic() - started
        names = tree_names(driver)
        assert names[:2] == ["envs", ".gitignore"], names[:5]
        for hidden in [".terraform", "terraform.tfstate", "secrets"]:
            assert hidden not in names
        rendered = len(names)
        assert rendered < 200, f"{rendered} rows in the DOM: the tree is not virtualized"
        status = driver.execute_script("return document.querySelector('[data-testid=status-bar]').textContent")
        assert "big-workspace" in status and "Demo" not in status
        # Scroll to the end: the last file must come into view promptly.
        started = time.monotonic()
        driver.execute_script("const t = document.querySelector('.tree'); t.scrollTop = t.scrollHeight;")
        wait(driver, 10).until(lambda d: "r09999.tf" in tree_names(d))
        scrolled = time.monotonic() - started
        row(driver, "r09999.tf").click()
        wait(driver).until(lambda d: 'resource "terraform_data" "r9999"' in editor_text(d))
        screenshot(driver, "03-ten-thousand-files")
        print(f"10k-file folder: first rows {listed:.2f}s after launch, end of list {scrolled:.2f}s after scroll, {rendered} rows in DOM")
    finally:
        driver.quit()


def test_open_folder_shows_the_native_dialog_and_cancel_keeps_the_workspace(app, display):
    """The Open… button asks Rust for the OS folder picker (the webview never sends a path);
    cancelling it leaves the current workspace as it was."""
    # Whatever workspace the profile reopens (the last one an earlier test used) will do.
    wait(app, 30).until(lambda d: len(tree_names(d)) > 0)
    before = tree_names(app)
    app.find_element(By.CSS_SELECTOR, ".sidebar-header button").click()
    env = {**os.environ, "DISPLAY": display}

    def dialog_windows():
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^Open Folder$"], env=env, capture_output=True, text=True)
        return found.stdout.split()

    deadline = time.monotonic() + 10
    while not dialog_windows() and time.monotonic() < deadline:
        time.sleep(0.2)
    windows = dialog_windows()
    assert windows, "no 'Open Folder' dialog appeared"
    subprocess.run(["import", "-window", "root", str(SHOTS / "04-open-folder-dialog.png")], env=env, check=False)
    # No window manager under Xvfb: give the dialog the keyboard focus ourselves, then press
    # Escape (retrying: the chooser ignores keys until it has finished loading).
    deadline = time.monotonic() + 10
    while dialog_windows() and time.monotonic() < deadline:
        subprocess.run(["xdotool", "windowfocus", "--sync", windows[-1]], env=env, check=False)
        subprocess.run(["xdotool", "key", "Escape"], env=env, check=False)
        time.sleep(0.5)
    assert not dialog_windows(), "the dialog did not close on Escape"
    assert tree_names(app) == before
    assert not app.find_elements(By.CSS_SELECTOR, "[role=alert]"), "cancelling must not show an error"
