"""Seeds a moto server with EC2 resources for the live-inventory tests and benchmark.

Run with the project's test venv (boto3 comes with moto):
    python moto_seed.py ENDPOINT REGION (scenario | bulk N)

The moto server runs with INITIAL_NO_AUTH_ACTION_COUNT=6: the first six calls create two IAM
users (an administrator and a `scanner` that may neither call ec2:DescribeVolumes nor list S3
buckets); everything
after is signed with their keys, so moto enforces IAM like AWS.
Prints one JSON object: the keys of both users and the ids of what was created.
"""

import json
import sys

import boto3

ALL = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
NO_VOLUMES = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": [
                "sts:GetCallerIdentity",
                "ec2:DescribeInstances",
                "ec2:DescribeVpcs",
                "ec2:DescribeSubnets",
                "ec2:DescribeSecurityGroups",
            ],
            "Resource": "*",
        }
    ],
}


def user(iam, name, policy):
    iam.create_user(UserName=name)
    iam.put_user_policy(UserName=name, PolicyName="p", PolicyDocument=json.dumps(policy))
    key = iam.create_access_key(UserName=name)["AccessKey"]
    return {"access_key_id": key["AccessKeyId"], "secret_access_key": key["SecretAccessKey"]}



def tagged(kind, name):
    return [{"ResourceType": kind, "Tags": [{"Key": "Name", "Value": name}]}]


def scenario(ec2, s3):
    """A few of each type: the test writes a state for some, changes and removes others."""
    location = {"LocationConstraint": ec2.meta.region_name}
    s3.create_bucket(Bucket="orbis-managed-assets", CreateBucketConfiguration=location)
    s3.create_bucket(Bucket="orbis-by-hand", CreateBucketConfiguration=location)
    # Tags changed by hand on a managed bucket (Owner differs from the state's).
    s3.put_bucket_tagging(Bucket="orbis-managed-assets", Tagging={"TagSet": [
        {"Key": "Owner", "Value": "data"}, {"Key": "CostCenter", "Value": "42"}]})
    vpc_a = ec2.create_vpc(CidrBlock="10.10.0.0/16", TagSpecifications=tagged("vpc", "orbis-a"))["Vpc"]["VpcId"]
    vpc_b = ec2.create_vpc(CidrBlock="10.20.0.0/16", TagSpecifications=tagged("vpc", "by-hand"))["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(
        VpcId=vpc_a, CidrBlock="10.10.1.0/24", AvailabilityZone=ec2.meta.region_name + "a",
        TagSpecifications=tagged("subnet", "orbis-a-1"),
    )["Subnet"]
    sg = ec2.create_security_group(
        GroupName="web", Description="web tier", VpcId=vpc_a, TagSpecifications=tagged("security-group", "web")
    )["GroupId"]
    ec2.authorize_security_group_ingress(
        GroupId=sg,
        IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]},
            {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
        ],
    )
    az = subnet["AvailabilityZone"]
    vol_managed = ec2.create_volume(AvailabilityZone=az, Size=8, VolumeType="gp3",
                                    TagSpecifications=tagged("volume", "data"))["VolumeId"]
    vol_unmanaged = ec2.create_volume(AvailabilityZone=az, Size=20, VolumeType="gp2")["VolumeId"]
    ami = ec2.describe_images()["Images"][0]["ImageId"]
    run = ec2.run_instances(
        ImageId=ami, MinCount=2, MaxCount=2, InstanceType="t3.nano", SubnetId=subnet["SubnetId"],
        SecurityGroupIds=[sg], TagSpecifications=tagged("instance", "web"),
    )["Instances"]
    web, gone = run[0]["InstanceId"], run[1]["InstanceId"]
    # Someone terminated the second instance by hand: still in state, gone from the cloud.
    ec2.terminate_instances(InstanceIds=[gone])
    return {
        "ami": ami,
        "az": az,
        "vpc_managed": vpc_a,
        "vpc_unmanaged": vpc_b,
        "subnet": subnet["SubnetId"],
        "security_group": sg,
        "volume_managed": vol_managed,
        "volume_unmanaged": vol_unmanaged,
        "instance": web,
        "instance_terminated": gone,
        "bucket_managed": "orbis-managed-assets",
        "bucket_unmanaged": "orbis-by-hand",
    }


def bulk(ec2, n):
    """About n resources: VPCs, subnets, security groups, volumes and instances in turn."""
    made = 0
    az = ec2.meta.region_name + "a"
    ami = ec2.describe_images()["Images"][0]["ImageId"]
    i = 0
    while made < n:
        vpc = ec2.create_vpc(CidrBlock=f"10.{i % 250}.0.0/16")["Vpc"]["VpcId"]
        subnet = ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.{i % 250}.1.0/24", AvailabilityZone=az)["Subnet"]["SubnetId"]
        # Every VPC comes with its default security group.
        ec2.create_security_group(GroupName=f"g{i}", Description="bulk", VpcId=vpc)
        ec2.create_volume(AvailabilityZone=az, Size=1)
        ec2.run_instances(ImageId=ami, MinCount=1, MaxCount=1, InstanceType="t3.nano", SubnetId=subnet)
        made += 6
        i += 1
    return {"created": made}


def main():
    endpoint, region, mode = sys.argv[1], sys.argv[2], sys.argv[3]
    base = dict(endpoint_url=endpoint, region_name=region)
    iam = boto3.client("iam", aws_access_key_id="AKIASEEDBOOTSTRAP000", aws_secret_access_key="bootstrap", **base)
    admin = user(iam, "admin", ALL)
    scanner = user(iam, "scanner", NO_VOLUMES)
    ec2 = boto3.client(
        "ec2", aws_access_key_id=admin["access_key_id"], aws_secret_access_key=admin["secret_access_key"], **base
    )
    s3 = boto3.client(
        "s3", aws_access_key_id=admin["access_key_id"], aws_secret_access_key=admin["secret_access_key"], **base
    )
    ids = scenario(ec2, s3) if mode == "scenario" else bulk(ec2, int(sys.argv[4]))
    print(json.dumps({"admin": admin, "scanner": scanner, "ids": ids}))


if __name__ == "__main__":
    main()
