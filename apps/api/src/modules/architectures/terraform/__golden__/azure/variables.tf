variable "name_prefix" {
  description = "Prefix of every resource name"
  type        = string
  default     = "product-copilots"
}

variable "region" {
  description = "Region to deploy to"
  type        = string
  default     = "westeurope"
}

variable "subscription_id" {
  description = "Azure subscription to create the resources in"
  type        = string
}
