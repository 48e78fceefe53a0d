"""Document capture for customers and the document inbox for staff."""
