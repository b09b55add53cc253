module "aws" {
  source      = "./modules/aws"
  name_prefix = var.name_prefix
  region      = var.aws_region
}

module "gcp" {
  source      = "./modules/gcp"
  name_prefix = var.name_prefix
  region      = var.gcp_region
  project_id = var.project_id
}

module "azure" {
  source      = "./modules/azure"
  name_prefix = var.name_prefix
  region      = var.azure_region
}
