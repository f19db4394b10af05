"""The cross-cloud inventory table as a user meets it, with a moto-backed AWS account: from
the State Explorer, "Compare with cloud…" opens Inventory & Drift; "All resources" shows the
table, Scan lists the account (EC2, RDS, IAM, ELBv2, Lambda seeded by the cloud crate's
moto_seed.py), each row with its region, account, tags and a monthly cost where the cost
engine prices the type; the scope says how old it is and refreshes; the search narrows the
rows; after a drift scan of the demo state the table says what no state manages."""

import json
import os
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from conftest import free_port, screenshot, start_app, tauri_driver
from test_editor import copy_demo, wait

ROOT = Path(__file__).resolve().parents[2]
VENV = Path.home() / ".cache/terraorbis/venv/bin"


@pytest.fixture(scope="module")
def moto():
    program = Path(os.environ.get("ORBIS_MOTO_SERVER", VENV / "moto_server"))
    assert program.is_file(), f"moto is not installed ({program}): run .ci/install"
    port = free_port()
    proc = subprocess.Popen([str(program), "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(f"{url}/moto-api/", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        assert time.monotonic() < deadline, "moto did not start within 90 s"
        time.sleep(0.2)
    seed = subprocess.run(
        [str(VENV / "python"), str(ROOT / "crates/cloud/tests/moto_seed.py"), url, "eu-west-1", "services"],
        capture_output=True, text=True, check=True,
    )
    yield url, json.loads(seed.stdout)
    proc.terminate()
    proc.wait(timeout=10)


def table_rows(driver):
    return driver.execute_script(
        "return [...document.querySelectorAll('[data-testid=inventory-row]')].map((r) => [...r.cells].map((c) => c.textContent))"
    )


def test_inventory_table_lists_the_moto_account(display, profile_dirs, moto, tmp_path):
    url, _seeded = moto
    env = {
        "AWS_ACCESS_KEY_ID": "AKIAORBISTESTKEY1234",
        "AWS_SECRET_ACCESS_KEY": "orbisFAKEsecretKEYdoNOTleak0123456789abcd",
        "AWS_ENDPOINT_URL": url,
        "AWS_REGION": "eu-west-1",
        "AWS_PROFILE": "",
        "AWS_CONFIG_FILE": str(tmp_path / "no-aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "no-aws-credentials"),
    }
    ws = copy_demo(tmp_path)
    with tauri_driver(display, profile_dirs, env, log_name="tauri-driver-inventory.log") as driver_url:
        app = start_app(driver_url, [str(ws)])
        try:
            wait(app, 30).until(EC.presence_of_element_located((By.CSS_SELECTOR, '[role=treeitem][data-path="main.tf"]')))
            state_row = '[role=treeitem][data-path="terraform.tfstate"]'
            if not app.find_elements(By.CSS_SELECTOR, state_row):
                box = app.find_element(By.XPATH, "//label[contains(., 'Show ignored files')]//input")
                if not box.is_selected():
                    box.click()
            wait(app).until(EC.element_to_be_clickable((By.CSS_SELECTOR, state_row))).click()
            wait(app).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid=state-compare]"))).click()
            try:
                wait(app).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid=drift-mode-inventory]"))).click()
            except Exception:
                screenshot(app, "inventory-open-failed")
                raise
            wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=inventory-table]")))
            wait(app).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid=inventory-scan]"))).click()
            try:
                wait(app, 60).until(lambda d: len(table_rows(d)) > 10)
            except Exception:
                screenshot(app, "inventory-table-failed")
                raise
            rows = table_rows(app)
            by_id = {r[2]: r for r in rows}
            db = by_id["orbis-main"]
            assert db[0] == "aws_db_instance" and db[3] == "eu-west-1" and db[4] == "123456789012", db
            assert "Owner=data" in db[5], db
            assert db[6].startswith("$"), db
            assert by_id["orbis-deploy"][3] == "global" and by_id["orbis-deploy"][6] == "—"
            assert any(r[0] == "aws_lambda_function" for r in rows)
            assert any(r[0] == "aws_lb_target_group" for r in rows)
            scope = app.find_element(By.CSS_SELECTOR, "[data-testid=inventory-scope]").text
            assert "AWS" in scope and "just now" in scope, scope
            body = app.execute_script("return document.body.innerText")
            assert "orbisFAKEsecret" not in body
            screenshot(app, "45-inventory-table")

            # Search narrows; Refresh scans the scope again.
            search = app.find_element(By.CSS_SELECTOR, "[data-testid=inventory-search]")
            search.send_keys("owner=data")
            wait(app).until(lambda d: {r[0] for r in table_rows(d)} == {"aws_db_instance"})
            assert len(table_rows(app)) == 3
            app.find_element(By.CSS_SELECTOR, "[data-testid=inventory-refresh]").click()
            wait(app, 60).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=inventory-refresh]").text == "Refresh")
            assert len(table_rows(app)) == 3
            screenshot(app, "46-inventory-table-search")

            # A drift scan of the demo state against the same account: none of its resources
            # is in the account, so the table says nothing here is managed.
            totals = lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=inventory-totals]").text
            assert "run a drift scan" in totals(app)
            app.find_element(By.CSS_SELECTOR, "[data-testid=drift-mode-drift]").click()
            wait(app).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid=drift-scan]"))).click()
            wait(app, 60).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=drift-count-missing]")))
            app.find_element(By.CSS_SELECTOR, "[data-testid=drift-mode-inventory]").click()
            wait(app).until(lambda d: "0 managed" in totals(d))
            assert all(r[7] == "" for r in table_rows(app))
        finally:
            app.quit()
