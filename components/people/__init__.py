"""Forms and lists of customers, staff, teams and locations."""
