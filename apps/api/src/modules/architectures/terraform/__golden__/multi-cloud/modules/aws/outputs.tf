output "object_storage_aws_bucket" {
  description = "Bucket of object storage aws"
  value       = aws_s3_bucket.object_storage_aws.bucket
}

output "vpc_aws_vpc_id" {
  description = "VPC of vpc aws"
  value       = aws_vpc.vpc_aws.id
}
