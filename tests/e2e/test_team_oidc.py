"""Single sign-on in the Team Server tab as a user meets it: a real orbis-server (SQLite) on
loopback that trusts a fake OpenID Connect provider (orbis-server's `fake_idp` example: the
tests' provider as a program), an organization whose admin added alice by her e-mail address
(no password). The app's `BROWSER` is a script that loads the sign-in URL with curl (following
the provider's redirect back to the app's loopback port) once the test lets it. Typing the
server's address offers "Sign in with SSO"; the first try is cancelled while it waits for the
browser, the second signs in and connects."""

import os
import subprocess
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from conftest import TARGET_DIR, free_port, screenshot, start_app, tauri_driver
from test_desktop import wait
from test_team import http, text_of

ROOT = Path(__file__).resolve().parents[2]
SERVER = Path(os.environ.get("ORBIS_SERVER_BIN", TARGET_DIR / "debug" / "orbis-server"))
FAKE_IDP = Path(os.environ.get("ORBIS_FAKE_IDP_BIN", TARGET_DIR / "debug" / "examples" / "fake_idp"))
PASSWORD = "correct horse battery"
CLIENT_ID = "terraorbis-desktop"


@pytest.fixture
def sso_server(tmp_path):
    assert SERVER.is_file(), f"{SERVER} is missing: cargo build -p orbis-server"
    assert FAKE_IDP.is_file(), f"{FAKE_IDP} is missing: cargo build -p orbis-server --example fake_idp"
    idp = subprocess.Popen([str(FAKE_IDP)], stdout=subprocess.PIPE, stderr=open(tmp_path / "idp.log", "wb"), text=True)
    issuer = idp.stdout.readline().strip()
    assert issuer.startswith("http://127.0.0.1:"), issuer
    data = tmp_path / "server-data"
    out = subprocess.run(
        [str(SERVER), "org", "create", "--name", "acme", "--admin", "root", "--data", str(data)],
        env={**os.environ, "ORBIS_ADMIN_PASSWORD": PASSWORD}, capture_output=True, text=True,
    )
    assert out.returncode == 0, out.stderr
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(tmp_path / "server.log", "wb")
    proc = subprocess.Popen(
        [str(SERVER), "--listen", f"127.0.0.1:{port}", "--data", str(data),
         "--oidc-issuer", issuer, "--oidc-client-id", CLIENT_ID],
        stdout=log, stderr=log)
    deadline = time.monotonic() + 30
    while True:
        try:
            if http("GET", f"{base}/healthz")[0] == 200:
                break
        except OSError:
            pass
        assert time.monotonic() < deadline and proc.poll() is None, (tmp_path / "server.log").read_text()
        time.sleep(0.05)
    root = http("POST", f"{base}/v1/sessions", body={"org": "acme", "username": "root", "password": PASSWORD})[1]["token"]
    team = http("POST", f"{base}/v1/teams", root, {"name": "platform"})[1]["id"]
    ws = http("POST", f"{base}/v1/workspaces", root, {"team_id": team, "name": "prod-network", "metadata": {}})[1]["id"]
    status, alice = http("POST", f"{base}/v1/users", root, {"username": "alice@example.com"})
    assert status == 200, alice
    assert http("PUT", f"{base}/v1/workspaces/{ws}/members/{alice['id']}", root, {"role": "approver"})[0] == 204
    yield {"base": base, "root": root}
    for p in (proc, idp):
        if p.poll() is None:
            p.terminate()
            p.wait(timeout=10)
    log.close()


def test_sign_in_with_sso_through_the_browser(display, profile_dirs, sso_server, tmp_path):
    gate, drop = tmp_path / "browser-may-go", tmp_path / "browser-give-up"
    browser = tmp_path / "browser.sh"
    # Waits until the test lets it (or tells it to give up), then does what a browser does
    # with the URL: load it and follow the provider's redirect to the app's loopback port.
    browser.write_text(
        f'#!/bin/sh\nwhile [ ! -f "{gate}" ]; do [ -f "{drop}" ] && exit 0; sleep 0.1; done\n'
        'exec curl -sSL --max-time 30 -o /dev/null "$1"\n')
    browser.chmod(0o755)
    wrapper = ["bash", str(ROOT / "tests/keyring/with-secret-service")]
    with tauri_driver(display, profile_dirs, {"BROWSER": str(browser)}, wrapper=wrapper, log_name="tauri-driver-team-oidc.log") as url:
        app = start_app(url)
        try:
            item = wait(app, 30).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=status-team]"))
            item.click()
            wait(app).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=team-connect]"))
            assert not app.find_elements(By.CSS_SELECTOR, "[data-testid=team-sso-button]"), "no SSO before an address"
            app.find_element(By.CSS_SELECTOR, "[data-testid=team-url]").send_keys(sso_server["base"])
            button = wait(app, 15).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=team-sso-button]"))
            assert "127.0.0.1" in text_of(app, "team-sso")
            screenshot(app, "team-sso-offered")

            # First try: the browser does not come back yet; the tab says it waits; Cancel.
            button.click()
            waiting = wait(app, 15).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=team-sso-waiting]"))
            assert "Waiting for your browser" in waiting.text
            screenshot(app, "team-sso-waiting")
            app.find_element(By.CSS_SELECTOR, "[data-testid=team-sso-cancel]").click()
            wait(app, 15).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=team-sso-cancelled]"))
            assert not app.find_elements(By.CSS_SELECTOR, ".banner"), "a cancel is not an error"

            # Second try: the browser goes through; the app connects as alice. (The first
            # try's browser gives up first: its sign-in is over.)
            drop.touch()
            time.sleep(0.5)
            drop.unlink()
            gate.touch()
            app.find_element(By.CSS_SELECTOR, "[data-testid=team-sso-button]").click()
            wait(app, 60).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=team-status]"))
            assert text_of(app, "team-server") == sso_server["base"]
            assert text_of(app, "team-workspace") == "prod-network"
            account = app.find_element(By.CSS_SELECTOR, "[data-testid=team-status] tbody tr:nth-child(2)").text.lower()
            assert "alice@example.com" in account and "acme" in account and "approver" in account, account
            wait(app, 30).until(lambda d: text_of(d, "status-team") == "⇅ Team: synced")
            screenshot(app, "team-sso-connected")
            # The server audited an OIDC sign-in for her.
            _, audit = http("GET", f"{sso_server['base']}/v1/audit", sso_server["root"])
            methods = [e["detail"].get("method") for e in audit["entries"] if e["action"] == "session.create"]
            assert methods.count("oidc") == 1, audit
        finally:
            app.quit()
