// Marks the page as one GOV.UK Frontend's JavaScript can enhance (what the
// GOV.UK template does with an inline script; the page's
// Content-Security-Policy allows no inline script, so it is this file).
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
