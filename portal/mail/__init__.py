"""E-mail: an outbox in the database and a sender that delivers it over SMTP (chat notices, reminders)."""
