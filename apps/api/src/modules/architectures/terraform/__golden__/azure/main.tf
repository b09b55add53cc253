resource "azurerm_resource_group" "main" {
  name     = "${var.name_prefix}-rg"
  location = var.region
  tags     = local.tags
}

resource "azurerm_virtual_network" "vpc_azure" {
  name                = "${var.name_prefix}-vpc-azure"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  address_space       = ["10.20.0.0/16"]
}

resource "azurerm_subnet" "vpc_azure_private" {
  name                 = "private"
  resource_group_name  = azurerm_resource_group.main.name
  virtual_network_name = azurerm_virtual_network.vpc_azure.name
  address_prefixes     = ["10.20.1.0/24"]
}

resource "azurerm_kubernetes_cluster" "kubernetes_azure" {
  name                    = "${var.name_prefix}-kubernetes-azure"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  dns_prefix              = "${var.name_prefix}-kubernetes-azure"
  private_cluster_enabled = true
  sku_tier                = "Standard"

  default_node_pool {
    name           = "system"
    vm_size        = "Standard_B2s"
    node_count     = 2
    vnet_subnet_id = azurerm_subnet.vpc_azure_private.id
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_postgresql_flexible_server" "relational_db_azure" {
  name                          = "${var.name_prefix}-relational-db-azure"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  version                       = "16"
  sku_name                      = "GP_Standard_D2ds_v4"
  storage_mb                    = 131072
  backup_retention_days         = 35
  geo_redundant_backup_enabled  = true
  public_network_access_enabled = false

  authentication {
    active_directory_auth_enabled = true
    password_auth_enabled         = false
  }
}

resource "azurerm_storage_account" "object_storage_azure" {
  name                              = substr(replace(lower("${var.name_prefix}object_storage_azure"), "/[^a-z0-9]/", ""), 0, 24)
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  account_tier                      = "Standard"
  account_replication_type          = "ZRS"
  min_tls_version                   = "TLS1_2"
  https_traffic_only_enabled        = true
  infrastructure_encryption_enabled = true
  allow_nested_items_to_be_public   = false

  blob_properties {
    versioning_enabled = true
    delete_retention_policy {
      days = 30
    }
  }
}

resource "azurerm_log_analytics_workspace" "monitoring_azure" {
  name                = "${var.name_prefix}-monitoring-azure"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  sku                 = "PerGB2018"
  retention_in_days   = 365
}

resource "azurerm_lb" "load_balancer_azure" {
  name                = "${var.name_prefix}-load-balancer-azure"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  sku                 = "Standard"

  # Internal by default: a private frontend in the design's subnet.
  frontend_ip_configuration {
    name                          = "internal"
    subnet_id                     = azurerm_subnet.vpc_azure_private.id
    private_ip_address_allocation = "Dynamic"
  }
}

resource "azurerm_redis_cache" "cache_azure" {
  name                          = "${var.name_prefix}-cache-azure"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  capacity                      = 1
  family                        = "P"
  sku_name                      = "Premium"
  minimum_tls_version           = "1.2"
  non_ssl_port_enabled          = false
  public_network_access_enabled = false
}

resource "azurerm_servicebus_namespace" "message_queue_azure" {
  name                = "${var.name_prefix}-message-queue-azure"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  sku                 = "Standard"
  minimum_tls_version = "1.2"
  local_auth_enabled  = false
}
