"""Creates EKS clusters in a moto server: eks_seed.py URL REGION/NAME..."""
import sys

import boto3

url = sys.argv[1]
for pair in sys.argv[2:]:
    region, name = pair.split("/")
    eks = boto3.client("eks", endpoint_url=url, region_name=region,
                       aws_access_key_id="test", aws_secret_access_key="test")
    eks.create_cluster(name=name, version="1.30",
                       roleArn="arn:aws:iam::123456789012:role/eks",
                       resourcesVpcConfig={"subnetIds": ["subnet-1", "subnet-2"]})
