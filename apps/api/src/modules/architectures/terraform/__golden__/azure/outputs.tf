output "resource_group" {
  description = "Resource group holding the design"
  value       = azurerm_resource_group.main.name
}

output "vpc_azure_vnet_id" {
  description = "Virtual network of vpc azure"
  value       = azurerm_virtual_network.vpc_azure.id
}

output "kubernetes_azure_fqdn" {
  description = "Private API address of kubernetes azure"
  value       = azurerm_kubernetes_cluster.kubernetes_azure.private_fqdn
}

output "relational_db_azure_fqdn" {
  description = "Address of relational db azure"
  value       = azurerm_postgresql_flexible_server.relational_db_azure.fqdn
}

output "object_storage_azure_account" {
  description = "Storage account of object storage azure"
  value       = azurerm_storage_account.object_storage_azure.name
}

output "monitoring_azure_workspace_id" {
  description = "Workspace of monitoring azure"
  value       = azurerm_log_analytics_workspace.monitoring_azure.workspace_id
}

output "load_balancer_azure_id" {
  description = "Load balancer load balancer azure"
  value       = azurerm_lb.load_balancer_azure.id
}

output "cache_azure_hostname" {
  description = "Host of cache azure"
  value       = azurerm_redis_cache.cache_azure.hostname
}

output "message_queue_azure_endpoint" {
  description = "Endpoint of message queue azure"
  value       = azurerm_servicebus_namespace.message_queue_azure.endpoint
}
