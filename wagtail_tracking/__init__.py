"""Audience measurement, visitor consent and back-office analytics for Wagtail."""

__version__ = "0.1.0.dev0"
