"""Prometheus metrics of the event pipeline (exposed by every process's /metrics)."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

EVENTS_PUBLISHED = Counter(
    "events_published_total", "Events the outbox relay handed to the bus", ["topic"]
)
PUBLISH_FAILURES = Counter(
    "events_publish_failures_total", "Relay rounds that failed to publish (retried later)"
)
EVENTS_CONSUMED = Counter(
    "events_consumed_total",
    "Events taken off the bus by a consumer, by outcome (applied, duplicate, ignored)",
    ["consumer", "outcome"],
)
CONSUMER_RETRIES = Counter(
    "events_consumer_retries_total", "Failed handling attempts that will be retried", ["topic"]
)
EVENTS_DEAD_LETTERED = Counter(
    "events_dead_lettered_total", "Messages moved to a dead-letter topic", ["topic"]
)
OUTBOX_PENDING = Gauge("outbox_pending_events", "Outbox rows not yet published")
OUTBOX_OLDEST_AGE = Gauge(
    "outbox_oldest_pending_age_seconds", "Age of the oldest unpublished outbox row (0 if none)"
)
REMINDERS_EMITTED = Counter("reminders_emitted_total", "Reminder-due events written")
REMINDER_LAG = Histogram(
    "reminder_lag_seconds",
    "Delay between a reminder's time and its reminder-due event",
    buckets=(0.5, 1, 2, 5, 10, 30, 60, 300, 3600),
)
NOTIFICATIONS_DELIVERED = Counter(
    "notifications_delivered_total", "Reminder notifications delivered, by channel", ["channel"]
)
WEBHOOK_FAILURES = Counter(
    "notification_webhook_failures_total", "Webhook deliveries given up after their retries"
)
