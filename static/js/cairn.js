/* Cairn's small helpers. Pages work without them; they keep words from being lost.
 *
 * 1. Drafts: a form marked data-draft="name" keeps what is typed in this browser's
 *    storage, keyed to the signed-in person and the page, and offers it back after an
 *    interruption (an expired session, a crash, a closed tab). The server names a
 *    saved draft in a short-lived cookie (DraftSavedMiddleware) and it is removed;
 *    signing out removes all of the person's drafts, and another person's drafts are
 *    removed as soon as someone else signs in here.
 * 2. The idle limit: a minute before it, a kind warning with "Keep me signed in";
 *    typing counts as activity.
 * 3. After a failed submit, focus moves to the error summary.
 */
(function () {
  "use strict";
  var body = document.body;
  var user = body.getAttribute("data-user");
  var PREFIX = "cairn.draft.";
  var MAX_AGE_MS = 14 * 24 * 3600 * 1000;
  var signingOut = false;

  function storage() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  function draftKeys() {
    var store = storage(), keys = [];
    if (!store) return keys;
    for (var i = 0; i < store.length; i++) {
      var key = store.key(i);
      if (key && key.indexOf(PREFIX) === 0) keys.push(key);
    }
    return keys;
  }

  function removeDrafts(test) {
    var store = storage();
    draftKeys().forEach(function (key) { if (test(key)) store.removeItem(key); });
  }

  function readCookie(name) {
    var match = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return match ? decodeURIComponent(match[1].replace(/^"|"$/g, "")) : null;
  }

  function fieldsOf(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      if (!el.name || el.disabled || el.name === "csrfmiddlewaretoken" || el.name === "cairn_draft") return false;
      var type = (el.type || "").toLowerCase();
      return ["hidden", "password", "submit", "button", "file", "reset"].indexOf(type) === -1;
    });
  }

  function snapshot(form) {
    var values = {};
    fieldsOf(form).forEach(function (el) {
      var type = (el.type || "").toLowerCase();
      if (type === "checkbox" || type === "radio") {
        if (el.checked) (values[el.name] = values[el.name] || []).push(el.value);
        else values[el.name] = values[el.name] || [];
      } else if (el.tagName === "SELECT" && el.multiple) {
        values[el.name] = Array.prototype.filter.call(el.options, function (o) { return o.selected; }).map(function (o) { return o.value; });
      } else {
        values[el.name] = el.value;
      }
    });
    return values;
  }

  function restore(form, values) {
    fieldsOf(form).forEach(function (el) {
      if (!(el.name in values)) return;
      var value = values[el.name], type = (el.type || "").toLowerCase();
      if (type === "checkbox" || type === "radio") el.checked = value.indexOf(el.value) !== -1;
      else if (el.tagName === "SELECT" && el.multiple) {
        Array.prototype.forEach.call(el.options, function (o) { o.selected = value.indexOf(o.value) !== -1; });
      } else el.value = value;
      el.dispatchEvent(new Event("input", { bubbles: true }));
    });
  }

  function hasWords(values) {
    return Object.keys(values).some(function (name) {
      var value = values[name];
      return typeof value === "string" ? value.trim() !== "" : false;
    });
  }

  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  function when(time) {
    var date = new Date(time);
    var today = new Date();
    var clock = date.toLocaleTimeString(undefined, { hour: "numeric", minute: "2-digit" });
    if (date.toDateString() === today.toDateString()) return "today at " + clock;
    return date.toLocaleDateString(undefined, { weekday: "long", day: "numeric", month: "long" }) + " at " + clock;
  }

  function setUpDraft(form) {
    var store = storage();
    if (!store || !user) return;
    var name = form.getAttribute("data-draft");
    var key = PREFIX + user + "." + name + "." + location.pathname + location.search;
    var marker = document.createElement("input");
    marker.type = "hidden";
    marker.name = "cairn_draft";
    marker.value = name + "." + location.pathname + location.search;
    form.appendChild(marker);

    var original = snapshot(form);
    var saved = null;
    try { saved = JSON.parse(store.getItem(key) || "null"); } catch (e) { saved = null; }
    if (saved && (Date.now() - saved.at > MAX_AGE_MS || !saved.values)) { store.removeItem(key); saved = null; }

    if (saved && hasWords(saved.values) && !same(saved.values, original)) {
      var offer = document.createElement("div");
      offer.className = "draft-offer";
      offer.setAttribute("role", "region");
      offer.setAttribute("aria-label", "Unsaved writing");
      offer.innerHTML = '<p><strong>You have writing from <span class="draft-offer__when"></span> that wasn\'t saved.</strong> It was kept in this browser.</p>' +
        '<div class="actions"><button type="button" class="draft-offer__restore">Put it back</button> ' +
        '<button type="button" class="button--quiet draft-offer__discard">Discard it</button></div>';
      offer.querySelector(".draft-offer__when").textContent = when(saved.at);
      form.insertBefore(offer, form.firstElementChild);
      offer.querySelector(".draft-offer__restore").addEventListener("click", function () {
        restore(form, saved.values);
        offer.remove();
        var first = fieldsOf(form).filter(function (el) { return el.tagName === "TEXTAREA" || el.type === "text"; })[0];
        if (first) first.focus();
      });
      offer.querySelector(".draft-offer__discard").addEventListener("click", function () {
        store.removeItem(key);
        offer.remove();
      });
    }

    var timer = null;
    function keep() {
      if (signingOut) return;
      var values = snapshot(form);
      if (same(values, original) || !hasWords(values)) return;
      try { store.setItem(key, JSON.stringify({ at: Date.now(), values: values })); } catch (e) { /* full: nothing to do */ }
    }
    form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(keep, 300); });
    form.addEventListener("change", keep);
    form.addEventListener("submit", keep);
    window.addEventListener("pagehide", keep);
  }

  function tidyDrafts() {
    if (!user) return;
    // Someone else signed in on this browser: nothing of the last person's stays.
    removeDrafts(function (key) { return key.indexOf(PREFIX + user + ".") !== 0; });
    var saved = readCookie("cairn_draft_saved");
    if (saved) {
      removeDrafts(function (key) { return key === PREFIX + user + "." + saved; });
      document.cookie = "cairn_draft_saved=; Max-Age=0; path=/; SameSite=Lax";
    }
    Array.prototype.forEach.call(document.querySelectorAll("form[data-sign-out]"), function (form) {
      form.addEventListener("submit", function () {
        signingOut = true;
        removeDrafts(function () { return true; });
      });
    });
  }

  function setUpIdleWarning() {
    var seconds = parseInt(body.getAttribute("data-idle-seconds") || "0", 10);
    if (!user || !seconds || seconds < 120) return;
    var keepAliveUrl = body.getAttribute("data-keep-alive");
    var lastRenewed = Date.now();
    var warning = null, warnTimer = null, endTimer = null, lastTypingPing = Date.now();

    function schedule() {
      clearTimeout(warnTimer); clearTimeout(endTimer);
      warnTimer = setTimeout(warn, (seconds - 60) * 1000);
      endTimer = setTimeout(ended, seconds * 1000);
    }
    function renew() {
      return fetch(keepAliveUrl, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" }, redirect: "manual" })
        .then(function (response) {
          if (response.status === 204) { lastRenewed = Date.now(); schedule(); hide(); return true; }
          ended(); return false;
        })
        .catch(function () { return false; });
    }
    function hide() { if (warning) { warning.remove(); warning = null; } }
    function warn() {
      if (warning) return;
      warning = document.createElement("div");
      warning.className = "idle-warning";
      warning.setAttribute("role", "alertdialog");
      warning.setAttribute("aria-labelledby", "idle-warning-title");
      warning.setAttribute("aria-describedby", "idle-warning-text");
      warning.innerHTML = '<h2 id="idle-warning-title">Still there?</h2>' +
        '<p id="idle-warning-text">For your privacy, Cairn signs you out after a while without activity. ' +
        "That will happen in about a minute. Anything you're writing is kept in this browser.</p>" +
        '<div class="actions"><button type="button" class="idle-warning__keep">Keep me signed in</button></div>';
      body.appendChild(warning);
      var button = warning.querySelector(".idle-warning__keep");
      button.addEventListener("click", renew);
      button.focus();
    }
    function ended() {
      clearTimeout(warnTimer); clearTimeout(endTimer);
      // Words typed are in the drafts; the page itself is hidden behind sign-in.
      document.querySelectorAll("form[data-draft]").forEach(function (form) { form.dispatchEvent(new Event("change")); });
      // The server decides: an expired session goes to sign-in (and comes back here after).
      location.assign(location.href);
    }
    // Typing counts as activity: renew at most every five minutes while someone types.
    document.addEventListener("input", function () {
      if (Date.now() - lastTypingPing > 5 * 60 * 1000) { lastTypingPing = Date.now(); renew(); }
    });
    document.body.addEventListener("htmx:afterRequest", function () { lastRenewed = Date.now(); schedule(); });
    schedule();
  }

  function focusErrorSummary() {
    var summary = document.querySelector("main .form-errors");
    if (!summary) return;
    if (!summary.hasAttribute("tabindex")) summary.setAttribute("tabindex", "-1");
    summary.focus();
  }

  function setUpMenu() {
    // On a phone the header is one row: the links open from a Menu button. Without
    // this script the links simply show, wrapped.
    var button = document.querySelector(".menu-toggle");
    if (!button) return;
    var nav = button.closest(".site-nav");
    button.hidden = false;
    document.documentElement.classList.add("js-menu");
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(open));
      nav.classList.toggle("is-open", open);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && nav.classList.contains("is-open")) {
        nav.classList.remove("is-open");
        button.setAttribute("aria-expanded", "false");
        button.focus();
      }
    });
  }

  setUpMenu();
  tidyDrafts();
  Array.prototype.forEach.call(document.querySelectorAll("form[data-draft]"), setUpDraft);
  setUpIdleWarning();
  focusErrorSummary();
})();
