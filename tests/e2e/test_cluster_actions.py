"""Cluster actions in the desktop app (issue 11), against orbis-clusters' loopback replay
server (the recorded corpus; PATCH/DELETE change its objects and come back on the open
watches): scale a deployment through the preview-and-confirm dialog and see its row follow,
roll it back to its previous revision, a pod deletion the server's RBAC forbids (403) said in
plain words, and all of them in the audit log.
"""


import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from conftest import screenshot, start_app
from test_clusters import connect_replay, driver_with_kubeconfig, replay_server  # noqa: F401 (fixture)
from test_editor import wait


@pytest.fixture
def replay(tmp_path):
    """The replay server with deleting pods forbidden and deployment web at revision 2 of 2
    (this fixture replaces test_clusters' one for `driver_with_kubeconfig` in this module)."""
    yield from replay_server(tmp_path, "--forbid-verb", "delete:pods", "--rollout-history")

WEB = "default/web"
POD = "default/web-running-7d9c8b-fghij"


def workload_text(driver, key):
    return driver.execute_script(
        "const e = document.querySelector(`[data-testid=cluster-workload][data-key='${arguments[0]}']`);"
        "return e ? e.textContent : null;",
        key,
    )


def test_scale_through_the_dialog_updates_the_row_and_a_forbidden_delete_is_explained(driver_with_kubeconfig, replay):  # noqa: F811
    app = start_app(driver_with_kubeconfig)
    try:
        connect_replay(app)

        # Scale default/web from 4 to 6 replicas.
        app.find_element(By.CSS_SELECTOR, "[data-testid=cluster-section-workloads]").click()
        wait(app).until(lambda d: "4" in (workload_text(d, WEB) or ""))
        assert "/4" in workload_text(app, WEB), workload_text(app, WEB)
        app.find_element(By.CSS_SELECTOR, f'[data-testid=cluster-workload][data-key="{WEB}"]').click()
        wait(app).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid=cluster-action-scale]"))).click()
        replicas = wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=cluster-action-replicas]")))
        assert replicas.get_attribute("value") == "4"
        replicas.clear()
        replicas.send_keys("6")
        app.find_element(By.CSS_SELECTOR, "[data-testid=cluster-action-preview]").click()
        summary = wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=cluster-action-summary]")))
        assert summary.text == "Scale deployment web in default from 4 to 6 replicas", summary.text
        dialog = app.find_element(By.CSS_SELECTOR, "[data-testid=cluster-action-dialog]").text
        assert "spec.replicas: 4 → 6" in dialog and "2 new pods are started." in dialog, dialog
        assert "PATCH /apis/apps/v1/namespaces/default/deployments/web/scale" in dialog, dialog
        screenshot(app, "50-cluster-action-scale-preview")
        app.find_element(By.CSS_SELECTOR, "[data-testid=cluster-action-confirm]").click()
        done = wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=cluster-action-done]")))
        assert done.text == "deployment web in default now wants 6 replicas.", done.text
        app.find_element(By.CSS_SELECTOR, "[data-testid=cluster-action-close]").click()
        # The server's MODIFIED event reaches the watch: the row now wants 6.
        wait(app).until(lambda d: "/6" in (workload_text(d, WEB) or ""))
        screenshot(app, "51-cluster-action-scaled-row")

        # Roll web back to revision 1: the preview names the image that comes back.
        app.find_element(By.CSS_SELECTOR, "[data-testid=cluster-action-rollback]").click()
        summary = wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=cluster-action-summary]")))
        assert summary.text == "Roll back deployment web in default from revision 2 to revision 1", summary.text
        dialog = app.find_element(By.CSS_SELECTOR, "[data-testid=cluster-action-dialog]").text
        assert "container coredns: image coredns/coredns:v1.14.2 → coredns/coredns:v1.13.1" in dialog, dialog
        screenshot(app, "54-cluster-action-rollback-preview")
        app.find_element(By.CSS_SELECTOR, "[data-testid=cluster-action-confirm]").click()
        done = wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=cluster-action-done]")))
        assert "rolling back to the pod template of revision 1" in done.text, done.text
        app.find_element(By.CSS_SELECTOR, "[data-testid=cluster-action-close]").click()
        # The watch brings the new template: the detail's YAML (read again on the row's change).
        yaml = lambda d: d.execute_script("return document.querySelector('[data-testid=cluster-yaml]').textContent")
        wait(app).until(lambda d: "coredns/coredns:v1.13.1" in yaml(d))
        assert "coredns/coredns:v1.14.2" not in yaml(app)

        # Deleting a pod: the preview, then the server's RBAC refuses (403).
        app.find_element(By.CSS_SELECTOR, "[data-testid=cluster-section-pods]").click()
        wait(app).until(EC.element_to_be_clickable((By.CSS_SELECTOR, f'[data-testid=cluster-pod][data-key="{POD}"]'))).click()
        wait(app).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid=cluster-action-delete_pod]"))).click()
        summary = wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=cluster-action-summary]")))
        assert summary.text == "Delete pod web-running-7d9c8b-fghij in default", summary.text
        app.find_element(By.CSS_SELECTOR, "[data-testid=cluster-action-confirm]").click()
        error = wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=cluster-action-error]")))
        assert "Not allowed: your credentials may not delete pods in default (403 Forbidden)." in error.text, error.text
        assert "kubectl auth can-i delete pods -n default" in error.text, error.text
        screenshot(app, "52-cluster-action-forbidden")
        app.find_element(By.CSS_SELECTOR, "[data-testid=cluster-action-close]").click()
        assert POD in app.execute_script("return [...document.querySelectorAll('[data-testid=cluster-pod]')].map(e => e.dataset.key)")

        # The audit log: the refused delete first, then the scale.
        app.find_element(By.CSS_SELECTOR, "[data-testid=cluster-section-audit]").click()
        rows = wait(app).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=cluster-audit-row]"))
        screenshot(app, "53-cluster-action-audit")
        assert [r.get_attribute("data-outcome") for r in rows] == ["failed", "succeeded", "succeeded"]
        texts = [r.get_attribute("textContent") for r in rows]
        assert "Delete pod web-running-7d9c8b-fghij in default" in texts[0], texts
        assert "Roll back deployment web in default from revision 2 to revision 1" in texts[1], texts
        assert "Scale deployment web in default from 4 to 6 replicas" in texts[2], texts
        assert "replay · deployment default/web" in texts[2], texts
        assert "403 Forbidden" in texts[0] and "now wants 6 replicas" in texts[2], texts
    finally:
        app.quit()
