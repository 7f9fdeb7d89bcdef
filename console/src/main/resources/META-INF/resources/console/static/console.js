// A request htmx sends after the session has ended is answered 499 by the OIDC layer (instead of a redirect a
// background request cannot follow): load the page again, which signs the person in again.
document.addEventListener("htmx:responseError", function (event) {
  if (event.detail.xhr && event.detail.xhr.status === 499) {
    window.location.reload();
  }
});
// After a page swap, move the keyboard focus to the main content, as a full page load would.
document.addEventListener("htmx:afterSettle", function (event) {
  if (event.detail.boosted) {
    var main = document.getElementById("main");
    if (main) { main.focus({ preventScroll: true }); }
  }
});
