"""Destroy from the Runs panel with the real terraform: create a resource (plan, confirm in
Plan Review, apply), then "plan destroy", confirm that plan in Plan Review, and apply it — the
Destroy button stays disabled until the workspace folder's name is typed."""

import json
import shutil

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import screenshot, start_app
from test_desktop import tree_names, wait
from test_runs import click, history, text_of

MAIN_TF = """
resource "terraform_data" "web" {
  input = "e2e-destroy"
}
"""


def confirm_latest_plan(driver):
    click(driver, "run-open-plan")
    click(driver, "run-approve", timeout=30)
    wait(driver).until(lambda d: "Confirmed" in text_of(d, "run-approval"))
    click(driver, "run-approval-go")


def test_a_destroy_plan_needs_review_and_the_name_typed(driver_url, tmp_path):
    assert shutil.which("terraform"), "test_runs_destroy needs `terraform` (1.x) on PATH"
    ws = tmp_path / "destroy-ws"
    ws.mkdir()
    (ws / "main.tf").write_text(MAIN_TF)
    driver = start_app(driver_url, args=[str(ws)])
    try:
        wait(driver).until(lambda d: "main.tf" in tree_names(d))
        click(driver, "status-runs")
        click(driver, "run-start")
        wait(driver, 90).until(lambda d: "plan succeeded" in text_of(d, "run-status"))
        confirm_latest_plan(driver)
        Select(driver.find_element(By.CSS_SELECTOR, '[data-testid="run-command"]')).select_by_value("apply")
        click(driver, "run-start")
        wait(driver, 90).until(lambda d: "apply succeeded" in text_of(d, "run-status"))
        state = json.loads((ws / "terraform.tfstate").read_text())
        assert len(state["resources"]) == 1

        Select(driver.find_element(By.CSS_SELECTOR, '[data-testid="run-command"]')).select_by_value("destroy")
        click(driver, "run-start")
        wait(driver, 90).until(lambda d: "plan succeeded" in text_of(d, "run-status"))
        assert "0 to add, 0 to change, 1 to destroy" in text_of(driver, "run-status")
        wait(driver).until(lambda d: history(d)[0] == ["plan", "succeeded"])
        assert "plan -destroy" in driver.find_elements(By.CSS_SELECTOR, '[data-testid="run-history-row"]')[0].get_attribute("textContent")
        confirm_latest_plan(driver)

        Select(driver.find_element(By.CSS_SELECTOR, '[data-testid="run-command"]')).select_by_value("apply")
        wait(driver).until(lambda d: "Destroy plan #" in text_of(d, "run-plan"))
        start = driver.find_element(By.CSS_SELECTOR, '[data-testid="run-start"]')
        assert start.get_attribute("textContent") == "Destroy" and not start.is_enabled()
        box = driver.find_element(By.CSS_SELECTOR, '[data-testid="run-confirm"]')
        assert box.get_attribute("placeholder") == "Type destroy-ws to destroy"
        box.send_keys("destroy-w")
        assert not start.is_enabled()
        box.send_keys("s")
        wait(driver).until(lambda d: start.is_enabled())
        screenshot(driver, "runs-destroy-confirm")
        start.click()
        wait(driver, 90).until(lambda d: "apply succeeded" in text_of(d, "run-status"))
        state = json.loads((ws / "terraform.tfstate").read_text())
        assert state["resources"] == []
    finally:
        driver.quit()
