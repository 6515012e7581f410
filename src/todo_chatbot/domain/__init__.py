"""Pure task rules: validation, normalisation and recurrence math. No I/O here."""
