// Progressive enhancement only: every page works without this file.
// Close open header menus on Escape or on a click outside them.
(function () {
  "use strict";
  function openMenus() {
    return document.querySelectorAll("details[data-menu][open]");
  }
  document.addEventListener("click", function (event) {
    openMenus().forEach(function (menu) {
      if (!menu.contains(event.target)) menu.removeAttribute("open");
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    openMenus().forEach(function (menu) {
      menu.removeAttribute("open");
      var summary = menu.querySelector("summary");
      if (summary) summary.focus();
    });
  });
})();

// The evidence picker (evidence/_picker.html): typing in its search or filters, or in an
// "add a file or link" panel beside it (data-no-autosave), must not autosave the form around
// it; Enter searches instead of submitting, and an item ticked in the results moves up to the
// linked list so a new search cannot drop it.
(function () {
  "use strict";
  function searchOf(target) {
    return target instanceof Element ? target.closest("[data-evidence-search]") : null;
  }
  function stop(event) {
    event.stopPropagation(); // htmx's own listener on the box still runs
  }
  function bind(root) {
    root.querySelectorAll("[data-evidence-search], [data-no-autosave]").forEach(function (box) {
      if (box.dataset.pickerBound) return;
      box.dataset.pickerBound = "1";
      box.addEventListener("input", stop);
      box.addEventListener("change", stop);
    });
  }
  if (window.htmx) window.htmx.onLoad(bind);
  else document.addEventListener("DOMContentLoaded", function () { bind(document); });
  document.addEventListener("keydown", function (event) {
    var search = event.key === "Enter" && searchOf(event.target);
    if (search) {
      event.preventDefault();
      if (window.htmx) window.htmx.trigger(search, "search");
    }
  });
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.checked || !box.closest(".evidence-results")) return;
    var picker = box.closest("[data-evidence-picker]");
    var linked = picker && picker.querySelector("[data-linked]");
    if (!linked) return;
    linked.appendChild(box.closest("li"));
    var none = picker.querySelector("[data-none-linked]");
    if (none) none.remove();
    box.focus();
  });
})();

// The organisation's main navigation on small screens: folded behind its "Menu" button (the
// CSS shows the button and hides the list below 40rem only once this has run, so without
// JavaScript the whole list shows). Escape closes it and returns focus to the button.
(function () {
  "use strict";
  function setUp(nav) {
    var button = nav.querySelector(".nav-toggle");
    if (!button) return;
    function show(open) {
      nav.classList.toggle("is-open", open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    nav.classList.add("is-collapsible");
    button.hidden = false;
    button.addEventListener("click", function () {
      show(!nav.classList.contains("is-open"));
    });
    nav.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && nav.classList.contains("is-open")) {
        show(false);
        button.focus();
      }
    });
  }
  function setUpAll() {
    document.querySelectorAll("[data-collapsible-nav]").forEach(setUp);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUpAll);
  else setUpAll();
})();
