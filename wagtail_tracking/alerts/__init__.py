"""Alerts on risky back-office activity, read live from the activity stream.

Rules (``rules.AlertRule``; built-in ones in ``builtin.py``, a site's own through the
``register_wagtail_tracking_alert_rules`` hook) look at each event in memory; after the editor's
transaction commits, a background task evaluates the rules that may fire and stores at most one
``Alert`` per dedupe key, then e-mails the users who asked for it.
"""
