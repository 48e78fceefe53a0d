"""Pages and HTTP routes of the chat."""
