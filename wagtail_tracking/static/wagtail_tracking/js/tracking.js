/*
 * wagtail-tracking loader.
 *
 * Reads the site's tracker configuration from <script id="wagtail-tracking-config"
 * type="application/json">, makes each vendor's inline calls (consent defaults first), and
 * turns the inert <script type="text/plain" data-wagtail-tracking="…"> elements into real
 * scripts once the visitor's choice allows it. No vendor code is loaded for a provider in
 * "require" mode before consent.
 *
 * Public API (see the README, "JavaScript consent API"):
 *   window.wagtailTracking.setConsent({ga4: true, matomo: false})   // or {"*": true}
 *   window.wagtailTracking.getConsent()
 *   window.wagtailTracking.providers            // {slug: {consent: mode, state: …}}
 *   window.wagtailTrackingConsent = {...}       // choices known before this file runs
 *   document events: wagtail-tracking:ready, wagtail-tracking:consent,
 *                    wagtail-tracking:started (in), wagtail-tracking:set-consent (in).
 */
(function () {
  "use strict";

  var w = window;
  var d = document;
  if (w.wagtailTracking && w.wagtailTracking.version) {
    return; // included twice: the first copy owns the page
  }
  var configElement = d.getElementById("wagtail-tracking-config");
  if (!configElement) {
    return;
  }
  var config = JSON.parse(configElement.textContent).providers || {};
  var loader = d.currentScript;
  var nonce = (loader && loader.nonce) || configElement.nonce || "";
  var adapters = w.wagtailTrackingAdapters || {};
  var choices = {};
  var providers = {};

  function emit(name, detail) {
    d.dispatchEvent(new CustomEvent("wagtail-tracking:" + name, { detail: detail }));
  }

  function whenReady(callback) {
    if (d.readyState === "loading") {
      d.addEventListener("DOMContentLoaded", callback);
    } else {
      callback();
    }
  }

  function storage(action, key, value) {
    try {
      if (action === "set") {
        w.localStorage.setItem(key, value);
      } else {
        w.localStorage.removeItem(key);
      }
    } catch (error) {
      // Storage blocked by the browser: nothing to remember.
    }
  }

  function pathSegments() {
    return w.location.pathname
      .split("/")
      .filter(Boolean)
      .map(function (segment) {
        return decodeURIComponent(segment).replace(/[^A-Za-z0-9_.~-]+/g, "-");
      });
  }

  function insertScript(src, attributes) {
    var script = d.createElement("script");
    script.src = src;
    script.async = true;
    if (nonce) {
      script.nonce = nonce;
    }
    Object.keys(attributes || {}).forEach(function (name) {
      script.setAttribute(name, attributes[name]);
    });
    var first = d.getElementsByTagName("script")[0];
    first.parentNode.insertBefore(script, first);
    return script;
  }

  // Each adapter runs the inline part of a vendor's official snippet:
  //   before(cfg, granted) before the vendor's scripts run; after(cfg, granted) once they have;
  //   load(cfg) for vendors whose script address is computed in the browser;
  //   grant(cfg) / revoke(cfg) when the visitor's choice changes while the tracker runs.
  var builtins = {
    ga4: {
      before: function (cfg, granted) {
        w.dataLayer = w.dataLayer || [];
        if (typeof w.gtag !== "function") {
          w.gtag = function () {
            w.dataLayer.push(arguments);
          };
        }
        if (cfg.consent !== "none") {
          w.gtag("consent", "default", {
            ad_storage: "denied",
            ad_user_data: "denied",
            ad_personalization: "denied",
            analytics_storage: "denied",
          });
          if (granted) {
            w.gtag("consent", "update", { analytics_storage: "granted" });
          }
        }
        w.gtag("js", new Date());
        w.gtag("config", cfg.measurementId);
      },
      grant: function () {
        w.gtag("consent", "update", { analytics_storage: "granted" });
      },
      revoke: function (cfg) {
        w.gtag("consent", "update", { analytics_storage: "denied" });
        if (cfg.consent === "require") {
          w["ga-disable-" + cfg.measurementId] = true;
        }
      },
    },
    ua: {
      before: function (cfg) {
        w.GoogleAnalyticsObject = "ga";
        w.ga =
          w.ga ||
          function () {
            (w.ga.q = w.ga.q || []).push(arguments);
          };
        w.ga.l = +new Date();
        w.ga("create", cfg.trackingId, "auto");
        w.ga("set", "anonymizeIp", true);
        w.ga("send", "pageview");
      },
      revoke: function (cfg) {
        w["ga-disable-" + cfg.trackingId] = true;
      },
    },
    xiti: {
      before: function (cfg) {
        var segments = pathSegments();
        var page = (cfg.pageRoot ? [cfg.pageRoot] : []).concat(segments.length ? segments : ["home"]);
        w.xtnv = d;
        w.xtsd = cfg.xtsd;
        w.xtsite = cfg.xtsite;
        w.xtn2 = cfg.level2;
        w.xtpage = page.join("::");
        w.xtdi = "";
      },
    },
    smarttag: {
      after: function (cfg, granted) {
        if (!w.ATInternet || !w.ATInternet.Tracker) {
          return;
        }
        var tag = new w.ATInternet.Tracker.Tag(cfg.site ? { site: cfg.site } : {});
        this.tag = tag;
        if (tag.privacy) {
          if (cfg.consent === "exempt" && !granted) {
            tag.privacy.setVisitorMode("cnil", "exempt");
          } else {
            tag.privacy.setVisitorOptin();
          }
        }
        var segments = pathSegments();
        var page = { name: segments.length ? segments[segments.length - 1] : "home" };
        segments.slice(0, -1).slice(0, 3).forEach(function (chapter, index) {
          page["chapter" + (index + 1)] = chapter;
        });
        if (cfg.level2) {
          page.level2 = cfg.level2;
        }
        tag.page.set(page);
        tag.dispatch();
      },
      grant: function () {
        if (this.tag && this.tag.privacy) {
          this.tag.privacy.setVisitorOptin();
        }
      },
      revoke: function () {
        if (this.tag && this.tag.privacy) {
          this.tag.privacy.setVisitorOptout();
        }
      },
    },
    piano: {
      before: function (cfg, granted) {
        // Piano's SDK reads window._paq by default, which is Matomo's queue: give it its own.
        w._pac = w._pac || {};
        w._pac.queueVarName = "_pa_q";
        if (cfg.consent !== "none") {
          w.pdl = w.pdl || {};
          w.pdl.requireConsent = "v2";
          w.pdl.consent = {
            products: ["PA"],
            defaultPreset: { PA: cfg.consent === "exempt" && !granted ? "essential" : "opt-in" },
          };
        }
      },
      after: function (cfg) {
        if (!w.pa) {
          return;
        }
        var segments = pathSegments();
        var page = { page: d.title || (segments.length ? segments[segments.length - 1] : "home") };
        segments.slice(0, 3).forEach(function (chapter, index) {
          page["page_chapter" + (index + 1)] = chapter;
        });
        w.pa.setConfigurations({ site: cfg.site, collectDomain: cfg.collectDomain });
        w.pa.sendEvent("page.display", page);
      },
      grant: function () {
        if (w.pa && w.pa.consent) {
          w.pa.consent.setMode("opt-in");
        }
      },
      revoke: function () {
        if (w.pa && w.pa.consent) {
          w.pa.consent.setMode("opt-out");
        }
      },
    },
    eulerian: {
      before: function (cfg) {
        // Eulerian's official loader, split in two: the EA_push queue here, the script in load().
        var e = cfg.domain;
        var i = e.length;
        var y = 5381;
        for (; i; ) {
          i -= 1;
          y = (y * 33) ^ e.charCodeAt(i);
        }
        this.queue = "_EA_" + (y >>> 0);
        var queue = this.queue;
        w.EA_push =
          w.EA_push ||
          function () {
            (w[queue] = w[queue] || []).push(arguments);
            w[queue].eah = e;
          };
        w.EA_push();
      },
      load: function (cfg) {
        if (cfg.localScript) {
          return; // the site's own ea.localpix.js is one of the provider's script elements
        }
        var i = (new Date() / 1e7) | 0;
        var y = i % 26;
        var script = insertScript(
          "https://" + cfg.domain + "/" + String.fromCharCode(97 + y, 122 - y, 65 + y) + (i % 1e3) + ".js?2",
          { "data-wagtail-tracking": "eulerian" }
        );
        script.ea = this.queue;
      },
    },
    matomo: {
      before: function (cfg) {
        if (cfg.containerId) {
          var _mtm = (w._mtm = w._mtm || []);
          _mtm.push({ "mtm.startTime": new Date().getTime(), event: "mtm.Start" });
          return;
        }
        var _paq = (w._paq = w._paq || []);
        if (cfg.consent === "require") {
          // matomo.js applies disableCookies before setConsentGiven whatever the push order, and
          // setConsentGiven() also gives cookie consent, which turns cookies back on;
          // setConsentGiven(false) gives tracking consent only ("setConsentGiven(setCookieConsent)"
          // in https://developer.matomo.org/api-reference/tracking-javascript).
          _paq.push(["requireConsent"]);
          _paq.push(cfg.disableCookies ? ["setConsentGiven", false] : ["setConsentGiven"]);
        }
        if (cfg.disableCookies) {
          _paq.push(["disableCookies"]);
        }
        if (cfg.consent === "exempt" && !cfg.disableCookies) {
          // 13 months, the CNIL maximum. matomo.js counts it from the _pk_id cookie's creation
          // time (getRemainingVisitorCookieTimeout in js/piwik.js), so visits never extend it.
          _paq.push(["setVisitorCookieTimeout", 33696000]);
        }
        _paq.push(["trackPageView"]);
        _paq.push(["enableLinkTracking"]);
        _paq.push(["setTrackerUrl", cfg.url + "matomo.php"]);
        _paq.push(["setSiteId", String(cfg.siteId)]);
      },
      grant: function (cfg) {
        if (!cfg.containerId && cfg.consent === "exempt") {
          w._paq.push(["forgetUserOptOut"]);
        }
      },
      revoke: function (cfg) {
        if (cfg.containerId) {
          return;
        }
        w._paq.push([cfg.consent === "require" ? "forgetConsentGiven" : "optUserOut"]);
      },
    },
    plausible: {
      before: function () {
        w.plausible =
          w.plausible ||
          function () {
            (w.plausible.q = w.plausible.q || []).push(arguments);
          };
        w.plausible.init =
          w.plausible.init ||
          function (options) {
            w.plausible.o = options || {};
          };
        w.plausible.init();
      },
      grant: function () {
        storage("remove", "plausible_ignore");
      },
      revoke: function () {
        storage("set", "plausible_ignore", "true");
      },
    },
    umami: {
      grant: function () {
        storage("remove", "umami.disabled");
      },
      revoke: function () {
        storage("set", "umami.disabled", "1");
      },
    },
  };

  function adapterFor(slug) {
    return adapters[slug] || builtins[slug] || {};
  }

  function activate(slug, onLoaded) {
    var placeholders = d.querySelectorAll(
      'script[type="text/plain"][data-wagtail-tracking="' + slug + '"]'
    );
    var pending = placeholders.length;
    if (!pending) {
      onLoaded();
      return;
    }
    function settle() {
      pending -= 1;
      if (!pending) {
        onLoaded();
      }
    }
    Array.prototype.forEach.call(placeholders, function (placeholder) {
      var script = d.createElement("script");
      Array.prototype.forEach.call(placeholder.attributes, function (attribute) {
        if (["type", "data-wagtail-tracking-src", "nonce"].indexOf(attribute.name) === -1) {
          script.setAttribute(attribute.name, attribute.value);
        }
      });
      // Browsers hide the nonce attribute's value; the property keeps it.
      script.nonce = placeholder.nonce || nonce;
      script.async = placeholder.hasAttribute("async");
      script.addEventListener("load", settle);
      script.addEventListener("error", settle);
      script.src = placeholder.getAttribute("data-wagtail-tracking-src");
      placeholder.parentNode.replaceChild(script, placeholder);
    });
  }

  function call(slug, method) {
    var adapter = adapterFor(slug);
    if (typeof adapter[method] !== "function") {
      return;
    }
    try {
      adapter[method](config[slug], choices[slug] === true);
    } catch (error) {
      if (w.console) {
        w.console.error("wagtail-tracking: " + slug + "." + method + " failed", error);
      }
    }
  }

  function start(slug, scriptsAreLive) {
    providers[slug].state = "running";
    call(slug, "before");
    whenReady(function () {
      call(slug, "load");
      function loaded() {
        call(slug, "after");
        emit("started", { provider: slug });
      }
      if (scriptsAreLive) {
        loaded();
      } else {
        activate(slug, loaded);
      }
    });
  }

  function mayStart(slug) {
    var mode = config[slug].consent;
    if (mode === "require") {
      return choices[slug] === true;
    }
    if (mode === "exempt") {
      return choices[slug] !== false;
    }
    return true;
  }

  function setConsent(newChoices) {
    var all = newChoices && newChoices["*"];
    Object.keys(config).forEach(function (slug) {
      var value = Object.prototype.hasOwnProperty.call(newChoices || {}, slug) ? newChoices[slug] : all;
      if (typeof value !== "boolean" || choices[slug] === value) {
        return;
      }
      choices[slug] = value;
      var provider = providers[slug];
      if (provider.consent === "none") {
        return;
      }
      if (provider.state === "running") {
        call(slug, value ? "grant" : "revoke");
        if (!value) {
          provider.state = "refused";
        }
      } else if (provider.state === "refused" && value) {
        call(slug, "grant");
        provider.state = "running";
      } else if (provider.state === "waiting" && mayStart(slug)) {
        start(slug, false);
      }
    });
    emit("consent", { choices: getConsent(), providers: providers });
  }

  function getConsent() {
    var copy = {};
    Object.keys(choices).forEach(function (slug) {
      copy[slug] = choices[slug];
    });
    return copy;
  }

  Object.keys(config).forEach(function (slug) {
    providers[slug] = {
      consent: config[slug].consent,
      state: "waiting",
      // Whether a running tracker can be told to stop; consent.js reloads the page otherwise.
      revocable: typeof adapterFor(slug).revoke === "function",
    };
  });

  w.wagtailTracking = {
    version: 1,
    providers: providers,
    nonce: nonce,
    setConsent: setConsent,
    getConsent: getConsent,
  };

  var initial = w.wagtailTrackingConsent || {};
  Object.keys(config).forEach(function (slug) {
    var value = Object.prototype.hasOwnProperty.call(initial, slug) ? initial[slug] : initial["*"];
    if (typeof value === "boolean") {
      choices[slug] = value;
    }
  });
  Object.keys(config).forEach(function (slug) {
    var mode = config[slug].consent;
    if (mayStart(slug)) {
      start(slug, mode === "none" || mode === "consent_mode");
    }
  });
  d.addEventListener("wagtail-tracking:set-consent", function (event) {
    setConsent(event.detail || {});
  });
  emit("ready", { providers: providers });
})();
