"""Reusable UI pieces: data in, ``on_*`` callbacks out, no services, storage or navigation inside."""
