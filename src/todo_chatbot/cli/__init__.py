"""The `todo` command line."""
