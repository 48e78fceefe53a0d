"""Customers, staff, teams and locations (master data), who may see which customer, the customer card."""
