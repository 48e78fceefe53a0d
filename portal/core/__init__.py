"""Plumbing every capability shares: settings, database, clock, crypto, errors, languages, listing, HTTP."""
