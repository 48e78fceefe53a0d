"""The admins' audit log page."""
