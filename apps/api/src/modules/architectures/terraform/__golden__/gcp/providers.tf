provider "google" {
  project        = var.project_id
  region         = var.region
  default_labels = local.labels
}

locals {
  tags = {
    environment = "staging"
    managed_by  = "steward"
    design      = "Ops assistants"
  }
  labels = {
    environment = "staging"
    managed_by  = "steward"
  }
}
