"""Consent insights: anonymous daily statistics of the banner's choices, and consent receipts.

The banner (``consent.js``) sends one beacon per display and per choice to ``views.beacon``; the
statistics are counters per site and day (``ConsentCount``), the receipts one row per choice
(``ConsentReceipt``) pointing at the banner version the visitor saw (``BannerVersion``). Storage
reuses the usage metrics' modes (``USAGE_STORAGE``): one upsert per beacon, or the cache buffer
flushed in bulk. Nothing stored identifies a visitor beyond the random receipt ID their browser drew.
"""
