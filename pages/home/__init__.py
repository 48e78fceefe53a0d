"""The start page of every role."""
