""""Add cloud cluster…" in the Clusters view: the app starts with the standard AWS environment
pointing at a moto server on loopback that holds two EKS clusters (made with boto3) and with
KUBECONFIG naming a file that has one context. The dialog lists both clusters, the preview says
what the kubeconfig will get and writes nothing; "Add context" writes it (the old file copied
aside first) and the contexts list shows the new context as current."""

import boto3
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from conftest import screenshot, start_app, tauri_driver
from test_credentials import ACCESS_KEY_ID, SECRET_ACCESS_KEY, moto  # noqa: F401 (fixture)
from test_editor import wait

KUBECONFIG = """apiVersion: v1
kind: Config
clusters:
- name: local
  cluster:
    server: https://127.0.0.1:6443
users:
- name: local
  user:
    token: not-a-real-token
contexts:
- name: local
  context:
    cluster: local
    user: local
current-context: local
"""


def test_add_an_eks_cluster_to_the_kubeconfig(display, profile_dirs, moto, tmp_path):  # noqa: F811
    eks = boto3.client("eks", endpoint_url=moto, region_name="eu-west-1", aws_access_key_id=ACCESS_KEY_ID, aws_secret_access_key=SECRET_ACCESS_KEY)
    for name in ("shop", "data"):
        eks.create_cluster(
            name=name,
            version="1.30",
            roleArn="arn:aws:iam::123456789012:role/eks",
            resourcesVpcConfig={"subnetIds": ["subnet-1", "subnet-2"]},
        )
    shop_arn = eks.describe_cluster(name="shop")["cluster"]["arn"]
    kubeconfig = tmp_path / "kubeconfig"
    kubeconfig.write_text(KUBECONFIG)
    env = {
        "AWS_ACCESS_KEY_ID": ACCESS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY": SECRET_ACCESS_KEY,
        "AWS_ENDPOINT_URL": moto,
        "AWS_REGION": "eu-west-1",
        "AWS_CONFIG_FILE": str(tmp_path / "no-aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "no-aws-credentials"),
        "KUBECONFIG": str(kubeconfig),
    }
    with tauri_driver(display, profile_dirs, env, log_name="tauri-driver-clusters-cloud.log") as url:
        app = start_app(url)
        try:
            wait(app, 30).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid=status-clusters]"))).click()
            wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, '[data-testid=cluster-context][data-name="local"]')))
            app.find_element(By.CSS_SELECTOR, "[data-testid=cloud-clusters-open]").click()
            wait(app).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid=cloud-clusters-search]"))).click()
            wait(app, 60).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "[data-testid=cloud-cluster]")) == 2)
            summary = app.find_element(By.CSS_SELECTOR, "[data-testid=cloud-clusters-summary]").text
            assert summary.startswith("2 EKS clusters in account"), summary
            names = sorted(e.get_attribute("data-name") for e in app.find_elements(By.CSS_SELECTOR, "[data-testid=cloud-cluster]"))
            assert names == ["data", "shop"], names
            screenshot(app, "55-clusters-cloud-list")

            app.find_element(By.CSS_SELECTOR, '[data-testid=cloud-cluster][data-name="shop"] [data-testid=cloud-cluster-add]').click()
            preview = wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=cloud-clusters-preview]"))).text
            assert f"Adds context {shop_arn}" in preview, preview
            assert "Makes it the current context (now local)" in preview, preview
            assert "eks get-token --cluster-name shop" in preview, preview
            assert kubeconfig.read_text() == KUBECONFIG, "the preview wrote to the kubeconfig"
            screenshot(app, "56-clusters-cloud-preview")

            app.find_element(By.CSS_SELECTOR, "[data-testid=cloud-clusters-confirm]").click()
            done = wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=cloud-clusters-done]"))).text
            assert f"Added {shop_arn} to {kubeconfig}" in done, done
            assert shop_arn in kubeconfig.read_text()
            backups = [p for p in tmp_path.iterdir() if p.name.startswith("kubeconfig") and p != kubeconfig]
            assert [b.read_text() for b in backups] == [KUBECONFIG], backups
            app.find_element(By.CSS_SELECTOR, "[data-testid=cloud-clusters-close]").click()

            added = f'[data-testid=cluster-context][data-name="{shop_arn}"]'
            wait(app).until(EC.presence_of_element_located((By.CSS_SELECTOR, added)))
            assert "current" in app.find_element(By.CSS_SELECTOR, added).text.lower()
            screenshot(app, "57-clusters-cloud-added")
        finally:
            app.quit()
