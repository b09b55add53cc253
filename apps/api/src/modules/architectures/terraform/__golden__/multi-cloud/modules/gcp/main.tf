resource "google_pubsub_topic" "message_queue_gcp" {
  name                       = "${var.name_prefix}-message-queue-gcp"
  message_retention_duration = "86400s"
}
