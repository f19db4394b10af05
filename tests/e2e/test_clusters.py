"""The Clusters view as a user meets it, against orbis-clusters' loopback replay server (the
recorded Kubernetes corpus in ../shared/corpora/k8s; no API server runs here): the kubeconfig
given in KUBECONFIG lists its context, Connect shows the pods with plain-words health badges
(CrashLoopBackOff, OOMKilled, ImagePullBackOff…), a recorded watch stream then changes a row
live, a kind RBAC forbids says "no permission", a pod's YAML opens in the detail pane, and its
log opens and follows what the container writes (the corpus records no logs: the log text is
this test's; the HTTP exchange with kube-rs is the API server's)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from conftest import APP, TARGET_DIR, free_port, screenshot, start_app, wait_for_port
from test_editor import wait

REPLAY = Path(os.environ.get("ORBIS_REPLAY_SERVER", TARGET_DIR / "debug" / "examples" / "replay_server"))
CRASH = "default/web-crashloop-7d9c8b-abcde"
# The corpus of this checkout, passed to the replay server (the binary is shared by every
# checkout building into the same target dir, so it must not guess where it was compiled).
CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpora" / "k8s"


def replay_server(tmp_path, *flags):
    """The replay server over the corpus with `flags` and the kubeconfig it writes, for a test
    module's `replay` fixture (`yield from replay_server(tmp_path, ...)`, which replaces this
    module's one for `driver_with_kubeconfig`): yields (process, kubeconfig path) and ends the
    server after the test."""
    if not REPLAY.is_file():
        pytest.fail(f"{REPLAY} is missing: build it with `cargo build -p orbis-clusters --example replay_server`")
    kubeconfig = tmp_path / "kube" / "config"
    proc = subprocess.Popen(
        [str(REPLAY), "--corpus", str(CORPUS), "--kubeconfig", str(kubeconfig), *flags],
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


def connect_replay(app):
    """Opens the Clusters view from the status bar and connects the `replay` context; returns
    once the cluster's title shows."""
    wait(app, 30).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid=status-clusters]"))).click()
    context = '[data-testid=cluster-context][data-name="replay"]'
    wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, f"{context} [data-testid=cluster-connect]"))).click()
    wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=cluster-title]")))


@pytest.fixture
def replay(tmp_path):
    """The replay server (secrets forbidden, like a developer's RBAC role) and its kubeconfig."""
    log = tmp_path / "coredns.log"
    log.write_text("[INFO] plugin/reload: Running configuration SHA512 = 1b22\n[INFO] CoreDNS-1.11.3\n[FATAL] plugin/loop: Loop (127.0.0.1:53) detected\n")
    yield from replay_server(
        tmp_path, "--forbid", "secrets", "--forbid-verb", "delete:pods", "--log", f"{CRASH}/coredns={log}"
    )


def command(proc, line: str) -> str:
    proc.stdin.write(line + "\n")
    proc.stdin.flush()
    return proc.stdout.readline().strip()


def push(proc, kind: str, file: str) -> int:
    proc.stdin.write(f"watch {kind} {file}\n")
    proc.stdin.flush()
    answer = proc.stdout.readline().strip()
    assert answer.startswith("ok "), answer
    return int(answer.split()[1])


@pytest.fixture
def driver_with_kubeconfig(display, profile_dirs, replay):
    """A tauri-driver of its own whose environment (inherited by the app) has KUBECONFIG set to
    the replay server's kubeconfig, as a user's shell would."""
    if not APP.is_file():
        pytest.fail(f"app binary {APP} is missing")
    binary = os.environ.get("TAURI_DRIVER") or shutil.which("tauri-driver") or str(Path.home() / ".cargo/bin/tauri-driver")
    port, native = free_port(), free_port()
    env = {**os.environ, "DISPLAY": display, **profile_dirs, "TF_CLI_CONFIG_FILE": "/dev/null", "KUBECONFIG": replay[1]}
    log = open(TARGET_DIR / "tauri-driver-clusters.log", "wb")
    proc = subprocess.Popen([binary, "--port", str(port), "--native-port", str(native)], env=env, stdout=log, stderr=log)
    try:
        wait_for_port(port, 20)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


def pod_rows(driver):
    """key → (reason, restarts) of the pod rows on screen, read in one script (rows re-render
    while the watch streams)."""
    rows = driver.execute_script(
        "return [...document.querySelectorAll('[data-testid=cluster-pod]')]"
        ".map(e => [e.dataset.key, e.dataset.reason, Number(e.dataset.restarts)]);"
    )
    return {key: (reason, restarts) for key, reason, restarts in rows}


def test_a_live_cluster_shows_pods_explained_and_follows_the_watch(driver_with_kubeconfig, replay):
    server = replay[0]
    app = start_app(driver_with_kubeconfig)
    try:
        wait(app, 30).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid=status-clusters]"))).click()
        context = '[data-testid=cluster-context][data-name="replay"]'
        wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, context)))
        assert app.find_element(By.CSS_SELECTOR, context).get_attribute("data-usable") == "true"
        screenshot(app, "40-clusters-contexts")

        # "Check all": one read-only probe per context, its health in the context's row.
        app.find_element(By.CSS_SELECTOR, "[data-testid=cluster-check-all]").click()
        line = wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, f"{context} [data-testid=cluster-probe-line]"))).text
        assert "5/7 nodes ready" in line and "failing" in line, line
        probe = app.find_element(By.CSS_SELECTOR, f"{context} [data-testid=cluster-probe]")
        assert probe.get_attribute("data-health") == "error", line
        failing = app.find_element(By.CSS_SELECTOR, f"{context} [data-testid=cluster-probe-failing]").text
        assert failing.startswith("Failing: ") and "(" in failing, failing
        screenshot(app, "58-clusters-check-all")
        totals = app.execute_script("return document.querySelector('[data-testid=cluster-probe-totals]').textContent")
        assert totals.startswith("1/1 reachable"), totals

        app.find_element(By.CSS_SELECTOR, f"{context} [data-testid=cluster-connect]").click()
        wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=cluster-title]")))
        # The overview puts what fails first.
        wait(app).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "[data-testid=cluster-overview-problem]")) >= 5)
        first = app.find_elements(By.CSS_SELECTOR, "[data-testid=cluster-overview-problem]")[0].text
        assert any(r in first for r in ("CrashLoopBackOff", "ImagePullBackOff", "OOMKilled", "NodeStatusUnknown", "NotReady", "Unschedulable", "ErrImagePull")), first
        screenshot(app, "41-clusters-overview")

        app.find_element(By.CSS_SELECTOR, "[data-testid=cluster-section-pods]").click()
        wait(app).until(lambda d: CRASH in pod_rows(d))
        rows = pod_rows(app)
        assert rows[CRASH] == ("CrashLoopBackOff", 17), rows
        assert rows["default/worker-oom-5f6d7c-defgh"][0] == "OOMKilled", rows
        assert rows["default/web-imagepull-7d9c8b-bcdef"][0] == "ImagePullBackOff", rows
        # Problems sort first, so the crash loop is among the first rows on screen.
        badges = [e.text for e in app.find_elements(By.CSS_SELECTOR, "[data-testid=cluster-pod] [data-testid=health-badge]")]
        assert "CrashLoopBackOff" in badges, badges

        # The pod's detail: its plain-words explanation and its YAML.
        app.find_element(By.CSS_SELECTOR, f'[data-testid=cluster-pod][data-key="{CRASH}"]').click()
        wait(app).until(lambda d: "kind: Pod" in d.find_element(By.CSS_SELECTOR, "[data-testid=cluster-yaml]").text)
        explain = app.find_element(By.CSS_SELECTOR, "[data-testid=cluster-explain]").text
        assert "CrashLoopBackOff" in explain and "crash" in explain.lower(), explain
        assert "restartCount: 17" in app.find_element(By.CSS_SELECTOR, "[data-testid=cluster-yaml]").text
        screenshot(app, "42-clusters-pods")

        # The cluster changes: the recorded crash loop (restarts 0 → 6) arrives on the open watch;
        # the row follows it, and the selected pod's YAML with it.
        assert push(server, "pods", "pod-crashloop.jsonl") == 7
        wait(app).until(lambda d: pod_rows(d).get(CRASH) == ("CrashLoopBackOff", 6))
        wait(app).until(lambda d: "restartCount: 6" in d.find_element(By.CSS_SELECTOR, "[data-testid=cluster-yaml]").text)
        # A pod's life ends: the recorded lifecycle deletes web-running.
        assert "default/web-running-7d9c8b-fghij" in pod_rows(app)
        push(server, "pods", "pods-lifecycle.jsonl")
        wait(app).until(lambda d: "default/web-running-7d9c8b-fghij" not in pod_rows(d))
        screenshot(app, "43-clusters-watch-changed-row")

        # The crash-looping pod's log: what the container wrote, then new lines as they come.
        app.find_element(By.CSS_SELECTOR, "[data-testid=cluster-detail-logs]").click()
        log_lines = lambda d: d.execute_script("return [...document.querySelectorAll('[data-testid=pod-log-line]')].map(e => e.textContent)")
        wait(app).until(lambda d: len(log_lines(d)) == 3)
        assert log_lines(app)[2] == "[FATAL] plugin/loop: Loop (127.0.0.1:53) detected", log_lines(app)
        assert app.find_element(By.CSS_SELECTOR, "[data-testid=pod-log-container]").get_attribute("value") == "coredns"
        assert command(server, f"log {CRASH}/coredns [INFO] SIGTERM: Shutting down servers then terminating") == "ok 1"
        wait(app).until(lambda d: log_lines(d)[-1:] == ["[INFO] SIGTERM: Shutting down servers then terminating"])
        assert "following" in app.find_element(By.CSS_SELECTOR, "[data-testid=pod-log-status]").text
        screenshot(app, "47-clusters-pod-log")

        # Namespace filter.
        from selenium.webdriver.support.ui import Select

        Select(app.find_element(By.CSS_SELECTOR, "[data-testid=cluster-namespace]")).select_by_value("kube-system")
        wait(app).until(lambda d: pod_rows(d) and all(k.startswith("kube-system/") for k in pod_rows(d)))

        # Workloads: ready x/y.
        app.find_element(By.CSS_SELECTOR, "[data-testid=cluster-section-workloads]").click()
        Select(app.find_element(By.CSS_SELECTOR, "[data-testid=cluster-namespace]")).select_by_value("")
        wait(app).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=cluster-workload]"))
        screenshot(app, "44-clusters-workloads")

        # Secrets are forbidden by the server's RBAC: said so, not an empty table.
        app.find_element(By.CSS_SELECTOR, "[data-testid=cluster-section-config]").click()
        Select(app.find_element(By.CSS_SELECTOR, "select[aria-label=Kind]")).select_by_value("secret")
        notice = wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, '[data-testid=cluster-kind-notice][data-kind="secret"]')))
        assert "No permission to list secrets." in notice.text, notice.text
        screenshot(app, "45-clusters-no-access")

        app.find_element(By.CSS_SELECTOR, "[data-testid=cluster-section-events]").click()
        # Events (warnings would sort first; the corpus records one Normal event, then its
        # watch stream modifies and deletes it).
        rows = wait(app).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=cluster-event]"))
        assert [e.get_attribute("data-type") for e in rows] == ["Normal"]
        text = rows[0].get_attribute("textContent")
        assert "Pulled" in text and "Pod/hello-" in text, text
        screenshot(app, "46-clusters-events")
        assert push(server, "events", "events.jsonl") == 3
        wait(app).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "[data-testid=cluster-event]"))

        app.find_element(By.CSS_SELECTOR, "[data-testid=cluster-disconnect]").click()
        wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, context)))
    finally:
        app.quit()
