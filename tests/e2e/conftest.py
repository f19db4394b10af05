"""End-to-end harness: the real desktop binary driven through tauri-driver + WebKitWebDriver.

Needs: an X display (Xvfb is started here when DISPLAY is unset), `tauri-driver` on PATH (or
$TAURI_DRIVER), the app built with the `custom-protocol` feature ($TERRAORBIS_APP, default
$CARGO_TARGET_DIR/debug/terraorbis). Screenshots go to $CARGO_TARGET_DIR/e2e-screenshots.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
import urllib3
from selenium import webdriver
from selenium.webdriver.common.options import ArgOptions

TARGET_DIR = Path(os.environ.get("CARGO_TARGET_DIR", Path.home() / ".cache/terraorbis/target"))
APP = Path(os.environ.get("TERRAORBIS_APP", TARGET_DIR / "debug" / "terraorbis"))
SHOTS = TARGET_DIR / "e2e-screenshots"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout}s")


@pytest.fixture(scope="session")
def display():
    if os.environ.get("DISPLAY"):
        yield os.environ["DISPLAY"]
        return
    number = 90 + os.getpid() % 9
    xvfb = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    yield f":{number}"
    xvfb.terminate()
    xvfb.wait(timeout=10)


@pytest.fixture(scope="session")
def profile_dirs():
    """A fresh user profile for the whole run: first launch opens the demo workspace, and a
    second session sees what the first one saved (settings survive a restart)."""
    root = Path(tempfile.mkdtemp(prefix="orbis-e2e-"))
    yield {"XDG_DATA_HOME": str(root / "data"), "XDG_CONFIG_HOME": str(root / "config")}
    shutil.rmtree(root, ignore_errors=True)


@contextlib.contextmanager
def tauri_driver(display, profile_dirs, extra_env=None, wrapper=(), log_name="tauri-driver.log"):
    """A tauri-driver whose apps inherit its environment: `extra_env` (e.g. a fixture AWS
    config) and an optional `wrapper` command it runs under (e.g. a private Secret Service).
    Yields its URL."""
    if not APP.is_file():
        pytest.fail(f"app binary {APP} is missing: build it with `cargo build -p terraorbis --features custom-protocol`")
    binary = os.environ.get("TAURI_DRIVER") or shutil.which("tauri-driver") or str(Path.home() / ".cargo/bin/tauri-driver")
    port = free_port()
    native = free_port()
    env = {**os.environ, "DISPLAY": display, **profile_dirs, "TF_CLI_CONFIG_FILE": "/dev/null", **(extra_env or {})}
    log = open(TARGET_DIR / log_name, "wb")
    # Under a wrapper, the driver is a grandchild: its own process group ends it with the wrapper.
    proc = subprocess.Popen(
        [*wrapper, binary, "--port", str(port), "--native-port", str(native)],
        env=env, stdout=log, stderr=log, start_new_session=bool(wrapper),
    )
    try:
        wait_for_port(port, 20)
        yield f"http://127.0.0.1:{port}"
    finally:
        if wrapper:
            os.killpg(proc.pid, signal.SIGTERM)
        else:
            proc.terminate()
        proc.wait(timeout=10)
        log.close()


@pytest.fixture(scope="session")
def driver_url(display, profile_dirs):
    with tauri_driver(display, profile_dirs) as url:
        yield url


def start_app(driver_url: str, args=()):
    options = ArgOptions()
    options.set_capability("tauri:options", {"application": str(APP), "args": list(args)})
    options.set_capability("browserName", "wry")
    # tauri-driver once dropped the new-session request without an answer (CI, 2026-11-28,
    # test_clusters_usage, before the app ran; the same test passed on three reruns and its
    # cause was not found). One more try after a pause; a second failure is the test's.
    try:
        return webdriver.Remote(command_executor=driver_url, options=options)
    except urllib3.exceptions.ProtocolError:
        time.sleep(1)
        return webdriver.Remote(command_executor=driver_url, options=options)


@pytest.fixture
def app(driver_url):
    driver = start_app(driver_url)
    driver.implicitly_wait(0)
    yield driver
    driver.quit()


def screenshot(driver, name: str) -> Path:
    """Saves a PNG after two animation frames, so it shows what was just rendered."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "requestAnimationFrame(() => requestAnimationFrame(() => done(true)));"
    )
    path = SHOTS / f"{name}.png"
    driver.save_screenshot(str(path))
    assert path.stat().st_size > 10_000, f"screenshot {path} is suspiciously small"
    return path
