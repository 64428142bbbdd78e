// Autosave on the respond page: a save that fails is never silent.
//
// Each response form (data-autosave) posts itself through htmx on every change. The server
// answers 200 ("Saved at ..."), 400 (bad input, shown by the field) or 409 (a conflict, both
// versions shown); htmx swaps those into the card's status slot. This file handles the rest:
// no answer, a server error or a sign-in page instead of an answer. Then the card says so,
// keeps everything typed (nothing in the form is touched), tries again with a growing pause
// (and offers "Try again now"), and the page warns before it is left with changes the server
// has not confirmed. "Saved" only ever comes from the server's reply.
(function () {
  "use strict";

  var RETRY_SECONDS = [2, 5, 10, 20, 30]; // then every 30 s while the page is open
  var state = new WeakMap(); // form -> what has been typed, sent, confirmed and failed
  var sentAt = new WeakMap(); // xhr -> the form's change count when it was sent
  var leaving = false;

  function isAutosave(elt) {
    return elt && elt.matches && elt.matches("form[data-autosave]");
  }

  function stateOf(form) {
    var s = state.get(form);
    if (!s) {
      // changed/confirmed: edits made, and how many of them the server has confirmed.
      s = { changed: 0, confirmed: 0, inFlight: 0, failures: 0, timer: null };
      s.resolve = ""; // the last save's "Keep my version" choice, for its retry
      s.retrying = false;
      state.set(form, s);
    }
    return s;
  }

  function statusSlot(form) {
    return document.querySelector(form.getAttribute("data-hx-target"));
  }

  // Say what is happening in the card's status slot. The slot is changed in place: htmx has
  // already picked it as the target of a save on its way, and a new element would not get the
  // answer. Only the conflict panel (a div) is replaced, never while a save is on its way.
  function showStatus(form, kind, text, button) {
    var slot = statusSlot(form);
    if (!slot || (slot.dataset.kind === kind && slot.dataset.text === text)) return;
    if (slot.tagName !== "P") {
      var paragraph = document.createElement("p");
      paragraph.id = slot.id;
      slot.replaceWith(paragraph);
      slot = paragraph;
    }
    slot.className = "save-status " + kind;
    slot.dataset.kind = kind;
    slot.dataset.text = text;
    slot.setAttribute("role", kind === "failed" ? "alert" : "status");
    slot.replaceChildren();
    if (kind === "failed") {
      var strong = document.createElement("strong");
      strong.textContent = "Not saved. ";
      slot.appendChild(strong);
    }
    slot.appendChild(document.createTextNode(text));
    if (button) {
      var again = document.createElement("button");
      again.type = "button";
      again.className = "button-secondary";
      again.setAttribute("data-autosave-retry", "");
      again.textContent = button;
      slot.appendChild(document.createTextNode(" "));
      slot.appendChild(again);
    }
  }

  // A conflict panel or a refusal stays on screen until the person acts on it.
  function slotNeedsAttention(form) {
    var slot = statusSlot(form);
    return !!slot && (slot.classList.contains("conflict") || slot.classList.contains("not-saved"));
  }

  function hasUnconfirmed(form) {
    var s = stateOf(form);
    return s.changed > s.confirmed || s.inFlight > 0 || s.failures > 0;
  }

  function reason(xhr) {
    if (xhr.noAnswer === "htmx:timeout") return "The server took too long to answer.";
    if (xhr.signedOut) return "You have been signed out.";
    if (xhr.status === 0) return "The connection to the server was lost.";
    if (xhr.status === 403) {
      return "The server refused it (error 403): you may have been signed out.";
    }
    if (xhr.status >= 500) return "The server had a problem (error " + xhr.status + ").";
    return "The server answered with error " + xhr.status + ".";
  }

  // Worth trying again by itself: no answer, a server error, too many requests.
  function transient(xhr) {
    if (xhr.signedOut) return false;
    return xhr.status === 0 || xhr.status === 429 || xhr.status >= 500;
  }

  function retry(form) {
    var s = stateOf(form);
    clearTimeout(s.timer);
    s.timer = null;
    s.retrying = true;
    htmx.trigger(form, "submit"); // the form as it is now, so later typing is included
  }

  function failed(form, xhr) {
    var s = stateOf(form);
    s.failures += 1;
    clearTimeout(s.timer);
    if (s.inFlight > 0) return; // a later save of this card is on its way; its answer decides
    var text = reason(xhr) + " Everything you typed is still here";
    if (!transient(xhr)) {
      var advice = xhr.signedOut
        ? ": sign in again in another tab, then try again."
        : ". Try again, or reload the page if it keeps failing.";
      showStatus(form, "failed", text + advice, "Try again");
      return;
    }
    var wait = RETRY_SECONDS[Math.min(s.failures, RETRY_SECONDS.length) - 1];
    var seconds = Math.round(wait * (0.8 + Math.random() * 0.4)); // spread out several cards
    showStatus(
      form,
      "failed",
      text + "; trying again in " + seconds + (seconds === 1 ? " second." : " seconds."),
      "Try again now"
    );
    s.timer = setTimeout(function () {
      retry(form);
    }, seconds * 1000);
  }

  // The person changed something: the earlier "Saved" no longer describes the form.
  function edited(event) {
    var form = event.target.form;
    if (!isAutosave(form) || event.target.closest("[data-evidence-search]")) return;
    var s = stateOf(form);
    s.changed += 1;
    if (!s.inFlight && !s.failures && !slotNeedsAttention(form)) {
      showStatus(form, "pending", "Unsaved changes");
    }
  }
  // Capture phase: counted before htmx (listening on the form) sends the save it triggers.
  document.addEventListener("input", edited, true);
  document.addEventListener("change", edited, true);

  // Django's CSRF cookie as it is now: signing in again (in another tab) rotates it, and the
  // token this page was rendered with would then be refused.
  function csrfCookie() {
    var found = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return found ? decodeURIComponent(found[1]) : "";
  }

  // Retrying "Keep my version" keeps that choice (its button may be gone from the card).
  document.addEventListener("htmx:configRequest", function (event) {
    var form = event.detail.elt;
    if (!isAutosave(form)) return;
    var token = csrfCookie();
    if (token) {
      event.detail.headers["X-CSRFToken"] = token;
      event.detail.parameters.csrfmiddlewaretoken = token; // the form's field is checked first
    }
    var s = stateOf(form);
    if (s.retrying && s.resolve && !event.detail.parameters.resolve) {
      event.detail.parameters.resolve = s.resolve;
    }
    s.retrying = false;
    s.resolve = event.detail.parameters.resolve || "";
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt;
    if (!isAutosave(form)) return;
    var s = stateOf(form);
    clearTimeout(s.timer);
    s.timer = null;
    s.inFlight += 1;
    sentAt.set(event.detail.xhr, s.changed);
    if (slotNeedsAttention(form)) return;
    if (s.failures > 0) {
      showStatus(form, "saving", "Trying again to save… (attempt " + (s.failures + 1) + ")");
    } else {
      showStatus(form, "saving", "Saving…");
    }
  });

  // A reply that was redirected (to the sign-in page) is not a save: never swap it in.
  // (htmx fires this on the swap target; the form is the request's element.)
  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    var config = event.detail.requestConfig;
    if (!config || !isAutosave(config.elt) || !xhr.responseURL) return;
    var asked = new URL(config.path, window.location.href).pathname;
    if (new URL(xhr.responseURL).pathname !== asked) {
      xhr.signedOut = true;
      event.detail.shouldSwap = false;
    }
  });

  // htmx fires these right after htmx:afterRequest when a request got no answer.
  ["htmx:timeout", "htmx:sendAbort"].forEach(function (name) {
    document.addEventListener(name, function (event) {
      event.detail.xhr.noAnswer = name;
    });
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    var xhr = event.detail.xhr;
    if (!isAutosave(form) || !sentAt.has(xhr)) return;
    var s = stateOf(form);
    var sent = sentAt.get(xhr);
    sentAt.delete(xhr);
    s.inFlight = Math.max(0, s.inFlight - 1);
    var answered = xhr.status === 200 || xhr.status === 400 || xhr.status === 409;
    if (!answered || xhr.signedOut) {
      setTimeout(function () {
        failed(form, xhr);
      }, 0); // after htmx:timeout has said why, if that is why
      return;
    }
    s.failures = 0;
    if (xhr.status === 200) {
      s.confirmed = Math.max(s.confirmed, sent);
      if (hasUnconfirmed(form) && !slotNeedsAttention(form)) {
        showStatus(form, "pending", "Unsaved changes");
      }
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-autosave-retry]");
    if (button && isAutosave(button.form)) {
      retry(button.form);
      return;
    }
    if (event.target.closest("[data-autosave-discard]")) leaving = true; // a deliberate discard
  });

  window.addEventListener("online", function () {
    document.querySelectorAll("form[data-autosave]").forEach(function (form) {
      if (stateOf(form).failures > 0) retry(form);
    });
  });

  window.addEventListener("beforeunload", function (event) {
    if (leaving) return;
    var forms = document.querySelectorAll("form[data-autosave]");
    for (var i = 0; i < forms.length; i++) {
      if (hasUnconfirmed(forms[i])) {
        event.preventDefault();
        event.returnValue = ""; // older browsers need it set to show the warning
        return;
      }
    }
  });
})();
