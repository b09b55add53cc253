resource "google_compute_network" "vpc_gcp" {
  name                    = "${var.name_prefix}-vpc-gcp"
  auto_create_subnetworks = false
}

resource "google_compute_subnetwork" "vpc_gcp" {
  name                     = "${var.name_prefix}-vpc-gcp-private"
  ip_cidr_range            = "10.10.0.0/20"
  region                   = var.region
  network                  = google_compute_network.vpc_gcp.id
  private_ip_google_access = true
}

resource "google_container_cluster" "kubernetes_gcp" {
  name                = "${var.name_prefix}-kubernetes-gcp"
  location            = var.region
  enable_autopilot    = true
  network             = google_compute_network.vpc_gcp.id
  subnetwork          = google_compute_subnetwork.vpc_gcp.id
  deletion_protection = false

  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = false
  }

  release_channel {
    channel = "REGULAR"
  }
}

resource "google_sql_database_instance" "relational_db_gcp" {
  name                = "${var.name_prefix}-relational-db-gcp"
  database_version    = "POSTGRES_16"
  region              = var.region
  deletion_protection = false

  settings {
    tier              = "db-custom-2-7680"
    availability_type = "ZONAL"

    ip_configuration {
      ipv4_enabled    = false
      private_network = google_compute_network.vpc_gcp.id
      ssl_mode        = "ENCRYPTED_ONLY"
    }

    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true
    }
  }
}

resource "google_storage_bucket" "object_storage_gcp" {
  name                        = "${var.project_id}-${var.name_prefix}-object-storage-gcp"
  location                    = upper(var.region)
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = false

  versioning {
    enabled = true
  }
}

resource "google_monitoring_alert_policy" "monitoring_gcp" {
  display_name = "${var.name_prefix} monitoring_gcp: error logs"
  combiner     = "OR"

  conditions {
    display_name = "Error log entries"
    condition_threshold {
      filter          = "metric.type=\"logging.googleapis.com/log_entry_count\" AND metric.labels.severity=\"ERROR\""
      comparison      = "COMPARISON_GT"
      threshold_value = 10
      duration        = "300s"
      aggregations {
        alignment_period   = "300s"
        per_series_aligner = "ALIGN_RATE"
      }
    }
  }
}

resource "google_compute_region_health_check" "load_balancer_gcp" {
  name   = "${var.name_prefix}-load-balancer-gcp-health"
  region = var.region
  https_health_check {
    port = 443
  }
}

resource "google_compute_region_backend_service" "load_balancer_gcp" {
  name                  = "${var.name_prefix}-load-balancer-gcp"
  region                = var.region
  load_balancing_scheme = "INTERNAL"
  protocol              = "TCP"
  health_checks         = [google_compute_region_health_check.load_balancer_gcp.id]
}

# Internal by default: reachable from the network only.
resource "google_compute_forwarding_rule" "load_balancer_gcp" {
  name                  = "${var.name_prefix}-load-balancer-gcp"
  region                = var.region
  load_balancing_scheme = "INTERNAL"
  backend_service       = google_compute_region_backend_service.load_balancer_gcp.id
  ports                 = ["443"]
  network               = google_compute_network.vpc_gcp.id
  subnetwork            = google_compute_subnetwork.vpc_gcp.id
}

resource "google_redis_instance" "cache_gcp" {
  name                    = "${var.name_prefix}-cache-gcp"
  region                  = var.region
  tier                    = "STANDARD_HA"
  memory_size_gb          = 26
  authorized_network      = google_compute_network.vpc_gcp.id
  auth_enabled            = true
  transit_encryption_mode = "SERVER_AUTHENTICATION"
}

resource "google_pubsub_topic" "message_queue_gcp" {
  name                       = "${var.name_prefix}-message-queue-gcp"
  message_retention_duration = "86400s"
}
