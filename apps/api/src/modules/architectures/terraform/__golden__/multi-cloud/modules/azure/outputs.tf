output "resource_group" {
  description = "Resource group holding the design"
  value       = azurerm_resource_group.main.name
}

output "monitoring_azure_workspace_id" {
  description = "Workspace of monitoring azure"
  value       = azurerm_log_analytics_workspace.monitoring_azure.workspace_id
}
