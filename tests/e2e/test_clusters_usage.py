"""The Usage section of the Clusters view (issue 11) against orbis-clusters' loopback replay
server with metrics-server "installed" (`--metrics`: the corpus's constructed NodeMetricsList
and PodMetricsList; no real metrics.k8s.io recording exists): node CPU/memory beside
allocatable, a kube-system pod's usage beside its requests and limits; then the Platform
section of `default` (`--platform`: k9s's real RBAC and NetworkPolicy objects, a constructed
quota): quota shares, the who-can-do-what matrix, the network policy in words."""


import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from conftest import screenshot, start_app
from test_clusters import connect_replay, driver_with_kubeconfig, replay_server  # noqa: F401 (fixture)
from test_editor import wait


@pytest.fixture
def replay(tmp_path):
    """The replay server serving the metrics API and the platform kinds (replaces
    test_clusters' fixture here)."""
    yield from replay_server(tmp_path, "--metrics", "--platform")


def test_usage_beside_capacity_and_requests(driver_with_kubeconfig, replay):  # noqa: F811
    app = start_app(driver_with_kubeconfig)
    try:
        connect_replay(app)
        # The watchers hold the 7 nodes and 16 pods once the overview counts them.
        wait(app).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=cluster-count-nodes]").text.startswith("5/7"))
        wait(app).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=cluster-count-pods]").text.startswith("16"))
        # The overview's node list carries CPU and memory usage with the share of allocatable.
        overview_node = '[data-testid=cluster-overview-node][data-name="node-mem-pressure"]'
        wait(app).until(lambda d: d.find_element(By.CSS_SELECTOR, f"{overview_node} [data-testid=cluster-node-cpu]").text == "441m (11%)")
        cpu = app.find_element(By.CSS_SELECTOR, f"{overview_node} [data-testid=cluster-node-cpu]")
        assert cpu.get_attribute("title") == "CPU used 441m of 4 cores allocatable", cpu.get_attribute("title")
        app.execute_script("arguments[0].scrollIntoView({block: 'center'})", cpu)
        screenshot(app, "64-clusters-node-usage")
        # The pod list carries the pod's usage, its request and limit in the tooltip.
        app.find_element(By.CSS_SELECTOR, "[data-testid=cluster-section-pods]").click()
        coredns = '[data-testid=cluster-pod][data-key="kube-system/coredns-589f44dc88-4fpns"]'
        memory = wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, f"{coredns} [data-testid=cluster-pod-memory]")))
        screenshot(app, "63-clusters-pod-usage-columns")
        assert memory.get_attribute("textContent") == "12 MiB", memory.get_attribute("textContent")
        assert memory.get_attribute("title") == "Memory used 12 MiB · request 70 MiB · limit 170 MiB", memory.get_attribute("title")
        app.find_element(By.CSS_SELECTOR, "[data-testid=cluster-section-usage]").click()
        node = wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, '[data-testid=cluster-usage-node][data-name="node-mem-pressure"]')))
        assert app.find_element(By.CSS_SELECTOR, "[data-testid=cluster-usage]").get_attribute("data-state") == "available"
        assert "441m / 4 cores (11%)" in node.text, node.text
        assert not app.find_elements(By.CSS_SELECTOR, "[data-testid=cluster-metrics-notice]")
        Select(app.find_element(By.CSS_SELECTOR, "[data-testid=cluster-namespace]")).select_by_value("kube-system")
        pod = wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, '[data-testid=cluster-usage-pod][data-key="kube-system/coredns-589f44dc88-4fpns"]')))
        assert "12 MiB · 70 MiB · 170 MiB (7%)" in pod.text, pod.text
        screenshot(app, "51-clusters-usage")

        Select(app.find_element(By.CSS_SELECTOR, "[data-testid=cluster-namespace]")).select_by_value("default")
        app.find_element(By.CSS_SELECTOR, "[data-testid=cluster-section-platform]").click()
        quota = wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=platform-quota]")))
        assert "compute" in quota.text
        subject = app.find_element(By.CSS_SELECTOR, '[data-testid=platform-subject][data-subject="ServiceAccount default/fernand"]')
        assert "read, deletecollection, patch" in subject.text, subject.text
        assert app.find_element(By.CSS_SELECTOR, '[data-testid=platform-subject][data-subject="User fernand"]')
        policy = app.find_element(By.CSS_SELECTOR, "[data-testid=platform-policy]").text
        assert "fred applies to pods with app=nginx in default" in policy, policy
        assert "In: from addresses in 172.17.0.0/16" in policy and "Out: to addresses in 10.0.0.0/24 on TCP 5978" in policy, policy
        screenshot(app, "52-clusters-platform")
    finally:
        app.quit()
