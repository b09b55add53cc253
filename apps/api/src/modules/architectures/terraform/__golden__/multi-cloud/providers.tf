provider "aws" {
  region = var.aws_region

  default_tags {
    tags = local.tags
  }
}

provider "google" {
  project        = var.project_id
  region         = var.gcp_region
  default_labels = local.labels
}

provider "azurerm" {
  subscription_id = var.subscription_id
  features {}
}

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
