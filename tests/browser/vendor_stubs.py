"""Stand-ins for the vendor scripts no package registry offers (Matomo, SmartTag, Eulerian, gtag.js).

Each reproduces the behaviours of the real script that the consent paths depend on, and only
those; the source of each behaviour is cited next to it. Every stub records what the vendor was
told in ``window.__vendor`` (``mode``: what the vendor would measure under) and sends one hit per
page view to the vendor's real collection path, so tests count hits and read their parameters.

Piano Analytics is not stubbed: its real SDK (``piano-analytics-js`` from npm) runs in the tests.
"""

# Matomo's JavaScript tracker (matomo.js).
# - The _paq queue is applied in two passes: first the methods of the fixed ``applyFirst`` list in
#   that list's order, whatever the push order, then the rest in push order (``applyFirst`` and
#   ``applyMethodsInOrder`` in js/piwik.js, https://github.com/matomo-org/matomo/blob/5.x-dev/js/piwik.js).
#   So disableCookies always runs before setConsentGiven.
# - requireConsent: "no tracking request will be sent to Matomo and no cookies will be set" until
#   setConsentGiven; requests made before are queued and sent on consent
#   (https://developer.matomo.org/guides/tracking-consent).
# - setConsentGiven(setCookieConsent): gives tracking consent and, unless its argument is false,
#   cookie consent too, which turns cookies back on after disableCookies (setCookieConsentGiven sets
#   "cookies disabled" to false) (https://developer.matomo.org/api-reference/tracking-javascript).
# - forgetConsentGiven: removes consent, disables cookies, requires consent again; optUserOut stops
#   tracking for the visitor (same reference).
# - _pk_id.<site>.<hash> = "<visitor id>.<creation time>." is rewritten on each tracked page, but
#   expires setVisitorCookieTimeout seconds (default 13 months) after its creation time, never
#   later ("getRemainingVisitorCookieTimeout" in js/piwik.js); _pk_ses lives 30 minutes
#   (https://matomo.org/faq/general/faq_146/).
MATOMO = r"""
(function () {
  var V = (window.__vendor = window.__vendor || {});
  V.calls = V.calls || [];
  var state = {required: false, consent: false, cookies: true, optedOut: false,
               timeout: 33955200 /* matomo.js's default, 393 days */, siteId: null, url: null, queued: []};
  var APPLY_FIRST = ['addTracker', 'enableFileTracking', 'forgetCookieConsentGiven',
    'requireCookieConsent', 'disableBrowserFeatureDetection', 'disableCampaignParameters',
    'disableCookies', 'setTrackerUrl', 'setAPIUrl', 'enableCrossDomainLinking',
    'setCrossDomainLinkingTimeout', 'setSessionCookieTimeout', 'setVisitorCookieTimeout',
    'setCookieNamePrefix', 'setCookieSameSite', 'setSecureCookie', 'setCookiePath',
    'setCookieDomain', 'setDomains', 'setUserId', 'setVisitorId', 'setSiteId',
    'alwaysUseSendBeacon', 'disableAlwaysUseSendBeacon', 'enableLinkTracking',
    'setCookieConsentGiven', 'requireConsent', 'setConsentGiven'];
  function writeCookies() {
    if (!state.cookies) { return; }
    var name = '_pk_id.' + state.siteId + '.1fff';
    var match = document.cookie.match(new RegExp(name.replace(/\./g, '\\.') + '=([^;]*)'));
    var now = Math.floor(Date.now() / 1000);
    var created = match ? parseInt(match[1].split('.')[1], 10) : now;
    var remaining = created + state.timeout - now;  // getRemainingVisitorCookieTimeout
    document.cookie = name + '=0123456789abcdef.' + created + '.; Path=/; Max-Age=' + remaining;
    document.cookie = '_pk_ses.' + state.siteId + '.1fff=1; Path=/; Max-Age=1800';
  }
  function send(action) {
    if (state.optedOut) { return; }
    if (state.required && !state.consent) { state.queued.push(action); return; }
    writeCookies();
    new Image().src = state.url + '?idsite=' + state.siteId + '&rec=1&' + action +
      (state.required ? '&consent=1' : '') + '&cookie=' + (state.cookies ? 1 : 0);
  }
  var api = {
    setTrackerUrl: function (u) { state.url = u; },
    setSiteId: function (s) { state.siteId = s; },
    disableCookies: function () { state.cookies = false; },
    setVisitorCookieTimeout: function (t) { state.timeout = t; },
    requireConsent: function () { state.required = true; },
    setCookieConsentGiven: function () {
      if (!state.cookies) { state.cookies = true; if (V.hits) { writeCookies(); } }
    },
    setConsentGiven: function (setCookieConsent) {
      state.consent = true;
      var queued = state.queued; state.queued = [];
      queued.forEach(send);
      if (setCookieConsent === undefined || setCookieConsent) { api.setCookieConsentGiven(); }
    },
    forgetConsentGiven: function () { state.consent = false; state.cookies = false; state.required = true; },
    optUserOut: function () { state.optedOut = true; },
    forgetUserOptOut: function () { state.optedOut = false; },
    trackPageView: function () { V.hits = (V.hits || 0) + 1; send('action_name=page'); },
    enableLinkTracking: function () {},
  };
  function apply(args) {
    V.calls.push(Array.prototype.slice.call(args).join(':'));
    var method = api[args[0]];
    if (method) { method.apply(null, Array.prototype.slice.call(args, 1)); }
  }
  var queue = window._paq || [];
  APPLY_FIRST.forEach(function (name) {
    queue = queue.filter(function (args) {
      if (args[0] === name) { apply(args); return false; }
      return true;
    });
  });
  queue.forEach(apply);
  window._paq = {push: function () { Array.prototype.forEach.call(arguments, apply); }};
  V.state = state;
  V.mode = function () {
    if (state.optedOut || (state.required && !state.consent)) { return 'none'; }
    return state.required ? 'optin' : 'exempt';
  };
})();
"""

# AT Internet SmartTag with its Privacy plugin: setVisitorMode("cnil", "exempt") for the CNIL
# hybrid measure, setVisitorOptin() for the exhaustive measure after consent, setVisitorOptout()
# for a restricted measure with idclient "OPT-OUT"; the visitor mode is stored in a cookie
# (https://developers.atinternet-solutions.com/as2-tagging-en/javascript-en/advanced-features-javascript-en/privacy-javascript-en).
# dispatch() sends the page hit to the log server's /hit.xiti and sets the atuserid visitor cookie
# (13 months) unless the visitor mode forbids it.
SMARTTAG = r"""
(function () {
  var V = (window.__vendor = window.__vendor || {calls: []});
  V.calls = V.calls || [];
  V.privacy = 'optin';  // SmartTag's default without the plugin's calls
  window.ATInternet = {Tracker: {Tag: function (config) {
    var tag = this;
    this.privacy = {
      setVisitorMode: function (authority, mode) { V.calls.push('mode:' + authority + ':' + mode); V.privacy = mode; },
      setVisitorOptin: function () { V.calls.push('optin'); V.privacy = 'optin'; },
      setVisitorOptout: function () {
        V.calls.push('optout'); V.privacy = 'optout';
        document.cookie = 'atuserid=; Path=/; Max-Age=0';
      },
    };
    this.page = {set: function (page) { tag.pageInfo = page; }};
    this.dispatch = function () {
      V.hits = (V.hits || 0) + 1;
      if (V.privacy !== 'optout') {
        document.cookie = 'atuserid=' + (V.privacy === 'exempt' ? 'exempt' : 'id') + '; Path=/; Max-Age=' + 34128000;
      }
      new Image().src = 'https://logs1.xiti.com/hit.xiti?s=1&vm=' + V.privacy +
        (V.privacy === 'optout' ? '&idclient=OPT-OUT' : '');
    };
  }}};
  V.mode = function () { return V.privacy; };
})();
"""

# Eulerian's tag: the official loader defines EA_push as a queue named "_EA_<hash of the domain>"
# and gives the script element that name in its ``ea`` property; the script reads the queue and
# measures the page (https://doc.eulerian.com/p/VQsvBWd5BML-3U/Cas-particulier-CMP-Tarte-Au-Citron
# and the loader in Eulerian's eanalytics-react, src/eanalytics.ts). Exempt collection is an
# account setting, not a call: the page sends the same hit in both modes; the etuix visitor cookie
# lives 13 months (https://doc.eulerian.com/p/WijZuvqwsFKoQB/What-is-important-to-know-about-Eulerian-Cookies).
EULERIAN = r"""
(function () {
  var V = (window.__vendor = window.__vendor || {calls: []});
  var script = document.currentScript;
  var queue = script && script.ea ? window[script.ea] || [] : [];
  V.calls = ['queue:' + (script && script.ea ? script.ea : 'none') + ':' + queue.length];
  V.hits = (V.hits || 0) + 1;
  document.cookie = 'etuix=1; Path=/; Max-Age=34128000';
  new Image().src = 'https://' + (queue.eah || 'et1.eulerian.net') + '/col/?pv=1';
  V.mode = function () { return 'measuring'; };
})();
"""

# Google's gtag.js with Consent Mode v2: reads the dataLayer; consent "default"/"update" set the
# state; each "config" sends a page_view to /g/collect whose gcs parameter carries the state
# (G1<ad><analytics>, 1 = granted); the _ga cookie is written only once analytics_storage is
# granted; with it denied, pings are cookieless
# (https://developers.google.com/tag-platform/security/guides/consent and
# https://support.google.com/tagmanager/answer/13695607); window["ga-disable-<ID>"] = true stops
# all measurement (https://developers.google.com/analytics/devguides/collection/ga4/disable-analytics).
GTAG = r"""
(function () {
  var V = (window.__vendor = window.__vendor || {calls: []});
  V.calls = V.calls || [];
  var dl = (window.dataLayer = window.dataLayer || []);
  var state = (V.consent = {});
  var id = null;
  function flag(v) { return v === 'granted' ? '1' : '0'; }
  function run(a) {
    if (a[0] === 'consent') { Object.assign(state, a[2]); V.calls.push('consent:' + a[1] + ':' + JSON.stringify(a[2])); }
    if (state.analytics_storage === 'granted' && !(id && window['ga-disable-' + id])) {
      document.cookie = '_ga=GA1.1.1.1; Path=/; Max-Age=63072000';
    }
    if (a[0] === 'config') {
      id = a[1];
      if (window['ga-disable-' + id]) { return; }
      V.hits = (V.hits || 0) + 1;
      new Image().src = 'https://region1.google-analytics.com/g/collect?v=2&tid=' + id + '&en=page_view&gcs=G1' +
        flag(state.ad_storage) + flag(state.analytics_storage);
    }
  }
  Array.prototype.forEach.call(dl, run);
  var push = dl.push;
  dl.push = function (a) { push.apply(dl, arguments); run(a); };
  V.mode = function () {
    if (id && window['ga-disable-' + id]) { return 'none'; }
    if (state.analytics_storage === undefined) { return 'optin'; }
    return state.analytics_storage === 'granted' ? 'optin' : 'denied';
  };
})();
"""
