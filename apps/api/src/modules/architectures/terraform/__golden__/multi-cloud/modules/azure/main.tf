locals {
  tags = {
    environment = "dev"
    managed_by  = "steward"
    design      = "Evaluation lakehouse"
    steward_tags = "research"
  }
  labels = {
    environment = "dev"
    managed_by  = "steward"
  }
}

resource "azurerm_resource_group" "main" {
  name     = "${var.name_prefix}-rg"
  location = var.region
  tags     = local.tags
}

resource "azurerm_log_analytics_workspace" "monitoring_azure" {
  name                = "${var.name_prefix}-monitoring-azure"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  sku                 = "PerGB2018"
  retention_in_days   = 90
}
