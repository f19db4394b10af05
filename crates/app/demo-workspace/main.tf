locals {
  name = "orbis-demo-${var.environment}"
  tags = {
    CostCenter = var.cost_center
  }
}

module "network" {
  source = "./modules/network"

  name       = local.name
  cidr_block = "10.20.0.0/16"
  az_count   = 2
  tags       = local.tags
}

resource "aws_security_group" "web" {
  name        = "${local.name}-web"
  description = "Web server access"
  vpc_id      = module.network.vpc_id

  ingress {
    description = "HTTPS from anywhere"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    description = "SSH for debugging"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    description = "All outbound"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }

  tags = local.tags
}

resource "aws_instance" "web" {
  ami                    = "ami-0c1bc246476a5572b"
  instance_type          = var.instance_type
  subnet_id              = module.network.public_subnet_ids[0]
  vpc_security_group_ids = [aws_security_group.web.id]

  root_block_device {
    volume_size = 20
    encrypted   = true
  }

  tags = merge(local.tags, { Name = "${local.name}-web" })
}
