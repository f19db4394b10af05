"""The workspace's remote state in the desktop app: a real terraform writes its state through the
s3 backend into a moto server on loopback (DynamoDB lock table); while an apply holds the lock,
the status bar's remote-state item opens the state in the State Explorer with the holder in its
title; after the apply, Refresh shows it unlocked with the new resource. Read only throughout."""

import os
import subprocess
import time
from pathlib import Path

import boto3
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import screenshot, start_app, tauri_driver
from test_credentials import ACCESS_KEY_ID, SECRET_ACCESS_KEY, moto  # noqa: F401 (fixture)
from test_desktop import wait

MAIN_TF = """terraform {
  backend "s3" {
    bucket         = "tf-states"
    key            = "app/terraform.tfstate"
    region         = "eu-west-1"
    dynamodb_table = "tf-locks"
    endpoints = {
      s3       = "%(url)s"
      dynamodb = "%(url)s"
    }
    use_path_style              = true
    skip_credentials_validation = true
    skip_requesting_account_id  = true
  }
}

variable "rev" {
  default = "v1"
}

variable "hold" {
  default = 0
}

variable "marker" {
  default = "/dev/null"
}

resource "terraform_data" "app" {
  input            = var.rev
  triggers_replace = var.rev
  provisioner "local-exec" {
    command = "touch ${var.marker} && sleep ${var.hold}"
  }
}
"""


def test_remote_state_with_its_lock_holder_and_refresh(display, profile_dirs, moto, tmp_path):  # noqa: F811
    kw = dict(endpoint_url=moto, region_name="eu-west-1", aws_access_key_id=ACCESS_KEY_ID, aws_secret_access_key=SECRET_ACCESS_KEY)
    boto3.client("s3", **kw).create_bucket(Bucket="tf-states", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    boto3.client("dynamodb", **kw).create_table(
        TableName="tf-locks",
        KeySchema=[{"AttributeName": "LockID", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "LockID", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    ws = tmp_path / "infra"
    ws.mkdir()
    (ws / "main.tf").write_text(MAIN_TF % {"url": moto})
    env = {
        **os.environ,
        "AWS_ACCESS_KEY_ID": ACCESS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY": SECRET_ACCESS_KEY,
        "AWS_CONFIG_FILE": str(tmp_path / "no-aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "no-aws-credentials"),
        "TF_CLI_CONFIG_FILE": "/dev/null",
        "CHECKPOINT_DISABLE": "1",
    }
    for args in (["init", "-input=false"], ["apply", "-auto-approve", "-input=false"]):
        subprocess.run(["terraform", *args, "-no-color"], cwd=ws, env=env, check=True, capture_output=True)
    marker = tmp_path / "held"
    held = subprocess.Popen(
        ["terraform", "apply", "-auto-approve", "-input=false", "-no-color", "-var", "rev=v2", "-var", "hold=40", "-var", f"marker={marker}"],
        cwd=ws, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 90
        while not marker.exists():
            assert held.poll() is None, "the held apply ended early"
            assert time.monotonic() < deadline, "the held apply never reached its provisioner"
            time.sleep(0.2)
        app_env = {k: env[k] for k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE")}
        with tauri_driver(display, profile_dirs, app_env, log_name="tauri-driver-remote-state.log") as url:
            app = start_app(url, [str(ws)])
            try:
                item = wait(app, 30).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid=status-remote-state]")))
                screenshot(app, "59-remote-state-status")
                assert "s3 state" in item.get_attribute("textContent"), item.get_attribute("outerHTML")
                assert "s3://tf-states/app/terraform.tfstate" in item.get_attribute("title")
                item.click()
                title = wait(app, 30).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=state-title]")))
                assert title.text.startswith("Remote state: s3://tf-states/app/terraform.tfstate (locked by "), title.text
                assert title.text.endswith(", apply)"), title.text
                lock = app.find_element(By.CSS_SELECTOR, "[data-testid=state-lock]")
                assert "terraform force-unlock" in lock.text and "DynamoDB lock table" in lock.text, lock.text
                screenshot(app, "60-remote-state-locked")

                assert held.wait(timeout=120) == 0, "the held apply failed"
                app.find_element(By.CSS_SELECTOR, "[data-testid=state-refresh]").click()
                # Refresh remounts the view: an element found just before can go stale.
                WebDriverWait(app, 30, ignored_exceptions=[StaleElementReferenceException]).until(
                    lambda d: "locked by" not in d.find_element(By.CSS_SELECTOR, "[data-testid=state-title]").text
                )
                assert not app.find_elements(By.CSS_SELECTOR, "[data-testid=state-lock]")
                row = wait(app).until(EC.element_to_be_clickable((By.CSS_SELECTOR, '[data-testid=state-instance][data-address="terraform_data.app"]')))
                row.click()
                WebDriverWait(app, 15, ignored_exceptions=[StaleElementReferenceException]).until(
                    lambda d: "v2" in d.find_element(By.CSS_SELECTOR, "[data-testid=state-explorer]").text
                )
                screenshot(app, "61-remote-state-refreshed")
                body = app.execute_script("return document.body.innerText")
                assert SECRET_ACCESS_KEY not in body
            finally:
                app.quit()
    finally:
        if held.poll() is None:
            held.kill()
            held.wait()
