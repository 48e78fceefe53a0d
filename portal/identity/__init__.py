"""Who is signed in: accounts, sessions, passwords, the second factor, activation letters, single sign-on, roles."""
