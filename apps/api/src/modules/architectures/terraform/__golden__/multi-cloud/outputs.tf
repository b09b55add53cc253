output "aws_object_storage_aws_bucket" {
  description = "Bucket of object storage aws"
  value       = module.aws.object_storage_aws_bucket
}

output "aws_vpc_aws_vpc_id" {
  description = "VPC of vpc aws"
  value       = module.aws.vpc_aws_vpc_id
}

output "gcp_message_queue_gcp_topic" {
  description = "Topic of message queue gcp"
  value       = module.gcp.message_queue_gcp_topic
}

output "azure_resource_group" {
  description = "Resource group holding the design"
  value       = module.azure.resource_group
}

output "azure_monitoring_azure_workspace_id" {
  description = "Workspace of monitoring azure"
  value       = module.azure.monitoring_azure_workspace_id
}
