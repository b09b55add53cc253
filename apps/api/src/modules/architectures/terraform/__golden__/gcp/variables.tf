variable "name_prefix" {
  description = "Prefix of every resource name"
  type        = string
  default     = "ops-assistants"
}

variable "region" {
  description = "Region to deploy to"
  type        = string
  default     = "europe-west1"
}

variable "project_id" {
  description = "Google Cloud project to create the resources in"
  type        = string
}
