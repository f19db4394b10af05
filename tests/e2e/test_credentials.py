"""The Credentials tab as a user meets it: the app starts with a fixture AWS config (through
AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE / AWS_PROFILE, as a terminal would pass them),
the status bar warns that the active SSO profile is not signed in, the tab lists every profile
with its status and the exact fix command, "Check live" asks a moto server on loopback (STS)
who a profile is; and run secrets go to a private gnome-keyring, only their names come back."""

import os
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from conftest import free_port, screenshot, start_app, tauri_driver
from test_desktop import invoke, wait

ROOT = Path(__file__).resolve().parents[2]
ACCESS_KEY_ID = "AKIAORBISTESTKEY1234"
SECRET_ACCESS_KEY = "orbisFAKEsecretKEYdoNOTleak0123456789abcd"
DB_PASSWORD = "orbisFAKEdbPASSWORD-e2e-doNOTleak"


@pytest.fixture(scope="module")
def moto():
    program = Path(os.environ.get("ORBIS_MOTO_SERVER", Path.home() / ".cache/terraorbis/venv/bin/moto_server"))
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
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def aws_files(tmp: Path, moto_url: str) -> dict:
    config = tmp / "aws-config"
    config.write_text(
        "[profile dev-sso]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Admin\nregion = eu-west-1\n\n"
        f"[profile static]\nregion = eu-west-1\nendpoint_url = {moto_url}\n\n"
        "[profile settings-only]\nregion = us-west-2\n\n"
        "[sso-session corp]\nsso_start_url = https://orbis-e2e-corp.awsapps.com/start\nsso_region = eu-west-1\n"
    )
    creds = tmp / "aws-credentials"
    creds.write_text(f"[static]\naws_access_key_id = {ACCESS_KEY_ID}\naws_secret_access_key = {SECRET_ACCESS_KEY}\n")
    return {
        "AWS_CONFIG_FILE": str(config),
        "AWS_SHARED_CREDENTIALS_FILE": str(creds),
        "AWS_PROFILE": "dev-sso",
        "KUBECONFIG": str(tmp / "no-kubeconfig"),
    }


def rows(driver):
    return driver.execute_script(
        "return [...document.querySelectorAll('[data-testid=credential-row]')].map((r) => ({"
        " cloud: r.dataset.cloud, context: r.dataset.context, status: r.dataset.status, verified: r.dataset.verified,"
        " badge: r.querySelector('[data-testid=credential-status]').textContent,"
        " identity: r.querySelector('[data-testid=credential-identity]').textContent,"
        " fix: (r.querySelector('[data-testid=credential-fix]') || {}).textContent || null }))"
    )


def row_el(driver, context):
    return driver.find_element(By.CSS_SELECTOR, f'[data-testid=credential-row][data-cloud=aws][data-context="{context}"]')


def test_statuses_fix_commands_and_a_live_check(display, profile_dirs, moto, tmp_path):
    env = aws_files(tmp_path, moto)
    with tauri_driver(display, profile_dirs, env, log_name="tauri-driver-credentials.log") as url:
        app = start_app(url)
        try:
            # The status bar names the active profile and warns: not signed in.
            item = wait(app, 30).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=status-credentials]"))
            label = lambda d: d.execute_script("return document.querySelector('[data-testid=status-credentials]').textContent")
            try:
                wait(app).until(lambda d: "dev-sso" in label(d))
            except Exception:
                screenshot(app, "credentials-status-failed")
                raise AssertionError(label(app))
            assert item.get_attribute("data-warn") == "true", label(app)
            assert "expired" in label(app)
            item.click()
            wait(app).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=credentials-view]"))
            wait(app).until(lambda d: len(rows(d)) >= 3)
            by = {(r["cloud"], r["context"]): r for r in rows(app)}
            sso = by[("aws", "dev-sso")]
            assert sso["status"] == "expired" and sso["fix"] == "aws sso login --profile dev-sso", sso
            assert sso["identity"] == "role Admin in account 111122223333"
            static = by[("aws", "static")]
            assert static["status"] == "ok" and static["badge"] == "configured" and static["verified"] == "false", static
            assert static["identity"] == "access key AKIA…1234"
            settings = by[("aws", "settings-only")]
            assert settings["status"] == "missing" and settings["fix"] == "aws configure --profile settings-only"
            assert by[("kubernetes", "")]["status"] == "missing"
            assert {c for c, _ in by} == {"aws", "azure", "gcp", "kubernetes"}
            assert row_el(app, "dev-sso").find_elements(By.CSS_SELECTOR, ".tag")  # "active"
            body = app.execute_script("return document.body.innerText")
            assert SECRET_ACCESS_KEY not in body and ACCESS_KEY_ID not in body
            screenshot(app, "credentials-offline")

            # Check live: STS on the moto server says who the static key is.
            row_el(app, "static").find_element(By.CSS_SELECTOR, "[data-testid=credential-check-live]").click()
            wait(app, 40).until(lambda d: {(r["cloud"], r["context"]): r for r in rows(d)}[("aws", "static")]["verified"] == "true")
            static = {(r["cloud"], r["context"]): r for r in rows(app)}[("aws", "static")]
            assert static["badge"] == "works" and static["identity"] == "arn:aws:sts::123456789012:user/moto (account 123456789012)", static
            # Copy puts the exact fix command on the clipboard.
            row_el(app, "dev-sso").find_element(By.CSS_SELECTOR, "[data-testid=credential-copy]").click()
            wait(app).until(lambda d: row_el(d, "dev-sso").find_element(By.CSS_SELECTOR, "[data-testid=credential-copy]").text == "Copied")
            screenshot(app, "credentials-live-checked")

            # Closing the tab leaves the status bar item to open it again (View → Credentials,
            # a native menu item WebDriver cannot click, is covered by App.test.tsx).
            app.find_element(By.CSS_SELECTOR, '[aria-label="Close Credentials"]').click()
            wait(app).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "[data-testid=credentials-view]"))
            app.find_element(By.CSS_SELECTOR, "[data-testid=status-credentials]").click()
            wait(app).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=credentials-view]"))
        finally:
            app.quit()


def test_run_secrets_go_to_the_keychain_and_only_names_come_back(display, profile_dirs, tmp_path):
    ws = tmp_path / "secrets-ws"
    ws.mkdir()
    (ws / "main.tf").write_text('variable "db_password" {\n  type      = string\n  sensitive = true\n}\n')
    wrapper = ["bash", str(ROOT / "tests/keyring/with-secret-service")]
    with tauri_driver(display, profile_dirs, {}, wrapper=wrapper, log_name="tauri-driver-secrets.log") as url:
        app = start_app(url, [str(ws)])
        try:
            wait(app, 30).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=status-credentials]")).click()
            section = wait(app).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=run-secrets]"))
            wait(app).until(lambda d: "No run secrets yet." in section.text or d.find_elements(By.CSS_SELECTOR, "[data-testid=secrets-unavailable]"))
            assert not app.find_elements(By.CSS_SELECTOR, "[data-testid=secrets-unavailable]"), section.text
            app.find_element(By.CSS_SELECTOR, "[data-testid=secret-name]").send_keys("TF_VAR_db_password")
            app.find_element(By.CSS_SELECTOR, "[data-testid=secret-value]").send_keys(DB_PASSWORD)
            app.find_element(By.CSS_SELECTOR, "[data-testid=secret-save]").click()
            wait(app, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-testid=secret-row][data-name="TF_VAR_db_password"]'))
            assert app.find_element(By.CSS_SELECTOR, "[data-testid=secret-value]").get_attribute("value") == ""
            # Only the name comes back: neither the page nor a fresh listing holds the value.
            listed = invoke(app, "run_secrets", {})
            assert listed["ok"]["names"] == ["TF_VAR_db_password"], listed
            assert DB_PASSWORD not in str(listed)
            assert DB_PASSWORD not in app.execute_script("return document.documentElement.outerHTML")
            screenshot(app, "credentials-secrets")
            app.find_element(By.CSS_SELECTOR, "[data-testid=secret-remove]").click()
            wait(app).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "[data-testid=secret-row]"))
        finally:
            app.quit()
    log = (Path(os.environ.get("CARGO_TARGET_DIR", Path.home() / ".cache/terraorbis/target")) / "tauri-driver-secrets.log").read_text(errors="replace")
    assert DB_PASSWORD not in log
