"""Plan Review in the desktop app: the demo's sample plan opened from the tree (summary,
filters, the replaced instance's diff, risk and policy), a broken plan's error, and a
20,000-change plan staying virtualized. The demo's sensitive password must never reach the
webview."""

import copy
import json
import os
import subprocess
import time
from pathlib import Path

from selenium.webdriver.common.by import By

from conftest import SHOTS, screenshot, start_app
from test_desktop import invoke, row, tree_names, wait

DEMO_PASSWORD = "demo-only-not-a-real-password"
SAMPLE = "plans/sample-plan.json"
DEMO_SAMPLE = Path(__file__).parents[2] / "crates/app/demo-workspace" / SAMPLE


def text_of(driver, testid):
    return driver.execute_script(
        "const e = document.querySelector(`[data-testid=\"${arguments[0]}\"]`); return e ? e.textContent : ''",
        testid,
    )


def listed_addresses(driver):
    return driver.execute_script(
        "return [...document.querySelectorAll('[role=treeitem][data-address]')].map((e) => e.dataset.address)"
    )


def change_row(driver, address):
    return wait(driver).until(
        lambda d: d.find_element(By.CSS_SELECTOR, f'[role=treeitem][data-address="{address}"]')
    )


def open_sample_plan(driver):
    wait(driver).until(lambda d: "main.tf" in tree_names(d))
    row(driver, "plans").click()
    started = time.monotonic()
    row(driver, SAMPLE).click()
    wait(driver).until(lambda d: "Dangerous" in text_of(d, "plan-verdict"))
    shown = time.monotonic() - started
    # Second step: the policies' results replace "checking policies…".
    wait(driver, 30).until(lambda d: "highest risk: critical" in text_of(d, "plan-verdict"))
    checked = time.monotonic() - started
    return shown, checked


def test_review_the_demo_sample_plan(driver_url):
    # `--demo`: earlier tests leave other folders as the last workspace, which a plain launch reopens.
    app = start_app(driver_url, args=["--demo"])
    try:
        review_the_demo_sample_plan(app)
    finally:
        app.quit()


def review_the_demo_sample_plan(app):
    shown, checked = open_sample_plan(app)
    for testid, expected in [
        ("plan-count-create", "2 create"),
        ("plan-count-update", "2 update"),
        ("plan-count-delete", "1 delete"),
        ("plan-count-replace", "1 replace"),
        ("plan-count-read", "0 read"),
        ("plan-count-no_op", "1 no-op"),
    ]:
        assert expected in text_of(app, testid), (testid, text_of(app, testid))
    assert "Plan Review" in app.execute_script("return document.querySelector('[role=tab][aria-selected=true]').textContent")
    policy = text_of(app, "policy-panel")
    assert "1 deny" in policy and "4 passed" in policy, policy
    assert "port 22 is open to the internet" in policy and "no_open_admin_ports" in policy
    # The riskiest change is shown first: the security group opening SSH to the internet.
    wait(app).until(lambda d: "aws_security_group.web" in text_of(d, "change-detail"))
    assert "newly opens admin port(s) 22" in text_of(app, "risk-panel")
    # Lint on the planned values and the monthly cost delta (bundled catalog, no usage file).
    lint_count = text_of(app, "plan-lint-count")
    assert lint_count.startswith("5") and "lint" in lint_count, lint_count
    assert "+$41.46/mo" in text_of(app, "plan-cost"), text_of(app, "plan-cost")
    assert "ORB-AWS-001" in text_of(app, "lint-panel") and "SSH" in text_of(app, "lint-panel")
    assert "Free" in text_of(app, "cost-panel")
    shot = screenshot(app, "10-plan-review-demo")

    app.find_element(By.CSS_SELECTOR, "[data-testid=filter-destroys]").click()
    wait(app).until(lambda d: len(listed_addresses(d)) == 2)
    assert listed_addresses(app) == ["aws_instance.web", "module.network.aws_cloudwatch_log_group.old_flow"]
    assert text_of(app, "plan-shown") == "2 of 7"
    change_row(app, "aws_instance.web").click()
    wait(app).until(lambda d: "aws_instance.web" in text_of(d, "change-detail"))
    detail = text_of(app, "change-detail")
    assert "replace (destroy, then create)" in detail
    assert '"t3.small"' in detail and '"t3.medium"' in detail
    assert "(known after apply)" in detail
    risk = text_of(app, "risk-panel")
    assert "medium" in risk and "downtime" in risk, risk
    assert "ORB-AWS-025" in text_of(app, "lint-panel") and "IMDSv1" in text_of(app, "lint-panel")
    assert text_of(app, "cost-delta") == "+$16.64/mo", text_of(app, "cost-panel")
    assert "$18.40" in text_of(app, "cost-panel") and "$35.05" in text_of(app, "cost-panel")
    screenshot(app, "11-plan-review-replace-diff")
    # The same view in the dark theme (what View → Toggle Theme applies), for the eye.
    app.execute_script("document.documentElement.dataset.theme = 'dark'")
    screenshot(app, "15-plan-review-dark")
    app.execute_script("delete document.documentElement.dataset.theme")

    # Only risky: the denied, critical security group.
    app.find_element(By.CSS_SELECTOR, "[data-testid=filter-destroys]").click()
    app.find_element(By.CSS_SELECTOR, "[data-testid=filter-risky]").click()
    wait(app).until(lambda d: listed_addresses(d) == ["aws_security_group.web"])

    # The plan's sensitive values never reach the webview: not in the DOM, not through read_file.
    assert DEMO_PASSWORD not in app.page_source
    as_file = invoke(app, "read_file", {"path": SAMPLE})["ok"]
    assert as_file["plan"] is True and as_file["text"] == ""
    detail_of_db = invoke(app, "plan_change", {"index": 4})["ok"]
    assert detail_of_db["address"] == "aws_db_instance.app" and DEMO_PASSWORD not in json.dumps(detail_of_db)
    # …and the webview cannot point Plan Review at files outside the workspace.
    for attempt in ["/etc/passwd", "../../../../etc/passwd"]:
        refused = invoke(app, "open_plan", {"path": attempt})
        assert refused.get("err", {}).get("code") == "outside_workspace", refused
    print(f"demo plan: review shown {shown:.2f}s after the click, policies done {checked:.2f}s; screenshot {shot}")


def test_a_broken_plan_shows_the_engines_message_and_hint(driver_url, tmp_path):
    ws = tmp_path / "broken-plans"
    ws.mkdir()
    sample = DEMO_SAMPLE.read_bytes()
    assert DEMO_PASSWORD.encode() in sample
    (ws / "truncated-plan.json").write_bytes(sample[: len(sample) // 2])
    driver = start_app(driver_url, args=[str(ws)])
    try:
        row(driver, "truncated-plan.json").click()
        alert = wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "[role=alert]"))
        message = alert.text
        assert "truncated-plan.json is cut short" in message and "[plan.truncated]" in message, message
        assert "regenerate it" in message.lower(), message
        # Half a plan still holds the password in clear: it must not have been sent to the editor.
        assert DEMO_PASSWORD not in driver.page_source
        screenshot(driver, "12-plan-review-broken-plan")
    finally:
        driver.quit()


def big_plan(changes: int) -> dict:
    """The demo's changes replicated over 40 modules with unique addresses (~1 KB each)."""
    doc = json.loads(DEMO_SAMPLE.read_text())
    base = doc["resource_changes"]
    out = []
    for i in range(changes):
        rc = copy.deepcopy(base[i % len(base)])
        module = f"module.svc{i % 40:02d}"
        local = rc["address"].split(".", 2)[-1] if rc["address"].startswith("module.") else rc["address"]
        rtype, name = local.split(".", 1)
        rc["address"] = f"{module}.{rtype}.{name}_{i}"
        rc["module_address"] = module
        rc["name"] = f"{name}_{i}"
        out.append(rc)
    doc["resource_changes"] = out
    return doc


def test_a_plan_of_twenty_thousand_changes_stays_virtualized(driver_url, tmp_path):
    ws = tmp_path / "big-plan"
    ws.mkdir()
    plan = big_plan(20_000)
    (ws / "plan.json").write_text(json.dumps(plan))
    size_mb = (ws / "plan.json").stat().st_size / 1e6
    driver = start_app(driver_url, args=[str(ws)])
    try:
        started = time.monotonic()
        row(driver, "plan.json").click()
        try:
            wait(driver, 120).until(lambda d: "resource changes" in text_of(d, "plan-summary"))
        finally:
            screenshot(driver, "13-plan-review-20k-first-view")
        assert "20,000 resource changes" in text_of(driver, "plan-summary"), text_of(driver, "plan-summary")
        shown = time.monotonic() - started
        assert "5,715 update" in text_of(driver, "plan-count-update")
        rendered = driver.execute_script("return document.querySelectorAll('.plan-row').length")
        assert rendered < 200, f"{rendered} tree rows in the DOM: the change tree is not virtualized"
        # Scroll to the end of 20,000 rows (+ groups): the last module's last change appears.
        scroll_started = time.monotonic()
        driver.execute_script("const t = document.querySelector('.plan-tree'); t.scrollTop = t.scrollHeight;")
        # The tree's order: modules by name, types by name, then plan order.
        last = max(
            (rc["module_address"], rc["type"], i, rc["address"]) for i, rc in enumerate(plan["resource_changes"])
        )[3]
        change_row(driver, last).click()
        wait(driver).until(lambda d: last in text_of(d, "change-detail"))
        scrolled = time.monotonic() - scroll_started
        wait(driver, 300).until(lambda d: "highest risk" in text_of(d, "plan-verdict"))
        checked = time.monotonic() - started
        status = text_of(driver, "status-bar")
        screenshot(driver, "14-plan-review-20k-changes")
        print(
            f"{size_mb:.1f} MB plan of 20,000 changes: review shown {shown:.2f}s after the click, "
            f"end of tree + detail {scrolled:.2f}s, policies done {checked:.2f}s, {rendered} rows in DOM; {status}"
        )
    finally:
        driver.quit()


def native_dialog(display, title):
    """Waits for a visible native dialog with this title and returns a function sending it
    keys (no window manager under Xvfb: focus it ourselves before each key)."""
    env = {**os.environ, "DISPLAY": display}

    def windows():
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", f"^{title}$"], env=env, capture_output=True, text=True)
        return found.stdout.split()

    deadline = time.monotonic() + 15
    while not windows() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert windows(), f"no '{title}' dialog appeared"
    time.sleep(1.0)  # the GTK chooser ignores keys until it has finished loading

    def send(*args):
        shown = windows()
        if shown:
            subprocess.run(["xdotool", "windowfocus", "--sync", shown[-1]], env=env, check=False)
            subprocess.run(["xdotool", *args], env=env, check=True)

    def confirm():
        # Return right after typing can go to the chooser's completion popup: retry until the
        # dialog closes.
        deadline = time.monotonic() + 10
        while windows() and time.monotonic() < deadline:
            time.sleep(0.7)
            send("key", "Return")
        assert not windows(), f"the '{title}' dialog did not close"

    send.confirm = confirm
    return send, windows


def test_open_plan_and_export_through_the_native_dialogs(driver_url, display, tmp_path):
    """A plan outside the workspace opens through the native Open Plan dialog (the only way a
    path outside the workspace gets in), and both exports are written where the save dialog
    says, redacted."""
    ws = tmp_path / "empty-workspace"
    ws.mkdir()
    (ws / "notes.txt").write_text("nothing here\n")  # no main.tf/README.md: the welcome page shows
    elsewhere = tmp_path / "downloads"
    elsewhere.mkdir()
    (elsewhere / "ci-plan.json").write_bytes(DEMO_SAMPLE.read_bytes())
    driver = start_app(driver_url, args=[str(ws)])
    try:
        link = wait(driver).until(lambda d: d.find_element(By.XPATH, "//button[contains(., 'open a plan file')]"))
        link.click()
        send, windows = native_dialog(display, "Open Plan")
        send("key", "ctrl+l")
        send("type", "--delay", "20", str(elsewhere / "ci-plan.json"))
        subprocess.run(["import", "-window", "root", str(SHOTS / "17-open-plan-dialog.png")], env={**os.environ, "DISPLAY": display}, check=False)
        send.confirm()
        wait(driver, 30).until(lambda d: "highest risk: critical" in text_of(d, "plan-verdict"))
        assert str(elsewhere / "ci-plan.json") in text_of(driver, "plan-summary")

        for label, name, marker in [("Markdown", "review.md", "Plan review"), ("HTML", "review.html", "<html")]:
            driver.find_element(By.XPATH, f"//button[normalize-space()='Export {label}']").click()
            send, windows = native_dialog(display, f"Export Plan Review as {label}")
            target = tmp_path / "exports" / name
            target.parent.mkdir(exist_ok=True)
            send("key", "ctrl+a")
            send("type", "--delay", "20", str(target))
            send.confirm()
            wait(driver, 15).until(lambda d: f"Saved {target}" in text_of(d, "plan-summary"))
            written = target.read_text()
            assert marker.lower() in written.lower() and "aws_security_group.web" in written, written[:300]
            assert DEMO_PASSWORD not in written
        screenshot(driver, "16-plan-review-exported")
    finally:
        driver.quit()
