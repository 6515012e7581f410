"""Events: CloudEvents envelopes, topics and their JSON Schemas."""
