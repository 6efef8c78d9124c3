"""Visitor consent: the banner, the consent cookie and the cookie table (see the README)."""
