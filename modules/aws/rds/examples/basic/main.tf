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

module "database" {
  source = "../../"

  identifier                 = "example-orders"
  engine_version             = "17"
  instance_class             = "db.t4g.medium"
  vpc_id                     = "vpc-0123456789abcdef0"
  subnet_ids                 = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
  allowed_security_group_ids = ["sg-0123456789abcdef0"]
}

output "endpoint" {
  description = "Where the application connects."
  value       = module.database.endpoint
}

output "master_user_secret_arn" {
  description = "Secret holding the master credentials."
  value       = module.database.master_user_secret_arn
}
