"""The printable activation letter."""
