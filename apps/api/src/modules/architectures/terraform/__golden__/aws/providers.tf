provider "aws" {
  region = var.region

  default_tags {
    tags = local.tags
  }
}

locals {
  tags = {
    environment = "production"
    managed_by  = "steward"
    design      = "Payments Platform"
    steward_tags = "payments"
  }
  labels = {
    environment = "production"
    managed_by  = "steward"
  }
}
