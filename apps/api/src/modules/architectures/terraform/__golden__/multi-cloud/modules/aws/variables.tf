variable "name_prefix" {
  description = "Prefix of every resource name"
  type        = string
  default     = "evaluation-lakehouse"
}

variable "region" {
  description = "Region to deploy to"
  type        = string
}
