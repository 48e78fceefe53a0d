"""The audit log of staff access to customer data."""
