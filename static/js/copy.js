// Progressive enhancement only: a "Copy link" button beside a secret link
// (templates/partials/copy_field.html). Without this file the button stays hidden and the
// link is plain selectable text. The result is announced in the field's live region.
(function () {
  "use strict";
  function announce(field, text) {
    var status = field.querySelector("[data-copy-status]");
    if (!status) return;
    status.textContent = "";
    // A fresh text node after clearing, so a second "Copied" is announced again.
    window.setTimeout(function () { status.textContent = text; }, 50);
  }
  function fallbackCopy(source) {
    source.focus();
    source.select();
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }
  function copy(field) {
    var source = field.querySelector("[data-copy-source]");
    if (!source) return;
    var done = function () { announce(field, "Copied"); };
    var failed = function () {
      if (fallbackCopy(source)) done();
      else announce(field, "Could not copy: the link is selected, press Ctrl+C (or Cmd+C) to copy it.");
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(source.value).then(done, failed);
    } else {
      failed();
    }
  }
  function bind(root) {
    root.querySelectorAll("[data-copy-field]").forEach(function (field) {
      var button = field.querySelector("[data-copy-button]");
      if (!button || button.dataset.copyBound) return;
      button.dataset.copyBound = "1";
      button.hidden = false;
      button.addEventListener("click", function () { copy(field); });
    });
  }
  if (window.htmx) window.htmx.onLoad(bind);
  else document.addEventListener("DOMContentLoaded", function () { bind(document); });
})();
