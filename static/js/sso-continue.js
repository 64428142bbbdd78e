// Single sign-on: go on to the identity provider at once (sso/redirect.html). The page is not
// a redirect because the sign-in form's CSP (form-action 'self') would block that one.
(function () {
  "use strict";
  var link = document.querySelector("[data-sso-continue]");
  if (link) {
    window.location.replace(link.href);
  }
})();
