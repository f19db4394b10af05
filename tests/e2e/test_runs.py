"""Runs in the desktop app with the real terraform: plan a temp workspace (terraform_data +
local-exec, no provider download), watch the live log and the summary, open the plan in Plan
Review, confirm it, apply it (live progress while the provisioner runs), and find both runs
in the history. Without `terraform` on PATH this fails and says so."""

import shutil

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from conftest import screenshot, start_app
from test_desktop import tree_names, wait

MAIN_TF = """
resource "terraform_data" "web" {
  input = "e2e"
  provisioner "local-exec" {
    command = "echo provisioned-e2e; sleep 3"
  }
}
"""


def text_of(driver, testid):
    return driver.execute_script(
        "const e = document.querySelector(`[data-testid=\"${arguments[0]}\"]`); return e ? e.textContent : ''",
        testid,
    )


def log_lines(driver):
    return driver.execute_script(
        "return [...document.querySelectorAll('[data-testid=run-log-line]')].map((e) => e.textContent)"
    )


def history(driver):
    return driver.execute_script(
        "return [...document.querySelectorAll('[data-testid=run-history-row]')]"
        ".map((e) => [e.dataset.operation, e.dataset.status])"
    )


def click(driver, testid, timeout=15):
    el = wait(driver, timeout).until(lambda d: d.find_element(By.CSS_SELECTOR, f'[data-testid="{testid}"]'))
    wait(driver, timeout).until(lambda d: el.is_enabled())
    el.click()
    return el


def test_plan_review_confirm_apply_and_history(driver_url, tmp_path):
    terraform = shutil.which("terraform")
    assert terraform, (
        "test_runs needs `terraform` (1.x) on PATH: the Runs view drives the real binary. "
        "Install it from https://developer.hashicorp.com/terraform/install"
    )
    ws = tmp_path / "runs-ws"
    ws.mkdir()
    (ws / "main.tf").write_text(MAIN_TF)
    driver = start_app(driver_url, args=[str(ws)])
    try:
        wait(driver).until(lambda d: "main.tf" in tree_names(d))
        click(driver, "status-runs")
        wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, '[data-testid="runs-panel"]'))

        # Plan: live log lines, then the finished summary.
        assert Select(driver.find_element(By.CSS_SELECTOR, '[data-testid="run-command"]')).first_selected_option.get_attribute("value") == "plan"
        click(driver, "run-start")
        wait(driver, 90).until(lambda d: "plan succeeded" in text_of(d, "run-status"))
        assert "1 to add, 0 to change, 0 to destroy" in text_of(driver, "run-status")
        lines = log_lines(driver)
        assert lines and lines[0].startswith("$ terraform plan -json"), lines
        assert "terraform_data.web: plan to create" in lines, lines
        rows = driver.find_elements(By.CSS_SELECTOR, '[data-testid="run-resource"][data-address="terraform_data.web"]')
        assert rows and rows[0].get_attribute("data-phase") == "planned"
        # The log search narrows the lines.
        driver.find_element(By.CSS_SELECTOR, '[data-testid="run-log-search"]').send_keys("plan to")
        wait(driver).until(lambda d: log_lines(d) == ["terraform_data.web: plan to create"])
        screenshot(driver, "runs-plan-finished")
        # (WebDriver's clear() bypasses React's onChange: erase it the way a person does.)
        driver.find_element(By.CSS_SELECTOR, '[data-testid="run-log-search"]').send_keys(Keys.CONTROL, "a", Keys.BACKSPACE)
        wait(driver).until(lambda d: len(log_lines(d)) > 1)

        # Apply is not offered before the plan was confirmed in Plan Review.
        Select(driver.find_element(By.CSS_SELECTOR, '[data-testid="run-command"]')).select_by_value("apply")
        wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, '[data-testid="run-no-plan"]'))
        assert not driver.find_element(By.CSS_SELECTOR, '[data-testid="run-start"]').is_enabled()

        # Open in Plan Review, confirm.
        wait(driver).until(lambda d: history(d) == [["plan", "succeeded"]])
        click(driver, "run-open-plan")
        wait(driver, 30).until(lambda d: d.find_element(By.CSS_SELECTOR, '[data-testid="plan-review"]'))
        assert "Plan of run #" in text_of(driver, "run-approval")
        screenshot(driver, "runs-plan-review")
        click(driver, "run-approve")
        wait(driver).until(lambda d: "Confirmed" in text_of(d, "run-approval"))
        click(driver, "run-approval-go")

        # Apply: progress while the provisioner sleeps, then the end.
        wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, '[data-testid="run-plan"]'))
        assert "Plan #" in text_of(driver, "run-plan")
        click(driver, "run-start")
        wait(driver, 60).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, '[data-testid="run-resource"][data-phase="provisioning"]')
        )
        assert "running" in text_of(driver, "run-status")
        assert driver.find_element(By.CSS_SELECTOR, '[data-testid="run-cancel"]').is_displayed()
        screenshot(driver, "runs-apply-live")
        wait(driver, 90).until(lambda d: "apply succeeded" in text_of(d, "run-status"))
        assert any("provisioned-e2e" in l for l in log_lines(driver)), log_lines(driver)
        rows = driver.find_elements(By.CSS_SELECTOR, '[data-testid="run-resource"][data-address="terraform_data.web"]')
        assert rows[0].get_attribute("data-phase") == "applied"
        wait(driver).until(lambda d: history(d) == [["apply", "succeeded"], ["plan", "succeeded"]])
        # The plan's bar in Plan Review no longer invites an apply.
        wait(driver).until(lambda d: "Used by apply run #" in text_of(d, "run-approval"))
        screenshot(driver, "runs-apply-finished")
        # An applied plan is not offered again.
        wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, '[data-testid="run-no-plan"]'))

        # The saved plan (secrets in clear) never landed in the workspace.
        assert sorted(p.name for p in ws.iterdir() if p.is_file()) == ["main.tf", "terraform.tfstate"]
    finally:
        driver.quit()


SLOW_TF = """
resource "terraform_data" "slow" {
  input = "e2e"
  provisioner "local-exec" {
    command = "echo started-slow; sleep 120"
  }
}
"""


def test_cancel_interrupts_an_apply(driver_url, tmp_path):
    assert shutil.which("terraform"), "test_runs needs `terraform` (1.x) on PATH"
    ws = tmp_path / "runs-cancel-ws"
    ws.mkdir()
    (ws / "main.tf").write_text(SLOW_TF)
    driver = start_app(driver_url, args=[str(ws)])
    try:
        wait(driver).until(lambda d: "main.tf" in tree_names(d))
        click(driver, "status-runs")
        click(driver, "run-start")
        wait(driver, 90).until(lambda d: "plan succeeded" in text_of(d, "run-status"))
        click(driver, "run-open-plan")
        click(driver, "run-approve", timeout=30)
        click(driver, "run-approval-go")
        Select(driver.find_element(By.CSS_SELECTOR, '[data-testid="run-command"]')).select_by_value("apply")
        click(driver, "run-start")
        wait(driver, 60).until(lambda d: any("started-slow" in l for l in log_lines(d)))
        click(driver, "run-cancel")
        wait(driver, 60).until(lambda d: "apply interrupted" in text_of(d, "run-status"))
        assert not driver.find_elements(By.CSS_SELECTOR, '[data-testid="run-cancel"]')
        wait(driver).until(lambda d: history(d)[0] == ["apply", "interrupted"])
        # The live log follows its tail: the error at the end is in view.
        wait(driver).until(
            lambda d: d.execute_script(
                "const e = document.querySelector('.run-log');"
                "return e.scrollHeight > e.clientHeight && e.scrollHeight - e.scrollTop - e.clientHeight < 40"
            )
        )
        screenshot(driver, "runs-apply-interrupted")
        # History filtered by outcome (in Rust): only the interrupted apply.
        Select(driver.find_element(By.CSS_SELECTOR, '[data-testid="run-history-filter"]')).select_by_value("interrupted")
        wait(driver).until(lambda d: history(d) == [["apply", "interrupted"]])
    finally:
        driver.quit()
