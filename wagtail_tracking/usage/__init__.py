"""First-party usage metrics: cookieless, anonymous daily counts of page views, document
downloads and API calls.

Capture (``middleware``, ``capture``) decides whether a finished request is a countable hit and
describes it as a few counter keys; ``storage`` adds them to the database directly (one upsert)
or to a shared cache (``buffer``) that ``flush_usage_buffer`` writes to the database in batches.
"""
