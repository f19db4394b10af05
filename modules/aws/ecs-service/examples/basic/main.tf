terraform {
  required_version = "~> 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"

  default_tags {
    tags = {
      Owner       = "platform-team"
      Environment = "dev"
      CostCenter  = "cc-1234"
      ManagedBy   = "terraform"
    }
  }
}

module "service" {
  source = "../../"

  name                            = "example-api"
  image                           = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/example-api:1.4.2"
  container_port                  = 8443
  vpc_id                          = "vpc-0123456789abcdef0"
  subnet_ids                      = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
  load_balancer_security_group_id = "sg-0123456789abcdef0"
  target_group_arn                = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/example-api/0123456789abcdef"

  environment = { LOG_LEVEL = "info" }
  secrets     = { DATABASE_URL = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:example-api/db-AbCdEf" }
}

output "service_name" {
  description = "Name of the running service."
  value       = module.service.service_name
}
