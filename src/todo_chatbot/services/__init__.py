"""Use cases. Each runs inside the caller's transaction (`Database.transaction()`) and
never commits, so a change and the outbox event describing it land together or not at all."""
