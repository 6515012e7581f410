"""JSON logs with secrets redacted, Prometheus metrics, request ids."""
