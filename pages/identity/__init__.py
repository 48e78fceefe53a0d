"""Sign-in, second factor, activation, password, sign-out and single sign-on pages."""
