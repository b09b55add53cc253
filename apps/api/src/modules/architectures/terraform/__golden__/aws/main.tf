data "aws_availability_zones" "vpc_aws" {
  state = "available"
}

resource "aws_vpc" "vpc_aws" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags = {
    Name = "${var.name_prefix}-vpc-aws"
  }
}

# Private subnets only: nothing in this network gets a public address by default.
resource "aws_subnet" "vpc_aws_private" {
  count                   = 3
  vpc_id                  = aws_vpc.vpc_aws.id
  cidr_block              = cidrsubnet(aws_vpc.vpc_aws.cidr_block, 8, count.index)
  availability_zone       = data.aws_availability_zones.vpc_aws.names[count.index]
  map_public_ip_on_launch = false
  tags = {
    Name = "${var.name_prefix}-vpc-aws-private-${count.index}"
  }
}

resource "aws_kms_key" "kubernetes_aws" {
  description             = "Encrypts Kubernetes secrets of kubernetes_aws"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_eks_cluster" "kubernetes_aws" {
  name     = "${var.name_prefix}-kubernetes-aws"
  role_arn = var.eks_cluster_role_arn
  version  = "1.31"

  vpc_config {
    subnet_ids              = aws_subnet.vpc_aws_private[*].id
    endpoint_private_access = true
    endpoint_public_access  = false
  }

  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = aws_kms_key.kubernetes_aws.arn
    }
  }
}

resource "aws_db_subnet_group" "relational_db_aws" {
  name       = "${var.name_prefix}-relational-db-aws"
  subnet_ids = aws_subnet.vpc_aws_private[*].id
}

resource "aws_db_instance" "relational_db_aws" {
  identifier                  = "${var.name_prefix}-relational-db-aws"
  engine                      = "postgres"
  engine_version              = "16"
  instance_class              = "db.m5.large"
  allocated_storage           = 100
  storage_encrypted           = true
  publicly_accessible         = false
  db_subnet_group_name        = aws_db_subnet_group.relational_db_aws.name
  username                    = "steward_admin"
  manage_master_user_password = true
  backup_retention_period     = 30
  multi_az                    = true
  deletion_protection         = true
  skip_final_snapshot         = false
  final_snapshot_identifier   = "${var.name_prefix}-relational-db-aws-final"
}

resource "aws_s3_bucket" "object_storage_aws" {
  bucket_prefix = "${var.name_prefix}-object-storage-aws-"
}

resource "aws_s3_bucket_public_access_block" "object_storage_aws" {
  bucket                  = aws_s3_bucket.object_storage_aws.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "object_storage_aws" {
  bucket = aws_s3_bucket.object_storage_aws.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_versioning" "object_storage_aws" {
  bucket = aws_s3_bucket.object_storage_aws.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_cloudwatch_log_group" "monitoring_aws" {
  name              = "/steward/${var.name_prefix}/monitoring_aws"
  retention_in_days = 365
}

resource "aws_cloudwatch_metric_alarm" "monitoring_aws" {
  alarm_name          = "${var.name_prefix}-monitoring-aws-silent"
  alarm_description   = "No log events arrived for 15 minutes"
  comparison_operator = "LessThanThreshold"
  evaluation_periods  = 3
  metric_name         = "IncomingLogEvents"
  namespace           = "AWS/Logs"
  period              = 300
  statistic           = "Sum"
  threshold           = 1
  treat_missing_data  = "breaching"
  dimensions = {
    LogGroupName = aws_cloudwatch_log_group.monitoring_aws.name
  }
}

resource "aws_lb" "load_balancer_aws" {
  name                       = substr("${var.name_prefix}-load-balancer-aws", 0, 32)
  internal                   = true
  load_balancer_type         = "application"
  subnets                    = aws_subnet.vpc_aws_private[*].id
  drop_invalid_header_fields = true
  enable_deletion_protection = true
}

resource "aws_elasticache_subnet_group" "cache_aws" {
  name       = "${var.name_prefix}-cache-aws"
  subnet_ids = aws_subnet.vpc_aws_private[*].id
}

resource "aws_elasticache_replication_group" "cache_aws" {
  replication_group_id       = "${var.name_prefix}-cache-aws"
  description                = "Cache cache_aws"
  engine                     = "redis"
  node_type                  = "cache.r5.xlarge"
  num_cache_clusters         = 2
  automatic_failover_enabled = true
  subnet_group_name          = aws_elasticache_subnet_group.cache_aws.name
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
}

resource "aws_sqs_queue" "message_queue_aws" {
  name                      = "${var.name_prefix}-message-queue-aws"
  sqs_managed_sse_enabled   = true
  message_retention_seconds = 345600
}
