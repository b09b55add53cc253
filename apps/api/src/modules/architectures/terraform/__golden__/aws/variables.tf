variable "name_prefix" {
  description = "Prefix of every resource name"
  type        = string
  default     = "payments-platform"
}

variable "region" {
  description = "Region to deploy to"
  type        = string
  default     = "eu-west-1"
}

variable "eks_cluster_role_arn" {
  description = "IAM role the EKS control plane assumes"
  type        = string
}
