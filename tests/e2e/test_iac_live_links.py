"""Link IaC to live (issue 11), against orbis-clusters' loopback replay server (the recorded
corpus in ../shared/corpora/k8s): a `.tf` file with a `kubernetes_deployment_v1` shows its
live link above the editor, "Open live" opens the Clusters view connected to the current
context with that Deployment selected; a Kubernetes YAML file of the workspace, compared with
the cluster, says per object whether it is in sync, differs (and what) or is not in the
cluster."""

import json
import subprocess

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from conftest import screenshot, start_app
from test_clusters import CORPUS, REPLAY, driver_with_kubeconfig  # noqa: F401 (fixture)
from test_editor import open_file, wait

MAIN_TF = """\
provider "kubernetes" {
  config_path = "~/.kube/config"
}

resource "kubernetes_namespace_v1" "shop" {
  metadata {
    name = "shop"
  }
}

resource "kubernetes_deployment_v1" "web" {
  metadata {
    name = "web"
  }
  spec {
    replicas = 4
    selector {
      match_labels = { app = "web" }
    }
    template {
      metadata {
        labels = { app = "web" }
      }
      spec {
        container {
          name  = "web"
          image = "coredns/coredns:v1.14.2"
        }
      }
    }
  }
}
"""

APP_YAML = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: blee
data:
  key1: very
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
spec:
  replicas: 3
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
"""


@pytest.fixture
def profile_dirs(tmp_path):
    """A profile of this test's own: it opens a workspace of its own."""
    return {"XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}


@pytest.fixture
def replay(tmp_path):
    """The plain replay server (replaces test_clusters' fixture for `driver_with_kubeconfig`)."""
    if not REPLAY.is_file():
        pytest.fail(f"{REPLAY} is missing: build it with `cargo build -p orbis-clusters --example replay_server`")
    kubeconfig = tmp_path / "kube" / "config"
    proc = subprocess.Popen(
        [str(REPLAY), "--corpus", str(CORPUS), "--kubeconfig", str(kubeconfig)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        ready = json.loads(proc.stdout.readline())
        yield proc, ready["kubeconfig"]
    finally:
        proc.stdin.close()
        proc.wait(timeout=10)


def texts(driver, selector):
    return driver.execute_script(f"return [...document.querySelectorAll('{selector}')].map(e => e.textContent)")


def test_terraform_links_and_yaml_sync(driver_with_kubeconfig, replay, tmp_path):  # noqa: F811
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "main.tf").write_text(MAIN_TF)
    (ws / "app.yaml").write_text(APP_YAML)
    app = start_app(driver_with_kubeconfig, [str(ws)])
    try:
        # The .tf file: one live link per kubernetes_* resource, above the editor.
        open_file(app, "main.tf")
        wait(app, 30).until(lambda d: len(texts(d, "[data-testid=live-link]")) == 2)
        links = texts(app, "[data-testid=live-link]")
        assert "kubernetes_namespace_v1.shop" in links[0] and "Namespace shop" in links[0], links
        assert "kubernetes_deployment_v1.web" in links[1] and "Deployment default/web" in links[1], links
        screenshot(app, "60-iac-live-links-tf")

        # Open live: the Clusters view, connected to the current context, the Deployment selected.
        app.find_element(By.CSS_SELECTOR, '[data-testid=live-link][data-address="kubernetes_deployment_v1.web"] [data-testid=live-link-open]').click()
        wait(app, 30).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=cluster-title]")))
        notice = wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=live-link-notice]")))
        assert "Deployment default/web" in notice.text and "current context replay" in notice.text, notice.text
        wait(app).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=cluster-section-workloads][aria-selected=true]"))
        wait(app).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".cluster-row.workloads-grid.selected"))
        selected = app.find_element(By.CSS_SELECTOR, ".cluster-row.workloads-grid.selected")
        assert selected.get_attribute("data-key") == "default/web", selected.get_attribute("data-key")
        wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".cluster-detail, [data-testid=cluster-detail]")))
        screenshot(app, "61-iac-live-link-opens-the-deployment")

        # The YAML file: compared with the live cluster, object by object.
        open_file(app, "app.yaml")
        wait(app, 30).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid=live-sync-compare]"))).click()
        wait(app, 30).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "[data-testid=live-sync-object]")) == 3)
        rows = app.find_elements(By.CSS_SELECTOR, "[data-testid=live-sync-object]")
        screenshot(app, "62-iac-live-yaml-sync")
        assert [r.get_attribute("data-sync") for r in rows] == ["in_sync", "differs", "not_in_cluster"]
        # textContent: WebKitWebDriver's element text leaves out the ellipsis-styled state.
        row_texts = texts(app, "[data-testid=live-sync-object]")
        assert "ConfigMap default/blee" in row_texts[0] and "in sync" in row_texts[0], row_texts
        assert "differs: spec.replicas: 4 → 3" in row_texts[1], row_texts
        assert "not in cluster" in row_texts[2], row_texts
        summary = app.find_element(By.CSS_SELECTOR, "[data-testid=live-sync-summary]").text
        assert summary == "1 in sync, 1 differs, 1 not in cluster · context replay", summary
    finally:
        app.quit()
