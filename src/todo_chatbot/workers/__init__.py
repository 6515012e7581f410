"""Event-driven workers: outbox relay, recurring tasks, reminder scheduler, notifier."""
