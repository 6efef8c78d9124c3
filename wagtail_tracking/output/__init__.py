"""Page composition: the trackers, the consent banner and the cache, put together for a page.

It sits above ``providers`` and ``consent`` and is what the template tags and the settings
screen's preview call:

* ``build``: a site's tracker HTML from its settings (loader configuration, banner, scripts);
* ``cache``: that HTML kept in the shared cache, invalidated when settings change;
* ``render``: the HTML of one slot for one request, with the CSP nonce;
* ``signal_handlers``: what invalidates the cache;
* ``admin``: Settings › Tracking, the providers' tabs followed by the preview of ``build``'s HTML.
"""
