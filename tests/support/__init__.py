"""Helpers the tests share: personas, the OpenID provider, page-test helpers."""
