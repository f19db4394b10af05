"""The Cost view in the desktop app: the demo workspace's monthly total in the status bar and
in the Cost tab equals `orbis cost breakdown --format json`'s, chargeback by the provider's
default_tags, a chart exported through the native save dialog as valid SVG, and a re-estimate
after a configuration file changes on disk."""

import json
import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from selenium.webdriver.common.by import By

from conftest import TARGET_DIR, screenshot, start_app
from test_desktop import wait
from test_plan_review import native_dialog, text_of

DEMO = Path(__file__).parents[2] / "crates/app/demo-workspace"
# The CLI of the same build ($ORBIS_CLI when another build may have replaced the shared one).
CLI = Path(os.environ.get("ORBIS_CLI", TARGET_DIR / "debug" / "orbis"))


def cli_total(folder: Path) -> float:
    out = subprocess.run([str(CLI), "cost", "breakdown", str(folder), "--format", "json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)["total_monthly_cost"]


def money(v: float) -> str:
    return f"${v:,.2f}"


def open_cost_tab(driver):
    wait(driver, 30).until(lambda d: "/mo" in text_of(d, "status-cost") and "…" not in text_of(d, "status-cost"))
    status = text_of(driver, "status-cost")
    driver.find_element(By.CSS_SELECTOR, "[data-testid=status-cost]").click()
    wait(driver, 30).until(lambda d: text_of(d, "cost-total").startswith("$"))
    return status


def test_the_cost_tab_shows_the_cli_total_with_chargeback_and_a_chart_export(driver_url, display, tmp_path):
    expected = cli_total(DEMO)
    driver = start_app(driver_url)
    try:
        status = open_cost_tab(driver)
        assert status == f"≈ ${round(expected):,}/mo", status
        assert text_of(driver, "cost-total") == money(expected)
        counts = text_of(driver, "cost-counts")
        assert "free" in counts and "0 unsupported" in counts, counts
        rows = driver.execute_script("return [...document.querySelectorAll('[data-testid=cost-row]')].map((r) => [r.dataset.address, r.textContent])")
        by_address = dict(rows)
        assert "usage-based — not estimated" in by_address["aws_s3_bucket.assets"]
        assert "$0.00" not in by_address["aws_s3_bucket.assets"]
        driver.find_element(By.CSS_SELECTOR, "[data-address='aws_db_instance.app'] td.mono").click()
        components = driver.execute_script("return [...document.querySelectorAll('[data-testid=cost-component]')].map((r) => r.textContent)")
        assert any("db.t4g.medium" in c and "730 hours" in c for c in components), components
        screenshot(driver, "40-cost-view-demo")

        driver.find_element(By.CSS_SELECTOR, "[data-testid=cost-section-chargeback]").click()
        driver.find_element(By.CSS_SELECTOR, "[data-testid='group-by-tag:Environment']").click()
        groups = driver.execute_script("return [...document.querySelectorAll('[data-testid=cost-group]')].map((r) => r.textContent)")
        assert len(groups) == 1 and groups[0].startswith("staging"), groups
        chart = wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=cost-chart]"))
        assert "staging" in chart.get_attribute("src")
        screenshot(driver, "41-cost-chargeback-by-environment")

        driver.find_element(By.XPATH, "//button[normalize-space()='Export SVG…']").click()
        send, windows = native_dialog(display, "Export Cost Chart as SVG image")
        target = tmp_path / "exports" / "by-env.svg"
        target.parent.mkdir()
        send("key", "ctrl+a")
        send("type", "--delay", "20", str(target))
        send.confirm()
        wait(driver, 15).until(lambda d: target.is_file() and target.stat().st_size > 0)
        root = ET.fromstring(target.read_text())
        assert root.tag.endswith("svg")
        texts = [(t.text or "").strip() for t in root.iter() if t.tag.endswith("text")]
        assert "staging" in texts and any(money(expected) in t for t in texts), texts

        driver.find_element(By.CSS_SELECTOR, "[data-testid=cost-section-history]").click()
        history = wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=cost-history]"))
        assert "estimate" in history.text
        screenshot(driver, "42-cost-history")
    finally:
        driver.quit()


def test_the_estimate_follows_configuration_changes(driver_url):
    driver = start_app(driver_url)
    extra = None
    try:
        before = open_cost_tab(driver)
        root = Path(driver.execute_script("return document.querySelector('[data-testid=status-bar] .status-item').title"))
        extra = root / "cost-e2e-extra.tf"
        extra.write_text('resource "aws_nat_gateway" "e2e" {\n  subnet_id = "subnet-e2e"\n}\n')
        expected = cli_total(root)
        wait(driver, 30).until(lambda d: text_of(d, "cost-total") == money(expected))
        assert text_of(driver, "status-cost") != before
        rows = driver.execute_script("return [...document.querySelectorAll('[data-testid=cost-row]')].map((r) => r.dataset.address)")
        assert "aws_nat_gateway.e2e" in rows
        screenshot(driver, "43-cost-after-change")
        # Dark theme: the chart is drawn with the dark palette (what View → Toggle Theme sets).
        driver.execute_script("document.documentElement.dataset.theme = 'dark'")
        driver.find_element(By.CSS_SELECTOR, "[data-testid=cost-section-chargeback]").click()
        chart = wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=cost-chart]"))
        assert "aws%2Fvpc" in chart.get_attribute("src") or "aws/vpc" in chart.get_attribute("src")
        screenshot(driver, "44-cost-chargeback-dark")
    finally:
        if extra is not None:
            extra.unlink(missing_ok=True)
        driver.quit()
