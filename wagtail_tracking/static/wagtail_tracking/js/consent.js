/*
 * wagtail-tracking consent banner.
 *
 * Runs before the loader (tracking.js): reads the visitor's stored choice from the first-party
 * consent cookie (or Global Privacy Control / Do Not Track) and hands it over through
 * window.wagtailTrackingConsent, so trackers the visitor accepted start with the page and the
 * others never load. Then drives the banner rendered by {% tracking_body %} and the buttons of
 * {% tracking_consent_link %}, and calls window.wagtailTracking.setConsent() on each choice.
 *
 * The HTML is the same for every visitor (full-page caches keep working); all decisions are here.
 *
 * A choice is three-valued per tracker: true (accepted), false (refused or objected) and absent.
 * Absent is what a CNIL-exempt tracker keeps until the visitor explicitly accepts it (Accept all,
 * or ticking it): closing the banner, Escape, an untouched custom choice, GPC and DNT never turn
 * it into an acceptance, because only a clear positive act is consent (GDPR art. 4(11), 7).
 * docs/privacy/consent-paths.md lists what each visitor path sends to each vendor.
 */
(function () {
  "use strict";

  var w = window;
  var d = document;
  var configElement = d.getElementById("wagtail-tracking-config");
  if (!configElement) {
    return;
  }
  var settings = JSON.parse(configElement.textContent).consent;
  if (!settings) {
    return;
  }
  var asking = settings.providers;
  var slugs = Object.keys(asking);
  var stored = readChoice();
  var signalled = !stored && privacySignal();
  var banner = null;
  var insights = consentInsights();
  var opener = null;
  // The element that had the focus before it entered the banner: it gets it back on closing.
  var focusedBefore = null;
  // The banner's own "Cookie settings" button, shown only on pages without the site's link.
  var reopen = null;

  function privacySignal() {
    var nav = w.navigator;
    if (nav.globalPrivacyControl === true) {
      return true;
    }
    return settings.dnt && (nav.doNotTrack === "1" || w.doNotTrack === "1");
  }

  function cookieNames() {
    return d.cookie
      .split(";")
      .map(function (pair) {
        return pair.split("=")[0].trim();
      })
      .filter(Boolean);
  }

  function readChoice() {
    var prefix = settings.cookie + "=";
    var found = d.cookie
      .split(";")
      .map(function (pair) {
        return pair.trim();
      })
      .filter(function (pair) {
        return pair.indexOf(prefix) === 0;
      })[0];
    if (!found) {
      return null;
    }
    var params = new URLSearchParams(found.slice(prefix.length));
    if (params.get("v") !== settings.version) {
      return null; // the trackers that need consent changed: ask again
    }
    var choice = {};
    slugs.forEach(function (slug) {
      var value = params.get(slug);
      if (value === "1" || value === "0") {
        choice[slug] = value === "1";
      }
    });
    return choice;
  }

  function writeChoice(choice, receipt) {
    var params = new URLSearchParams();
    params.set("v", settings.version);
    params.set("t", String(Math.floor(Date.now() / 1000)));
    if (receipt) {
      params.set("r", receipt);
    }
    slugs.forEach(function (slug) {
      if (typeof choice[slug] === "boolean") {
        params.set(slug, choice[slug] ? "1" : "0");
      }
    });
    d.cookie =
      settings.cookie +
      "=" +
      params.toString() +
      "; Max-Age=" +
      settings.maxAge +
      "; Path=/; SameSite=Lax" +
      (w.location.protocol === "https:" ? "; Secure" : "");
  }

  function matches(name, pattern) {
    if (pattern.charAt(pattern.length - 1) === "*") {
      return name.indexOf(pattern.slice(0, -1)) === 0;
    }
    return name === pattern;
  }

  // Deletes a provider's known cookies on this host and on every parent domain.
  function deleteCookies(patterns) {
    var labels = w.location.hostname.split(".");
    var domains = [""];
    for (var i = 0; i < labels.length - 1; i += 1) {
      domains.push("; Domain=" + labels.slice(i).join("."));
    }
    cookieNames().forEach(function (name) {
      var known = patterns.some(function (pattern) {
        return matches(name, pattern);
      });
      if (!known || name === settings.cookie) {
        return;
      }
      domains.forEach(function (domain) {
        d.cookie = name + "=; Max-Age=0; Path=/" + domain;
      });
    });
  }

  function forgetRefused(choice) {
    slugs.forEach(function (slug) {
      if (choice[slug] === false) {
        deleteCookies(asking[slug].cookies || []);
      }
    });
  }

  function allOf(value) {
    var choice = {};
    slugs.forEach(function (slug) {
      choice[slug] = value;
    });
    return choice;
  }

  // Hand the choice to the loader, which has not run yet.
  var initial = stored || (signalled ? allOf(false) : null);
  if (initial) {
    var handed = w.wagtailTrackingConsent || {};
    Object.keys(initial).forEach(function (slug) {
      if (typeof initial[slug] === "boolean") {
        handed[slug] = initial[slug];
      }
    });
    w.wagtailTrackingConsent = handed;
    forgetRefused(initial);
  }

  function current() {
    if (stored) {
      return stored;
    }
    // No choice yet: exempt trackers keep their exemption (no key), the others wait for a yes.
    return signalled ? allOf(false) : {};
  }

  // "Continue without accepting": refuses what needs consent, leaves exempt trackers exempt.
  // Only called before any stored choice.
  function withoutAccepting() {
    var choice = {};
    slugs.forEach(function (slug) {
      if (signalled || asking[slug].mode !== "exempt") {
        choice[slug] = false;
      }
    });
    return choice;
  }

  function choose(choice, event) {
    var changed = Boolean(stored);
    var receipt = insights.newReceipt();
    var api = w.wagtailTracking;
    var mustReload = {};
    slugs.forEach(function (slug) {
      var provider = api && api.providers[slug];
      mustReload[slug] =
        Boolean(provider && provider.state === "running") &&
        (asking[slug].mode === "require" || !provider.revocable);
    });
    writeChoice(choice, receipt);
    stored = choice;
    insights.report(event || "custom", changed, choice, receipt);
    if (api) {
      api.setConsent(choice);
    }
    forgetRefused(choice);
    close();
    // A "consent required" tracker that already runs cannot be unloaded, nor can a tracker with no
    // way to be told to stop: reload the page, which the stored refusal keeps free of it.
    var reload = slugs.some(function (slug) {
      return choice[slug] === false && mustReload[slug];
    });
    if (reload) {
      w.location.reload();
    }
  }

  // A ticked box accepts; unticking an accepted tracker withdraws (refuses) it; an unticked box
  // left as it was keeps an exempt tracker's state (exempt or objected) and refuses the others.
  function choicesFromBoxes() {
    var before = current();
    var choice = {};
    slugs.forEach(function (slug) {
      var box = banner.querySelector('[data-wagtail-tracking-choice="' + slug + '"]');
      if (box && box.checked) {
        choice[slug] = true;
      } else if (typeof before[slug] === "boolean" || asking[slug].mode !== "exempt") {
        choice[slug] = false;
      }
    });
    return choice;
  }

  // "Choose" leaves once the choices are open: "Save my choices" takes its place.
  function showChoices(show) {
    var customise = banner.querySelector('[data-wagtail-tracking-action="customise"]');
    banner.querySelector(".wagtail-tracking-consent__choices").hidden = !show;
    banner.querySelector('[data-wagtail-tracking-action="save"]').hidden = !show;
    customise.setAttribute("aria-expanded", show ? "true" : "false");
    customise.hidden = show;
  }

  function focusable(element) {
    return Boolean(
      element && element !== d.body && d.body.contains(element) && element.getClientRects().length
    );
  }

  // Where the focus goes when the banner closes: the button that opened it, else the element
  // focused before the banner took the focus, else the start of the page (the next Tab reaches
  // the page's first control).
  function restoreFocus() {
    var target = focusable(opener) ? opener : focusable(focusedBefore) ? focusedBefore : null;
    if (target) {
      target.focus();
      return;
    }
    // Focusable only while it holds the focus, and without a ring around the whole page.
    d.body.setAttribute("tabindex", "-1");
    d.body.setAttribute("data-wagtail-tracking-focus-start", "");
    d.body.addEventListener(
      "blur",
      function () {
        d.body.removeAttribute("tabindex");
        d.body.removeAttribute("data-wagtail-tracking-focus-start");
      },
      { once: true }
    );
    d.body.focus({ preventScroll: true });
  }

  function open(withChoices, focus) {
    var choice = current();
    Array.prototype.forEach.call(banner.querySelectorAll("[data-wagtail-tracking-choice]"), function (box) {
      // Ticked only for an explicit acceptance: an exempt tracker is never shown as accepted.
      box.checked = choice[box.getAttribute("data-wagtail-tracking-choice")] === true;
    });
    showChoices(withChoices);
    insights.showReceipt(banner);
    // First in the page, so the first Tab reaches it; it never traps the focus.
    if (d.body.firstElementChild !== banner) {
      d.body.insertBefore(banner, d.body.firstChild);
    }
    banner.hidden = false;
    showReopen();
    if (focus) {
      banner.focus();
    }
  }

  // Withdrawing must stay as easy as consenting (GDPR art. 7(3)): a page without the site's
  // {% tracking_consent_link %} gets the banner's own button while the banner is closed.
  function showReopen() {
    if (reopen) {
      reopen.hidden = !banner.hidden;
    }
  }

  function close() {
    if (!banner || banner.hidden) {
      return;
    }
    var hadFocus = banner.contains(d.activeElement);
    banner.hidden = true;
    showReopen();
    if (hadFocus) {
      restoreFocus();
    }
    opener = null;
    focusedBefore = null;
  }

  var actions = {
    accept: function () {
      choose(allOf(true), "accept");
    },
    refuse: function () {
      choose(allOf(false), "refuse");
    },
    save: function () {
      choose(choicesFromBoxes(), "custom");
    },
    customise: function () {
      showChoices(true);
      // The button is gone: the focus moves to the first tool's box.
      var first = banner.querySelector("[data-wagtail-tracking-choice]");
      (first || banner).focus();
    },
    close: function () {
      // Closing without a stored choice means "continue without accepting".
      if (stored) {
        close();
      } else {
        choose(withoutAccepting(), "close");
      }
    },
    open: function (button) {
      opener = button;
      open(true, true);
    },
  };

  function setUp() {
    banner = d.getElementById("wagtail-tracking-consent");
    if (!banner) {
      return;
    }
    var links = d.querySelectorAll('[data-wagtail-tracking-action="open"]');
    Array.prototype.forEach.call(links, function (link) {
      if (link.id === banner.id + "-reopen") {
        reopen = links.length === 1 ? link : null;
      } else {
        link.hidden = false;
      }
    });
    showReopen();
    d.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("[data-wagtail-tracking-action]");
      if (!button) {
        return;
      }
      var action = actions[button.getAttribute("data-wagtail-tracking-action")];
      if (action && (button.getAttribute("data-wagtail-tracking-action") === "open" || banner.contains(button))) {
        event.preventDefault();
        action(button);
      }
    });
    d.addEventListener("focusin", function (event) {
      if (!banner.contains(event.target)) {
        focusedBefore = event.target;
      }
    });
    banner.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        actions.close();
      }
    });
    if (!stored && !signalled) {
      open(false, false);
      insights.reportOnce("shown");
    }
    if (signalled) {
      insights.reportOnce("signal");
    }
  }

  // --- Consent insights (wagtail_tracking.consent.insights) -----------------------------------
  // An anonymous beacon per display and per choice: the banner version, the event and, for a
  // choice, the choice per tool with a receipt ID drawn here (crypto.getRandomValues), kept in
  // the consent cookie ("r") and shown in the panel. Nothing else: no identifier of the visitor.
  function consentInsights() {
    var nav = w.navigator;
    function send(body) {
      if (!settings.beacon || !settings.banner || typeof nav.sendBeacon !== "function") {
        return;
      }
      body.v = settings.banner;
      body.l = settings.lang;
      try {
        // text/plain: a simple request, sent without a CORS preflight; same origin only.
        nav.sendBeacon(settings.beacon, JSON.stringify(body));
      } catch (error) {
        // statistics never get in the visitor's way
      }
    }
    function storedReceipt() {
      var prefix = settings.cookie + "=";
      var found = d.cookie.split(";").map(function (pair) {
        return pair.trim();
      }).filter(function (pair) {
        return pair.indexOf(prefix) === 0;
      })[0];
      var receipt = found ? new URLSearchParams(found.slice(prefix.length)).get("r") : null;
      return receipt && /^[0-9a-f]{32}$/.test(receipt) ? receipt : null;
    }
    return {
      newReceipt: function () {
        if (!w.crypto || typeof w.crypto.getRandomValues !== "function") {
          return null;
        }
        var bytes = w.crypto.getRandomValues(new Uint8Array(16));
        return Array.prototype.map.call(bytes, function (byte) {
          return (byte < 16 ? "0" : "") + byte.toString(16);
        }).join("");
      },
      report: function (event, changed, choice, receipt) {
        if (!receipt) {
          return;
        }
        var tools = {};
        slugs.forEach(function (slug) {
          if (typeof choice[slug] === "boolean") {
            tools[slug] = choice[slug];
          }
        });
        var body = { e: event, c: tools, r: receipt };
        if (changed) {
          body.g = true;
        }
        send(body);
      },
      // Displays and browser signals are counted once per visit (tab session), not per page.
      reportOnce: function (event) {
        var key = "wagtail_tracking_" + event + "_" + settings.banner;
        try {
          if (w.sessionStorage.getItem(key)) {
            return;
          }
          w.sessionStorage.setItem(key, "1");
        } catch (error) {
          // storage refused: count it anyway
        }
        send({ e: event });
      },
      showReceipt: function (element) {
        var line = element.querySelector("[data-wagtail-tracking-receipt]");
        var receipt = settings.receipts ? storedReceipt() : null;
        if (line) {
          line.hidden = !receipt;
          line.querySelector("code").textContent = receipt ? receipt.match(/.{8}/g).join("-") : "";
        }
      },
    };
  }

  w.wagtailTrackingBanner = {
    open: function () {
      if (banner) {
        open(true, true);
      }
    },
    choose: choose,
  };

  if (d.readyState === "loading") {
    d.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
