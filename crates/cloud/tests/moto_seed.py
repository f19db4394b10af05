"""Seeds a moto server with EC2 resources for the live-inventory tests and benchmark.

Run with the project's test venv (boto3 comes with moto):
    python moto_seed.py ENDPOINT REGION (scenario | services | bulk N)

The moto server runs with INITIAL_NO_AUTH_ACTION_COUNT=6: the first six calls create two IAM
users (an administrator and a `scanner` that may neither call ec2:DescribeVolumes nor list S3
buckets); everything
after is signed with their keys, so moto enforces IAM like AWS.
In `services` mode (RDS, IAM, ELBv2, Lambda) the `scanner` may do everything but describe RDS
DB instances and list IAM roles, so one regional and one global type fail while the rest is
scanned.
Prints one JSON object: the keys of both users and the ids of what was created.
"""

import io
import json
import sys
import zipfile

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
# Everything but two listings: one regional service and one global one are denied.
NO_DATABASES_NO_ROLES = {
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Action": "*", "Resource": "*"},
        {"Effect": "Deny", "Action": ["rds:DescribeDBInstances", "iam:ListRoles"], "Resource": "*"},
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


LAMBDA_TRUST = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]})


def function_zip():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("index.py", "def handler(event, context):\n    return event\n")
    return buf.getvalue()


def services(session, region):
    """RDS, IAM, ELBv2 and Lambda: the test writes a state for some, changes and removes others."""
    ec2, rds, iam = session("ec2"), session("rds"), session("iam")
    elb, lam = session("elbv2"), session("lambda")
    vpc = ec2.create_vpc(CidrBlock="10.30.0.0/16")["Vpc"]["VpcId"]
    subnets = [
        ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.30.{n}.0/24", AvailabilityZone=region + az)["Subnet"]["SubnetId"]
        for n, az in ((1, "a"), (2, "b"))
    ]
    for name, size, klass in (("orbis-main", 20, "db.t3.micro"), ("orbis-reports", 50, "db.t3.small"),
                              ("orbis-by-hand-db", 20, "db.t3.micro")):
        rds.create_db_instance(
            DBInstanceIdentifier=name, DBInstanceClass=klass, Engine="postgres", AllocatedStorage=size,
            MasterUsername="orbis", MasterUserPassword="orbis-not-a-secret-1",
            Tags=[{"Key": "Owner", "Value": "data"}],
        )
    iam.create_user(UserName="orbis-deploy", Path="/ci/")
    iam.create_user(UserName="orbis-by-hand-user")
    role = iam.create_role(RoleName="orbis-lambda", AssumeRolePolicyDocument=LAMBDA_TRUST,
                           Description="changed by hand")["Role"]["Arn"]
    iam.create_role(RoleName="orbis-by-hand-role", AssumeRolePolicyDocument=LAMBDA_TRUST)
    policy = iam.create_policy(PolicyName="orbis-read", Path="/", PolicyDocument=json.dumps(ALL))["Policy"]["Arn"]
    by_hand_policy = iam.create_policy(PolicyName="orbis-by-hand-policy", PolicyDocument=json.dumps(ALL))["Policy"]["Arn"]
    lb = elb.create_load_balancer(Name="orbis-web", Subnets=subnets, Scheme="internal",
                                  Tags=[{"Key": "Owner", "Value": "web"}])["LoadBalancers"][0]
    tg = elb.create_target_group(Name="orbis-web", Protocol="HTTP", Port=80, VpcId=vpc,
                                 Tags=[{"Key": "Owner", "Value": "web"}])["TargetGroups"][0]["TargetGroupArn"]
    tg_by_hand = elb.create_target_group(Name="orbis-by-hand-tg", Protocol="HTTP", Port=8080,
                                         VpcId=vpc)["TargetGroups"][0]["TargetGroupArn"]
    code = {"ZipFile": function_zip()}
    for name, memory in (("orbis-fn", 256), ("orbis-by-hand-fn", 128)):
        lam.create_function(FunctionName=name, Runtime="python3.12", Role=role, Handler="index.handler",
                            Code=code, MemorySize=memory, Timeout=10, Description="")
    return {
        "vpc": vpc,
        "subnets": subnets,
        "role_arn": role,
        "policy": policy,
        "policy_by_hand": by_hand_policy,
        "lb": lb["LoadBalancerArn"],
        "lb_dns": lb["DNSName"],
        "lb_zone": lb["CanonicalHostedZoneId"],
        "tg": tg,
        "tg_by_hand": tg_by_hand,
    }


def bulk(session, n):
    """About n resources: per round a VPC, subnet, security group (+ the VPC's default one),
    volume and instance, an IAM user, a target group and a Lambda function; an RDS DB instance
    every tenth round."""
    ec2, iam, elb, lam, rds = (session(s) for s in ("ec2", "iam", "elbv2", "lambda", "rds"))
    made = 0
    az = ec2.meta.region_name + "a"
    ami = ec2.describe_images()["Images"][0]["ImageId"]
    role = iam.create_role(RoleName="bulk-lambda", AssumeRolePolicyDocument=LAMBDA_TRUST)["Role"]["Arn"]
    code = {"ZipFile": function_zip()}
    made += 1
    i = 0
    while made < n:
        vpc = ec2.create_vpc(CidrBlock=f"10.{i % 250}.0.0/16")["Vpc"]["VpcId"]
        subnet = ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.{i % 250}.1.0/24", AvailabilityZone=az)["Subnet"]["SubnetId"]
        # Every VPC comes with its default security group.
        ec2.create_security_group(GroupName=f"g{i}", Description="bulk", VpcId=vpc)
        ec2.create_volume(AvailabilityZone=az, Size=1)
        ec2.run_instances(ImageId=ami, MinCount=1, MaxCount=1, InstanceType="t3.nano", SubnetId=subnet)
        iam.create_user(UserName=f"bulk-{i}")
        elb.create_target_group(Name=f"bulk-{i}", Protocol="HTTP", Port=80, VpcId=vpc)
        lam.create_function(FunctionName=f"bulk-{i}", Runtime="python3.12", Role=role, Handler="index.handler",
                            Code=code)
        made += 9
        if i % 10 == 0:
            rds.create_db_instance(DBInstanceIdentifier=f"bulk-{i}", DBInstanceClass="db.t3.micro",
                                   Engine="postgres", AllocatedStorage=20, MasterUsername="bulk",
                                   MasterUserPassword="bulk-not-a-secret-1")
            made += 1
        i += 1
    return {"created": made}


def main():
    endpoint, region, mode = sys.argv[1], sys.argv[2], sys.argv[3]
    base = dict(endpoint_url=endpoint, region_name=region)
    iam = boto3.client("iam", aws_access_key_id="AKIASEEDBOOTSTRAP000", aws_secret_access_key="bootstrap", **base)
    admin = user(iam, "admin", ALL)
    scanner = user(iam, "scanner", NO_DATABASES_NO_ROLES if mode == "services" else NO_VOLUMES)

    def session(service):
        return boto3.client(
            service, aws_access_key_id=admin["access_key_id"], aws_secret_access_key=admin["secret_access_key"], **base
        )

    ec2, s3 = session("ec2"), session("s3")
    if mode == "scenario":
        ids = scenario(ec2, s3)
    elif mode == "services":
        ids = services(session, region)
    else:
        ids = bulk(session, int(sys.argv[4]))
    print(json.dumps({"admin": admin, "scanner": scanner, "ids": ids}))


if __name__ == "__main__":
    main()
