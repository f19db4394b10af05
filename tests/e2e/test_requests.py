"""The Requests tab as an approver meets it: a real orbis-server (SQLite) on loopback where an
operator (bob) requested a catalog module; the app, connected as the approver (alice), opens
Requests from the Team Server tab, sees the request with its values, approves it with a
comment (the decision reaches the server), and sees the status follow. Then alice asks for a
module herself through the form generated from the catalog module's variables: a missing
required value is named, the sent request lands on the server with typed values."""

import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import screenshot, start_app, tauri_driver
from test_desktop import invoke, wait
from test_team import PASSWORD, ROOT, http, server, text_of  # noqa: F401 (server is a fixture)


def test_approve_a_request_and_make_one_from_the_form(display, profile_dirs, server, tmp_path):
    base, ws = server["base"], server["ws"]
    status, made = http("POST", f"{base}/v1/workspaces/{ws}/requests", server["bob"], {
        "id": "bobdesk-req-1", "module": "aws/s3-bucket", "module_version": "1.0.0", "environment": "prod",
        "variables": {"name": "team-artifacts", "force_destroy": False}, "reason": "artifacts of the build pipeline"})
    assert status == 200, made
    wrapper = ["bash", str(ROOT / "tests/keyring/with-secret-service")]
    with tauri_driver(display, profile_dirs, {}, wrapper=wrapper, log_name="tauri-driver-requests.log") as url:
        app = start_app(url)
        try:
            connected = invoke(app, "team_connect", {"request": {
                "server_url": base, "org": "acme", "username": "alice", "password": PASSWORD, "workspace": None}})
            assert connected.get("ok", {}).get("connected"), connected
            item = wait(app, 30).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=status-team]"))
            item.click()
            wait(app).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=team-show-requests]")).click()

            # Bob's request, as the sync brought it: values, reason, and alice may decide.
            cards = lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=request]")
            wait(app, 30).until(lambda d: len(cards(d)) == 1)
            card = cards(app)[0]
            assert card.get_attribute("data-status") == "requested"
            assert 'name = "team-artifacts"' in card.text and "force_destroy = false" in card.text, card.text
            assert "artifacts of the build pipeline" in card.text and "bob" in card.text, card.text
            assert "Approve or reject it." in card.text
            screenshot(app, "requests-waiting")

            card.find_element(By.CSS_SELECTOR, "input[aria-label=Comment]").send_keys("fine, tag it")
            card.find_element(By.CSS_SELECTOR, "[data-testid=request-approve]").click()
            wait(app, 20).until(lambda d: cards(d) and cards(d)[0].get_attribute("data-status") == "approved")
            _, stored = http("GET", f"{base}/v1/workspaces/{ws}/requests/bobdesk-req-1", server["bob"])
            assert stored["status"] == "approved" and stored["decided_by_name"] == "alice", stored
            assert stored["decision_comment"] == "fine, tag it"
            card = cards(app)[0]
            assert "Approved by alice" in card.text and "fine, tag it" in card.text, card.text
            screenshot(app, "requests-approved")

            # The operator's app reports the plan: the status follows here without a click.
            status, _ = http("POST", f"{base}/v1/workspaces/{ws}/requests/bobdesk-req-1/progress", server["bob"],
                             {"status": "planned", "plan_sha256": "cd" * 32, "run_id": "bobdesk-run-8"})
            assert status == 200
            wait(app, 20).until(lambda d: cards(d) and cards(d)[0].get_attribute("data-status") == "planned")

            # A request of her own, from the form generated from the module's variables.
            app.find_element(By.CSS_SELECTOR, "[data-testid=request-new]").click()
            select = wait(app, 30).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=request-module]"))
            wait(app, 30).until(lambda d: len(Select(select).options) > 1)
            Select(select).select_by_value("aws/s3-bucket")
            wait(app).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=request-field-name]"))
            app.find_element(By.CSS_SELECTOR, "[data-testid=request-environment]").send_keys("staging")
            app.find_element(By.CSS_SELECTOR, "[data-testid=request-reason]").send_keys("logs of the staging cluster")
            app.find_element(By.CSS_SELECTOR, "[data-testid=request-send]").click()
            errors = wait(app).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=request-errors]"))
            assert "name is required" in errors.text and "access_log_bucket is required" in errors.text, errors.text
            screenshot(app, "requests-form")
            app.find_element(By.CSS_SELECTOR, "[data-testid=request-field-name] input").send_keys("staging-logs")
            app.find_element(By.CSS_SELECTOR, "[data-testid=request-field-access_log_bucket] input").send_keys("org-access-logs")
            app.find_element(By.CSS_SELECTOR, "[data-testid=request-send]").click()

            def mine():
                _, listed = http("GET", f"{base}/v1/workspaces/{ws}/requests", server["bob"])
                return [r for r in listed["requests"] if r["requester_name"] == "alice"]

            deadline = time.monotonic() + 20
            while not mine():
                assert time.monotonic() < deadline, "alice's request did not reach the server"
                time.sleep(0.2)
            (own,) = mine()
            assert own["module"] == "aws/s3-bucket" and own["environment"] == "staging"
            assert own["variables"] == {"name": "staging-logs", "access_log_bucket": "org-access-logs"}, own
            wait(app, 20).until(lambda d: len(cards(d)) == 2)
            screenshot(app, "requests-list")
        finally:
            app.quit()
