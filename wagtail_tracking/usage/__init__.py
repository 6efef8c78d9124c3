"""First-party usage metrics: cookieless, anonymous daily counts of page views, document
downloads and API calls.

Each kind of usage is declared once, in ``kinds``. Its mark (``marks``) labels a request as one
use; once the response exists, ``hits`` decides whether it counts and describes it as a few
counter keys, which ``middleware`` adds to the database directly (``storage``, one upsert) or to
a shared cache (``buffer``) that ``flush_usage_buffer`` writes to the database in batches.
"""
