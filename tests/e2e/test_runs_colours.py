"""Runs in the desktop app with the real terraform: a provisioner prints ANSI colours (bold,
standard, 256-colour, truecolor, underline); the live log and the stored log of the history
draw them as styled spans, never as raw escape codes, and the log search matches the visible
text. Then the history filters: environment, operation, text. Without `terraform` on PATH this
fails and says so."""

import shutil

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from conftest import screenshot, start_app
from test_desktop import tree_names, wait
from test_runs import click, history, log_lines, text_of

MAIN_TF = r"""
variable "label" {
  default = "none"
}

resource "terraform_data" "paint" {
  input = var.label
  provisioner "local-exec" {
    command = "printf '\\033[1;32mgreen-bold\\033[0m \\033[38;5;208morange\\033[0m \\033[38;2;10;120;200mtruecolor\\033[0m \\033[4munderlined\\033[24m \\033[91mbright-red\\033[0m\\n'"
  }
}
"""

ORBIS_TOML = """
[runs.environments.dev]
var_files = ["dev.tfvars"]
"""

# What the page shows of the coloured line: its spans' text and inline styles, and whether any
# escape code is left anywhere in the log.
SPANS_JS = """
const lines = [...document.querySelectorAll('[data-testid=run-log-line]')];
// (The provisioner's "Executing: printf '\\033[1;32m…'" line shows the command's own text,
// backslashes and all: that is visible text, not an escape code.)
const line = lines.find((l) => l.textContent.includes('green-bold orange'));
const raw = lines.some((l) => l.textContent.includes('\\u001b') || l.innerHTML.includes('\\u001b'))
  || (line !== undefined && /\\[[0-9;]*m/.test(line.textContent));
if (!line) return {raw, spans: null};
const lineColor = getComputedStyle(line).color;
const spans = [...line.querySelectorAll('span.ansi')].map((s) => ({
  text: s.textContent, color: s.style.color, weight: s.style.fontWeight, deco: s.style.textDecoration,
  computed: getComputedStyle(s).color, differs: getComputedStyle(s).color !== lineColor,
}));
return {raw, spans, text: line.textContent};
"""


def spans_of(driver):
    return driver.execute_script(SPANS_JS)


def check_colours(result):
    assert result["spans"] is not None, "no coloured line in the log"
    assert not result["raw"], "raw escape codes shown in the log"
    assert "green-bold orange truecolor underlined bright-red" in result["text"], result
    by_text = {s["text"]: s for s in result["spans"]}
    green = by_text["green-bold"]
    assert green["color"] == "var(--ansi-2)" and green["weight"] == "bold" and green["differs"], green
    assert by_text["orange"]["color"] == "rgb(255, 135, 0)", by_text["orange"]
    assert by_text["truecolor"]["color"] == "rgb(10, 120, 200)", by_text["truecolor"]
    assert by_text["underlined"]["deco"] == "underline", by_text["underlined"]
    assert by_text["bright-red"]["color"] == "var(--ansi-9)" and by_text["bright-red"]["differs"], by_text["bright-red"]


def history_ids(driver):
    return driver.execute_script(
        "return [...document.querySelectorAll('[data-testid=run-history-row]')].map((e) => Number(e.dataset.runId))"
    )


def set_theme(driver, theme):
    driver.execute_script("document.documentElement.dataset.theme = arguments[0]", theme)


def test_coloured_run_output_and_history_filters(driver_url, tmp_path):
    assert shutil.which("terraform"), (
        "test_runs_colours needs `terraform` (1.x) on PATH: the Runs view drives the real binary. "
        "Install it from https://developer.hashicorp.com/terraform/install"
    )
    ws = tmp_path / "colours-ws"
    ws.mkdir()
    (ws / "main.tf").write_text(MAIN_TF)
    (ws / ".orbis.toml").write_text(ORBIS_TOML)
    (ws / "dev.tfvars").write_text('label = "dev"\n')
    driver = start_app(driver_url, args=[str(ws)])
    try:
        wait(driver).until(lambda d: "main.tf" in tree_names(d))
        click(driver, "status-runs")
        wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, '[data-testid="runs-panel"]'))

        # init (no environment), then a plan for dev, confirmed in Plan Review, then its apply.
        Select(driver.find_element(By.CSS_SELECTOR, '[data-testid="run-command"]')).select_by_value("init")
        click(driver, "run-start")
        wait(driver, 90).until(lambda d: "init succeeded" in text_of(d, "run-status"))
        Select(driver.find_element(By.CSS_SELECTOR, '[data-testid="run-command"]')).select_by_value("plan")
        wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-testid="run-environment"] option[value="dev"]'))
        Select(driver.find_element(By.CSS_SELECTOR, '[data-testid="run-environment"]')).select_by_value("dev")
        click(driver, "run-start")
        wait(driver, 90).until(lambda d: "plan succeeded" in text_of(d, "run-status"))
        wait(driver).until(lambda d: history(d) == [["plan", "succeeded"], ["init", "succeeded"]])
        click(driver, "run-open-plan")
        click(driver, "run-approve", timeout=30)
        wait(driver).until(lambda d: "Confirmed" in text_of(d, "run-approval"))
        click(driver, "run-approval-go")
        Select(driver.find_element(By.CSS_SELECTOR, '[data-testid="run-command"]')).select_by_value("apply")
        wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, '[data-testid="run-plan"]'))
        click(driver, "run-start")
        wait(driver, 90).until(lambda d: "apply succeeded" in text_of(d, "run-status"))

        # The live log: the provisioner's colours as styled spans, no escape codes.
        wait(driver).until(lambda d: spans_of(d)["spans"] is not None)
        check_colours(spans_of(driver))
        set_theme(driver, "dark")
        check_colours(spans_of(driver))
        screenshot(driver, "runs-colours-dark")
        set_theme(driver, "light")
        check_colours(spans_of(driver))
        screenshot(driver, "runs-colours-light")

        # The search matches the visible text, not the codes.
        search = driver.find_element(By.CSS_SELECTOR, '[data-testid="run-log-search"]')
        # "1;32m" is in the raw coloured line's codes, but visible only in the provisioner's
        # echo of its command ("Executing: … printf '\033[1;32m…"): only that line matches.
        search.send_keys("1;32m")
        wait(driver).until(lambda d: len(log_lines(d)) == 1)
        assert "Executing" in log_lines(driver)[0], log_lines(driver)
        search.send_keys(Keys.CONTROL, "a", Keys.BACKSPACE)
        search.send_keys("orange truecolor")
        wait(driver).until(lambda d: len(log_lines(d)) == 1)
        check_colours(spans_of(driver))
        search.send_keys(Keys.CONTROL, "a", Keys.BACKSPACE)

        # The stored log in history (SQLite) keeps the colours: the same spans.
        apply_id, plan_id, init_id = history_ids(driver)
        driver.find_element(By.CSS_SELECTOR, f'[data-testid="run-history-row"][data-run-id="{apply_id}"] [data-testid="run-show-log"]').click()
        wait(driver).until(lambda d: f"Log of run #{apply_id}" in d.find_element(By.CSS_SELECTOR, ".runs-log-bar").text)
        wait(driver).until(lambda d: spans_of(d)["spans"] is not None)
        check_colours(spans_of(driver))

        # History filters: environment, operation, text; combined; then cleared.
        env = Select(driver.find_element(By.CSS_SELECTOR, '[data-testid="run-history-environment"]'))
        env.select_by_value("dev")
        wait(driver).until(lambda d: history_ids(d) == [apply_id, plan_id])
        assert "2 of 3" in text_of(driver, "run-history-count")
        Select(driver.find_element(By.CSS_SELECTOR, '[data-testid="run-history-operation"]')).select_by_value("apply")
        wait(driver).until(lambda d: history_ids(d) == [apply_id])
        screenshot(driver, "runs-history-filtered")
        Select(driver.find_element(By.CSS_SELECTOR, '[data-testid="run-history-operation"]')).select_by_value("init")
        wait(driver).until(lambda d: history_ids(d) == [])
        assert "No run matches these filters." in text_of(driver, "run-history")
        env.select_by_value("")
        wait(driver).until(lambda d: history_ids(d) == [init_id])
        Select(driver.find_element(By.CSS_SELECTOR, '[data-testid="run-history-operation"]')).select_by_value("")
        env.select_by_value("*")
        driver.find_element(By.CSS_SELECTOR, '[data-testid="run-history-search"]').send_keys(f"#{plan_id}")
        wait(driver).until(lambda d: history_ids(d) == [plan_id])
        driver.find_element(By.CSS_SELECTOR, '[data-testid="run-history-search"]').send_keys(Keys.CONTROL, "a", Keys.BACKSPACE)
        wait(driver).until(lambda d: history_ids(d) == [apply_id, plan_id, init_id])
    finally:
        driver.quit()


def test_without_a_keychain_the_secrets_section_says_what_to_do_in_plain_words(driver_url, tmp_path):
    """The e2e app runs without a Secret Service (no session bus of its own): the run secrets
    section says so in plain words and what to install, with no D-Bus error text."""
    ws = tmp_path / "no-keychain-ws"
    ws.mkdir()
    (ws / "main.tf").write_text('resource "terraform_data" "x" {}\n')
    driver = start_app(driver_url, args=[str(ws)])
    try:
        wait(driver).until(lambda d: "main.tf" in tree_names(d))
        wait(driver, 30).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=status-credentials]")).click()
        box = wait(driver, 30).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=secrets-unavailable]"))
        text = box.text
        assert "No keyring (Secret Service) is running, so run secrets cannot be kept." in text, text
        assert "GNOME Keyring (gnome-keyring) or KWallet" in text, text
        for technical in ("zbus", "DBus", "org.freedesktop", "Error"):
            assert technical not in text, (technical, text)
        driver.execute_script("arguments[0].scrollIntoView()", box)
        screenshot(driver, "runs-no-keychain")
    finally:
        driver.quit()
