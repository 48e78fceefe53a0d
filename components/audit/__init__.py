"""The audit log list and its filter."""
