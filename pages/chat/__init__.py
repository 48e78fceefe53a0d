"""Chat: the customer's conversations, starting one, one conversation live, and the route messages are posted to."""
