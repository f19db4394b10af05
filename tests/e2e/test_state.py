"""The State Explorer as a user meets it: git-ignored states show with "Show ignored files",
clicking one opens it read only with sensitive values hidden, a resource shows its attributes
and what it depends on, and "Show in code" opens the block that declares it."""

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from conftest import screenshot, start_app
from test_editor import copy_demo, wait

SECRET = "demo-not-a-real-password"


def test_a_state_opens_redacted_and_links_to_its_code(driver_url, tmp_path):
    ws = copy_demo(tmp_path)
    assert SECRET in (ws / "terraform.tfstate").read_text()
    app = start_app(driver_url, [str(ws)])
    try:
        wait(app, 30).until(EC.presence_of_element_located((By.CSS_SELECTOR, '[role=treeitem][data-path="main.tf"]')))
        state_row = '[role=treeitem][data-path="terraform.tfstate"]'
        if not app.find_elements(By.CSS_SELECTOR, state_row):
            # States are git-ignored (as in most repositories): the tree shows them on request.
            box = app.find_element(By.XPATH, "//label[contains(., 'Show ignored files')]//input")
            if not box.is_selected():
                box.click()
        wait(app).until(EC.element_to_be_clickable((By.CSS_SELECTOR, state_row))).click()
        try:
            wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=state-explorer]")))
        except Exception:
            screenshot(app, "30-state-explorer-failed")
            raise AssertionError(app.execute_script("return document.body.innerText.slice(0, 600)"))
        addresses = [e.get_attribute("data-address") for e in app.find_elements(By.CSS_SELECTOR, "[data-testid=state-instance]")]
        assert "aws_db_instance.app" in addresses and "module.network.aws_vpc.this" in addresses, addresses
        outputs = {e.get_attribute("data-name"): e.text for e in app.find_elements(By.CSS_SELECTOR, "[data-testid=state-output]")}
        assert "(sensitive)" in outputs["db_password"]

        app.find_element(By.CSS_SELECTOR, '[data-testid=state-instance][data-address="aws_db_instance.app"]').click()
        wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, '[data-testid=state-attribute][data-name="password"]')))
        password = app.find_element(By.CSS_SELECTOR, '[data-testid=state-attribute][data-name="password"]').text
        assert "sensitive" in password and SECRET not in password
        assert SECRET not in app.execute_script("return document.body.innerText")
        screenshot(app, "30-state-explorer")

        # The filter also searches values (in Rust): the security group's id finds it.
        box = app.find_element(By.CSS_SELECTOR, "[data-testid=state-filter]")
        box.send_keys("sg-0c0ffee")
        wait(app).until(
            lambda d: [e.get_attribute("data-address") for e in d.find_elements(By.CSS_SELECTOR, "[data-testid=state-instance]")]
            == ["aws_security_group.web", "aws_instance.web"]
            or [e.get_attribute("data-address") for e in d.find_elements(By.CSS_SELECTOR, "[data-testid=state-instance]")]
            == ["aws_instance.web", "aws_security_group.web"]
        )

        app.find_element(By.CSS_SELECTOR, '[data-testid=state-instance][data-address="aws_security_group.web"]').click()
        wait(app).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid=state-show-in-code]"))).click()
        wait(app).until(lambda d: d.execute_script("return !!window.__orbisEditor?.view('main.tf')"))
        line = app.execute_script(
            "const v = window.__orbisEditor.view('main.tf');"
            "return v.state.doc.lineAt(v.state.selection.main.head).text;"
        )
        assert line == 'resource "aws_security_group" "web" {'
        screenshot(app, "31-state-show-in-code")
    finally:
        app.quit()
