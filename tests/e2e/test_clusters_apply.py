"""Applying a Kubernetes YAML file from the editor to the live cluster (issue 11), against
orbis-clusters' loopback replay server (the recorded corpus; it answers server-side apply
PATCHes: a dry run returns the merged object without storing it, a real apply stores it and
sends the watch event): right-click the open file → Apply to Cluster… → the dry-run preview
per object (one created, one changed field) → confirm → the new ConfigMap appears in the
Clusters view, and the apply is in the audit log, one row per object."""


import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from conftest import screenshot, start_app
from test_clusters import connect_replay, driver_with_kubeconfig, replay_server  # noqa: F401 (fixture)
from test_editor import open_file, wait

MANIFEST = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: blee
  namespace: default
data:
  key1: very
  key2: strange
"""


@pytest.fixture
def profile_dirs(tmp_path):
    """A user profile of this test's own: it opens a workspace of its own, which the app would
    otherwise reopen in the later tests that expect the demo workspace on a fresh profile."""
    return {"XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}


@pytest.fixture
def replay(tmp_path):
    """The plain replay server (this fixture replaces test_clusters' one for
    `driver_with_kubeconfig` in this module)."""
    yield from replay_server(tmp_path)


def config_maps(driver):
    return driver.execute_script("return [...document.querySelectorAll('[data-testid=cluster-object]')].map(e => e.dataset.key)")


def audit_rows(driver):
    return driver.execute_script("return [...document.querySelectorAll('[data-testid=cluster-audit-row]')].map(e => e.textContent)")


def test_apply_a_yaml_file_with_a_dry_run_preview(driver_with_kubeconfig, replay, tmp_path):  # noqa: F811
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "app.yaml").write_text(MANIFEST)
    app = start_app(driver_with_kubeconfig, [str(ws)])
    try:
        # Connect, and see that the cluster has no ConfigMap "settings" yet.
        connect_replay(app)
        app.find_element(By.CSS_SELECTOR, "[data-testid=cluster-section-config]").click()
        Select(app.find_element(By.CSS_SELECTOR, "select[aria-label=Kind]")).select_by_value("config_map")
        wait(app).until(lambda d: "default/blee" in config_maps(d))
        assert "default/settings" not in config_maps(app)

        # The file, right-click, Apply to Cluster…
        open_file(app, "app.yaml")
        # A right-click on the first line of text: the contextmenu event a right-click fires,
        # dispatched in the page once the editor has rendered the line.
        right_click = (
            "const view = window.__orbisEditor.view('app.yaml'); const line = view && view.contentDOM.querySelector('.cm-line');"
            "if (!line) return false; const r = line.getBoundingClientRect();"
            "line.dispatchEvent(new MouseEvent('contextmenu', {bubbles: true, cancelable: true, clientX: r.left + 20, clientY: r.top + 5, button: 2}));"
            "return true;"
        )
        wait(app).until(lambda d: d.execute_script(right_click))
        item = wait(app).until(EC.element_to_be_clickable((By.XPATH, "//button[@role='menuitem'][contains(., 'Apply to Cluster')]")))
        item.click()

        summary = wait(app, 30).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=cluster-apply-summary]")))
        assert summary.text == "Apply app.yaml to replay: 1 to create, 1 to change", summary.text
        rows = app.find_elements(By.CSS_SELECTOR, "[data-testid=cluster-apply-object]")
        assert [r.get_attribute("data-outcome") for r in rows] == ["created", "changed"]
        assert "ConfigMap default/settings" in rows[0].text
        assert "ConfigMap default/blee" in rows[1].text
        assert "data.key2: charm → strange" in rows[1].text, rows[1].text
        screenshot(app, "48-clusters-apply-preview")

        app.find_element(By.CSS_SELECTOR, "[data-testid=cluster-apply-confirm]").click()
        done = wait(app, 30).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=cluster-apply-done]")))
        assert done.text == "Applied app.yaml to replay: 1 to create, 1 to change (2 objects).", done.text
        screenshot(app, "49-clusters-apply-done")
        app.find_element(By.CSS_SELECTOR, "[data-testid=cluster-apply-close]").click()

        # The new object arrives through the watch in the Clusters view.
        app.find_element(By.CSS_SELECTOR, "[data-testid=clusters-tab]").click()
        wait(app).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid=cluster-section-config]"))).click()
        Select(app.find_element(By.CSS_SELECTOR, "select[aria-label=Kind]")).select_by_value("config_map")
        wait(app).until(lambda d: "default/settings" in config_maps(d))
        screenshot(app, "50-clusters-apply-object-appears")

        # And the apply is in the audit log: one row per object.
        app.find_element(By.CSS_SELECTOR, "[data-testid=cluster-section-audit]").click()
        wait(app).until(lambda d: any("Apply ConfigMap settings from app.yaml (created)" in r for r in audit_rows(d)))
        assert any("Apply ConfigMap blee from app.yaml (changed)" in r for r in audit_rows(app)), audit_rows(app)
    finally:
        app.quit()
