"""Inventory & Drift as a user meets it: from the State Explorer, "Compare with cloud…" opens
the view; the demo workspace's state against an inventory snapshot (written here from that
state, with one instance changed by hand and one subnet gone, plus an unmanaged instance from
the drift corpus's recorded AWS answers) shows every class; a changed resource shows its
attribute before/after and the accept-into-code diff, an unmanaged one its import block, and
the timeline of scans is drawn."""

import json
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from conftest import screenshot, start_app
from test_editor import copy_demo, wait

CORPUS = Path(__file__).resolve().parents[2] / "../shared/corpora/drift/driftctl/HEAD"
FIXTURE = CORPUS / "enumeration/remote/test/aws_ec2_instance_multiple/results.golden.json"


def write_snapshot(ws: Path) -> None:
    state = json.loads((ws / "terraform.tfstate").read_text())

    def attrs(rtype, name):
        r = next(r for r in state["resources"] if r["type"] == rtype and r["name"] == name and r["mode"] == "managed")
        return dict(r["instances"][0]["attributes"])

    def live(rtype, a):
        tags = a.pop("tags", None) or {}
        return {"type": rtype, "id": a["id"], "region": "eu-west-1", "account": "123456789012", "attributes": a, "tags": tags}

    web = attrs("aws_instance", "web")
    web["ami"] = "ami-0handpicked000001"
    corpus = json.loads(FIXTURE.read_text())[0]
    corpus.pop("tags", None)
    snapshot = {
        "inventory_version": 1,
        "source": "e2e",
        "scanned_types": ["aws_instance", "aws_vpc", "aws_subnet", "aws_security_group"],
        "resources": [
            live("aws_vpc", attrs("aws_vpc", "this")),
            live("aws_subnet", attrs("aws_subnet", "public")),
            live("aws_security_group", attrs("aws_security_group", "web")),
            live("aws_instance", web),
            {"type": "aws_instance", "id": corpus["id"], "region": "eu-west-3", "attributes": corpus, "tags": {"Name": "from-the-corpus"}},
        ],
    }
    (ws / "inventory").mkdir()
    (ws / "inventory" / "live.json").write_text(json.dumps(snapshot, indent=1))


def counts(app):
    return {
        e.get_attribute("data-testid").removeprefix("drift-count-"): int(e.find_element(By.TAG_NAME, "strong").text)
        for e in app.find_elements(By.CSS_SELECTOR, "[data-testid^=drift-count-]")
    }


def test_demo_state_against_a_snapshot_shows_every_class(driver_url, tmp_path):
    ws = copy_demo(tmp_path)
    write_snapshot(ws)
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
        wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=drift-view]")))
        wait(app).until(lambda d: Select(d.find_element(By.CSS_SELECTOR, "[data-testid=drift-state]")).first_selected_option.text == "terraform.tfstate")
        Select(app.find_element(By.CSS_SELECTOR, "[data-testid=drift-source]")).select_by_value("snapshot")
        snap = wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=drift-snapshot]")))
        # The workspace's snapshot is proposed.
        assert snap.get_attribute("value") == "inventory/live.json"
        app.find_element(By.CSS_SELECTOR, "[data-testid=drift-scan]").click()
        try:
            wait(app, 30).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=drift-count-changed]")))
        except Exception:
            screenshot(app, "40-drift-failed")
            raise AssertionError(app.execute_script("return document.body.innerText.slice(0, 800)"))
        assert counts(app) == {"changed": 1, "missing": 1, "unmanaged": 1, "managed": 3}, counts(app)
        rows = {(e.get_attribute("data-status"), e.get_attribute("data-id")) for e in app.find_elements(By.CSS_SELECTOR, "[data-testid=drift-row]")}
        assert ("changed", "i-0123456789abcdef0") in rows
        assert ("missing", "subnet-0pub1a2b3c4d5e6f7") in rows
        assert ("unmanaged", "i-0d3650a23f4e45dc0") in rows
        assert len(rows) == 6, rows

        # A changed resource: before/after, then the accept-into-code diff.
        app.find_element(By.CSS_SELECTOR, '[data-testid=drift-row][data-status="changed"]').click()
        change = wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, '[data-testid=drift-changes] tr[data-attribute="ami"]')))
        assert "ami-0d64bb532e0502c46" in change.text and "ami-0handpicked000001" in change.text, change.text
        app.find_element(By.CSS_SELECTOR, "[data-testid=drift-accept]").click()
        diff = wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=drift-accept-diff]")))
        assert "main.tf" in diff.text and '+  ami                    = "ami-0handpicked000001"' in diff.text, diff.text
        screenshot(app, "40-drift-changed-accept")

        # The class filter, then an unmanaged resource's import block.
        app.find_element(By.CSS_SELECTOR, "[data-testid=drift-count-unmanaged]").click()
        wait(app).until(lambda d: [e.get_attribute("data-status") for e in d.find_elements(By.CSS_SELECTOR, "[data-testid=drift-row]")] == ["unmanaged"])
        app.find_element(By.CSS_SELECTOR, "[data-testid=drift-row]").click()
        wait(app).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid=drift-import]"))).click()
        code = wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=drift-import-code] pre")))
        assert 'id = "i-0d3650a23f4e45dc0"' in code.text and 'resource "aws_instance"' in code.text, code.text
        screenshot(app, "41-drift-unmanaged-import")

        # Timeline of the scans of this workspace: the one just run.
        timeline = app.find_element(By.CSS_SELECTOR, "[data-testid=drift-timeline]")
        assert "1 scan of this workspace" in timeline.text, timeline.text
        app.execute_script("arguments[0].scrollIntoView()", timeline)
        wait(app).until(lambda d: d.execute_script("return [...arguments[0].querySelectorAll('img')].every(i => i.complete && i.naturalWidth > 0)", timeline))
        screenshot(app, "42-drift-timeline")
    finally:
        app.quit()
