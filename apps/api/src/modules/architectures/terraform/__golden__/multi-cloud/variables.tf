variable "name_prefix" {
  description = "Prefix of every resource name"
  type        = string
  default     = "evaluation-lakehouse"
}

variable "aws_region" {
  description = "Region for the aws module"
  type        = string
  default     = "us-east-1"
}

variable "gcp_region" {
  description = "Region for the gcp module"
  type        = string
  default     = "us-central1"
}

variable "project_id" {
  description = "Google Cloud project to create the resources in"
  type        = string
}

variable "azure_region" {
  description = "Region for the azure module"
  type        = string
  default     = "eastus"
}

variable "subscription_id" {
  description = "Azure subscription to create the resources in"
  type        = string
}
