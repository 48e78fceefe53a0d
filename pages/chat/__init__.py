"""Chat: the customer's conversations, starting one, one conversation live, the routes messages and files are
posted to, and the staff inbox."""
