"""Staff pages for customers, staff members, teams and locations; the customer card."""
