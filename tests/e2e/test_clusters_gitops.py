"""The GitOps section of the Clusters view (issue 11) against orbis-clusters' loopback replay
server with Argo CD and Flux "installed" (`--gitops`: discovery documents and objects
constructed from the public CRD shapes in crates/clusters/tests/support/gitops_fixtures.rs;
the corpus has none): failing applications first with their messages. Then the rollback of
daemonset fluentd-elasticsearch from its (constructed) ControllerRevisions: preview with the
image that comes back, confirm, done."""


import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from conftest import screenshot, start_app
from test_clusters import connect_replay, driver_with_kubeconfig, replay_server  # noqa: F401 (fixture)
from test_editor import wait

DS = "default/fluentd-elasticsearch"


@pytest.fixture
def replay(tmp_path):
    """The replay server with Argo CD, Flux and ControllerRevisions (replaces test_clusters'
    fixture here)."""
    yield from replay_server(tmp_path, "--gitops")


def test_gitops_status_and_a_daemonset_rollback(driver_with_kubeconfig, replay):  # noqa: F811
    app = start_app(driver_with_kubeconfig)
    try:
        connect_replay(app)

        app.find_element(By.CSS_SELECTOR, "[data-testid=cluster-section-gitops]").click()
        wait(app).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "[data-testid=gitops-app]")) == 7)
        rows = app.find_elements(By.CSS_SELECTOR, "[data-testid=gitops-app]")
        assert rows[0].get_attribute("data-key") == "argo/Application/argocd/payments", rows[0].get_attribute("data-key")
        assert "OutOfSync · Degraded" in rows[0].text, rows[0].text
        messages = [m.text for m in app.find_elements(By.CSS_SELECTOR, "[data-testid=gitops-message]")]
        assert any(m.startswith("kustomize build failed") for m in messages), messages
        assert not app.find_elements(By.CSS_SELECTOR, "[data-testid=gitops-not-installed]")
        screenshot(app, "60-clusters-gitops")

        app.find_element(By.CSS_SELECTOR, "[data-testid=cluster-section-workloads]").click()
        wait(app).until(EC.element_to_be_clickable((By.CSS_SELECTOR, f'[data-testid=cluster-workload][data-key="{DS}"]'))).click()
        wait(app).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid=cluster-action-rollback]"))).click()
        summary = wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=cluster-action-summary]")))
        assert summary.text == "Roll back daemonset fluentd-elasticsearch in default from revision 2 to revision 1", summary.text
        dialog = app.find_element(By.CSS_SELECTOR, "[data-testid=cluster-action-dialog]").text
        assert "→ fluentd:v2.4.0" in dialog and "node by node" in dialog, dialog
        screenshot(app, "61-cluster-daemonset-rollback-preview")
        app.find_element(By.CSS_SELECTOR, "[data-testid=cluster-action-confirm]").click()
        done = wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=cluster-action-done]")))
        assert "rolling back to the pod template of revision 1" in done.text, done.text
    finally:
        app.quit()
