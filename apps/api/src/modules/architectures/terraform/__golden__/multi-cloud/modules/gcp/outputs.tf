output "message_queue_gcp_topic" {
  description = "Topic of message queue gcp"
  value       = google_pubsub_topic.message_queue_gcp.id
}
