output "vpc_aws_vpc_id" {
  description = "VPC of vpc aws"
  value       = aws_vpc.vpc_aws.id
}

output "kubernetes_aws_endpoint" {
  description = "API endpoint of kubernetes aws"
  value       = aws_eks_cluster.kubernetes_aws.endpoint
}

output "relational_db_aws_endpoint" {
  description = "Endpoint of relational db aws"
  value       = aws_db_instance.relational_db_aws.endpoint
}

output "object_storage_aws_bucket" {
  description = "Bucket of object storage aws"
  value       = aws_s3_bucket.object_storage_aws.bucket
}

output "monitoring_aws_log_group" {
  description = "Log group of monitoring aws"
  value       = aws_cloudwatch_log_group.monitoring_aws.name
}

output "load_balancer_aws_dns_name" {
  description = "DNS name of load balancer aws"
  value       = aws_lb.load_balancer_aws.dns_name
}

output "cache_aws_endpoint" {
  description = "Primary endpoint of cache aws"
  value       = aws_elasticache_replication_group.cache_aws.primary_endpoint_address
}

output "message_queue_aws_url" {
  description = "URL of message queue aws"
  value       = aws_sqs_queue.message_queue_aws.url
}
