provider "azurerm" {
  subscription_id = var.subscription_id
  features {}
}

locals {
  tags = {
    environment = "production"
    managed_by  = "steward"
    design      = "Product copilots"
    steward_tags = "copilots"
  }
  labels = {
    environment = "production"
    managed_by  = "steward"
  }
}
