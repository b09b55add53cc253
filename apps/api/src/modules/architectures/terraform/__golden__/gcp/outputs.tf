output "vpc_gcp_network" {
  description = "Network of vpc gcp"
  value       = google_compute_network.vpc_gcp.id
}

output "kubernetes_gcp_endpoint" {
  description = "API endpoint of kubernetes gcp"
  value       = google_container_cluster.kubernetes_gcp.endpoint
}

output "relational_db_gcp_connection_name" {
  description = "Connection name of relational db gcp"
  value       = google_sql_database_instance.relational_db_gcp.connection_name
}

output "object_storage_gcp_bucket" {
  description = "Bucket of object storage gcp"
  value       = google_storage_bucket.object_storage_gcp.name
}

output "monitoring_gcp_alert_policy" {
  description = "Alert policy of monitoring gcp"
  value       = google_monitoring_alert_policy.monitoring_gcp.name
}

output "load_balancer_gcp_address" {
  description = "Address of load balancer gcp"
  value       = google_compute_forwarding_rule.load_balancer_gcp.ip_address
}

output "cache_gcp_host" {
  description = "Host of cache gcp"
  value       = google_redis_instance.cache_gcp.host
}

output "message_queue_gcp_topic" {
  description = "Topic of message queue gcp"
  value       = google_pubsub_topic.message_queue_gcp.id
}
