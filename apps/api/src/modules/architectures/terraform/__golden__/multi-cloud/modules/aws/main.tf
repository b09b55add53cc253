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
