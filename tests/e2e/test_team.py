"""The Team Server tab as a user meets it: a real orbis-server (SQLite) on loopback with an
organization, a workspace and two accounts; a teammate's plan run is already on the server.
The app (with a private gnome-keyring for its token) connects through the form, shows the
sync status and the Approvals inbox with that plan, approves it (the approval reaches the
server), and says in plain words when the server goes away."""

import json
import os
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import TARGET_DIR, free_port, screenshot, start_app, tauri_driver
from test_desktop import invoke, tree_names, wait
from test_runs import click

ROOT = Path(__file__).resolve().parents[2]
SERVER = Path(os.environ.get("ORBIS_SERVER_BIN", TARGET_DIR / "debug" / "orbis-server"))
PASSWORD = "correct horse battery"
PLAN = "ab" * 32


def http(method, url, token=None, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            text = r.read()
            return r.status, json.loads(text) if text else None
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


@pytest.fixture
def server(tmp_path):
    assert SERVER.is_file(), f"{SERVER} is missing: cargo build -p orbis-server"
    data = tmp_path / "server-data"
    out = subprocess.run(
        [str(SERVER), "org", "create", "--name", "acme", "--admin", "root", "--data", str(data)],
        env={**os.environ, "ORBIS_ADMIN_PASSWORD": PASSWORD}, capture_output=True, text=True,
    )
    assert out.returncode == 0, out.stderr
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(tmp_path / "server.log", "wb")
    proc = subprocess.Popen([str(SERVER), "--listen", f"127.0.0.1:{port}", "--data", str(data)], stdout=log, stderr=log)
    deadline = time.monotonic() + 30
    while True:
        try:
            if http("GET", f"{base}/healthz")[0] == 200:
                break
        except OSError:
            pass
        assert time.monotonic() < deadline and proc.poll() is None, (tmp_path / "server.log").read_text()
        time.sleep(0.05)
    login = lambda user: http("POST", f"{base}/v1/sessions", body={"org": "acme", "username": user, "password": PASSWORD})[1]["token"]
    root = login("root")
    team = http("POST", f"{base}/v1/teams", root, {"name": "platform"})[1]["id"]
    ws = http("POST", f"{base}/v1/workspaces", root, {"team_id": team, "name": "prod-network", "metadata": {}})[1]["id"]
    for user, role in [("alice", "approver"), ("bob", "operator")]:
        uid = http("POST", f"{base}/v1/users", root, {"username": user, "password": PASSWORD})[1]["id"]
        assert http("PUT", f"{base}/v1/workspaces/{ws}/members/{uid}", root, {"role": role})[0] == 204
    bob = login("bob")
    # Bob's desktop pushed a plan run of prod.
    status, body = http("POST", f"{base}/v1/workspaces/{ws}/records", bob, {"items": [{
        "kind": "run", "id": "bobdesk-run-7", "body": {
            "command": "plan", "tool": "terraform 1.11.4", "identity": "aws:deployer", "environment": "prod",
            "status": "succeeded", "exit_code": 0, "plan_sha256": PLAN,
            "plan_summary": {"add": 2, "change": 1, "remove": 0, "import": 0},
            "log": "Plan: 2 to add, 1 to change, 0 to destroy.", "started_at": 1764240000000, "ended_at": 1764240060000}}]})
    assert status == 200 and body["results"][0]["outcome"] == "created", body
    yield {"base": base, "ws": ws, "bob": bob, "proc": proc}
    if proc.poll() is None:
        proc.terminate()
        proc.wait(timeout=10)
    log.close()


def text_of(driver, testid):
    return driver.execute_script(f"const e = document.querySelector('[data-testid={testid}]'); return e ? e.textContent : null")


def test_connect_see_the_inbox_approve_and_go_offline(display, profile_dirs, server, tmp_path):
    wrapper = ["bash", str(ROOT / "tests/keyring/with-secret-service")]
    with tauri_driver(display, profile_dirs, {}, wrapper=wrapper, log_name="tauri-driver-team.log") as url:
        app = start_app(url)
        try:
            # Not connected: the status bar offers it.
            item = wait(app, 30).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=status-team]"))
            assert text_of(app, "status-team") == "⇅ Team"
            item.click()
            wait(app).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=team-connect]"))
            app.find_element(By.CSS_SELECTOR, "[data-testid=team-url]").send_keys(server["base"])
            app.find_element(By.CSS_SELECTOR, "[data-testid=team-org]").send_keys("acme")
            app.find_element(By.CSS_SELECTOR, "[data-testid=team-username]").send_keys("alice")
            app.find_element(By.CSS_SELECTOR, "[data-testid=team-password]").send_keys(PASSWORD)
            screenshot(app, "team-connect")
            app.find_element(By.CSS_SELECTOR, "[data-testid=team-connect-button]").click()

            # Connected: the status and, after the first sync, bob's plan in the inbox.
            wait(app, 30).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=team-status]"))
            assert text_of(app, "team-server") == server["base"]
            assert text_of(app, "team-workspace") == "prod-network"
            rows = lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=team-request]")
            wait(app, 30).until(lambda d: len(rows(d)) == 1)
            row = rows(app)[0]
            assert row.get_attribute("data-environment") == "prod"
            assert "+2 ~1 −0" in row.text and PLAN[:12] in row.text, row.text
            wait(app, 15).until(lambda d: text_of(d, "status-team") == "⇅ Team: synced")
            wait(app).until(lambda d: text_of(d, "team-last-sync") == "just now")
            assert app.find_element(By.CSS_SELECTOR, "[data-testid=team-pending]").get_attribute("data-pending") == "0"
            assert PASSWORD not in app.execute_script("return document.documentElement.outerHTML")
            screenshot(app, "team-inbox")

            # A comment on the plan: queued, then sent by the background sync.
            row.find_element(By.CSS_SELECTOR, "[data-testid=team-comment-input]").send_keys("NAT gateway replaced on purpose?")
            row.find_element(By.CSS_SELECTOR, "[data-testid=team-comment-add]").click()
            wait(app).until(lambda d: "NAT gateway replaced on purpose?" in (text_of(d, "team-comments") or ""))

            def records(kind):
                _, page = http("GET", f"{server['base']}/v1/workspaces/{server['ws']}/changes?after=0", server["bob"])
                return [c["record"]["body"] for c in page["changes"] if c["record"]["kind"] == kind]

            deadline = time.monotonic() + 20
            while not records("comment"):
                assert time.monotonic() < deadline, "the comment did not reach the server"
                time.sleep(0.2)
            assert records("comment") == [{"run_id": "bobdesk-run-7", "address": None, "text": "NAT gateway replaced on purpose?"}]
            # Once the sync has run, the tab shows it as sent.
            wait(app).until(lambda d: "not sent yet" not in (text_of(d, "team-comments") or "not sent yet"))
            screenshot(app, "team-comment")

            # Approve: the inbox empties and the approval reaches the server.
            row.find_element(By.CSS_SELECTOR, "input").send_keys("NAT change reviewed")
            row.find_element(By.CSS_SELECTOR, "[data-testid=team-approve]").click()
            wait(app).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=team-inbox-empty]"))

            approvals = lambda: records("approval")
            deadline = time.monotonic() + 20
            while not approvals():
                assert time.monotonic() < deadline, "the approval did not reach the server"
                time.sleep(0.2)
            (approval,) = approvals()
            assert approval["plan_sha256"] == PLAN and approval["environment"] == "prod"
            assert approval["decision"] == "approved" and approval["note"] == "NAT change reviewed"

            # The server goes away: Sync now says so, in plain words, with what to do.
            server["proc"].terminate()
            server["proc"].wait(timeout=10)
            app.find_element(By.CSS_SELECTOR, "[data-testid=team-sync-now]").click()
            error = wait(app, 30).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=team-error]"))
            assert error.get_attribute("data-code") == "team_unreachable"
            assert "cannot be reached" in error.text and "outbox" in error.text, error.text
            assert "Connection refused" in error.text, error.text
            assert not app.find_elements(By.CSS_SELECTOR, ".banner"), "no banner on top of the inline error"
            wait(app, 15).until(lambda d: "offline" in (text_of(d, "status-team") or ""))
            assert app.find_element(By.CSS_SELECTOR, "[data-testid=status-team]").get_attribute("data-warn") == "true"
            screenshot(app, "team-offline")
        finally:
            app.quit()


def test_a_run_its_confirmation_and_a_plan_comment_reach_the_server(display, profile_dirs, server, tmp_path):
    """Connected, a plan run with the real terraform goes to the server when it ends; confirming
    it in Plan Review sends an approval bound to its plan hash; a comment on one of its
    resource changes goes too."""
    assert shutil.which("terraform"), "this test needs `terraform` on PATH"
    ws = tmp_path / "team-ws"
    ws.mkdir()
    (ws / "main.tf").write_text('resource "terraform_data" "web" {\n  input = "team-e2e"\n}\n')
    wrapper = ["bash", str(ROOT / "tests/keyring/with-secret-service")]
    with tauri_driver(display, profile_dirs, {}, wrapper=wrapper, log_name="tauri-driver-team-runs.log") as url:
        app = start_app(url, [str(ws)])
        try:
            wait(app, 30).until(lambda d: "main.tf" in tree_names(d))
            connected = invoke(app, "team_connect", {"request": {
                "server_url": server["base"], "org": "acme", "username": "alice", "password": PASSWORD, "workspace": None}})
            assert connected.get("ok", {}).get("connected"), connected
            click(app, "status-runs")
            click(app, "run-start")
            wait(app, 90).until(lambda d: "plan succeeded" in (text_of(d, "run-status") or ""))

            def records(kind):
                _, page = http("GET", f"{server['base']}/v1/workspaces/{server['ws']}/changes?after=0", server["bob"])
                return [(c["record"]["id"], c["record"]["body"]) for c in page["changes"] if c["record"]["kind"] == kind]

            def wait_for(kind, count):
                deadline = time.monotonic() + 30
                while len(records(kind)) < count:
                    assert time.monotonic() < deadline, f"no {kind} reached the server: {records(kind)}; app: {invoke(app, 'team_status', {})}"
                    time.sleep(0.2)
                return records(kind)

            # The run went out when it ended (bob's plan run was there already).
            runs = [r for r in wait_for("run", 2) if r[0] != "bobdesk-run-7"]
            (run_id, run), = runs
            assert run["command"] == "plan" and run["status"] == "succeeded" and run["environment"] == "default", run
            assert run["plan_summary"] == {"add": 1, "change": 0, "remove": 0, "import": 0}

            # Confirm it in Plan Review: an approval of that plan hash goes to the server.
            click(app, "run-open-plan")
            wait(app, 30).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=plan-review]"))
            click(app, "run-approve")
            wait(app).until(lambda d: "Confirmed" in (text_of(d, "run-approval") or ""))
            (_, approval), = wait_for("approval", 1)
            assert approval["plan_sha256"] == run["plan_sha256"] and approval["run_id"] == run_id, approval
            assert approval["environment"] == "default" and approval["decision"] == "approved"

            # A comment on one resource change of this plan.
            box = wait(app).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=plan-comments]"))
            Select(box.find_element(By.CSS_SELECTOR, "select")).select_by_value("terraform_data.web")
            box.find_element(By.CSS_SELECTOR, "[data-testid=plan-comment-input]").send_keys("first web node")
            click(app, "plan-comment-add")
            wait(app).until(lambda d: "first web node" in (text_of(d, "plan-comments") or ""))
            (_, comment), = wait_for("comment", 1)
            assert comment == {"run_id": run_id, "address": "terraform_data.web", "text": "first web node"}
            # Once synced, it shows as sent.
            wait(app).until(lambda d: "not sent yet" not in (text_of(d, "plan-comments") or "not sent yet"))
            screenshot(app, "team-plan-comments")
        finally:
            app.quit()
