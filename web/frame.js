// Runs inside the student's app (injected at the top of every HTML page Flask serves to the
// preview): keeps links, forms and script navigations inside the app.
//
// On the school server `<a href="/about">` means the app's /about. Here the app lives at
// <base>app/, and the browser would leave it for the host's real /about (on GitHub Pages,
// someone else's site). A navigation's request cannot be caught by the service worker when its
// target is outside the worker's scope, so the target is rewritten before the browser goes.
(() => {
  const APP = new URL("app/", document.currentScript.src);

  function insideApp(url) {
    if (url.origin !== APP.origin || url.pathname.startsWith(APP.pathname)) return null;
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return new URL(url.pathname.slice(1) + url.search + url.hash, APP).href;
  }

  // Links and forms: rewrite the target just before the browser reads it.
  document.addEventListener(
    "click",
    (event) => {
      const link = event.target instanceof Element && event.target.closest("a[href]");
      if (!link) return;
      const target = insideApp(new URL(link.href, location.href));
      if (target) link.href = target;
    },
    true,
  );
  document.addEventListener(
    "submit",
    (event) => {
      const form = event.target;
      const submitter = event.submitter;
      const action = (submitter && submitter.getAttribute("formaction")) || form.getAttribute("action") || location.href;
      const target = insideApp(new URL(action, location.href));
      if (!target) return;
      if (submitter && submitter.hasAttribute("formaction")) submitter.setAttribute("formaction", target);
      else form.setAttribute("action", target);
    },
    true,
  );

  // document.cookie writes: Flask keeps the cookie jar, and the shell sends what the script
  // changed along to Python. Most requests go to Python without passing the shell, so the shell
  // hears of each write as it happens (a synchronous event on this frame's element) rather
  // than when the next request leaves. The cookie itself is written as the browser would.
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, "cookie");
  const frameElement = window.frameElement;
  if (cookie && frameElement) {
    Object.defineProperty(document, "cookie", {
      configurable: true,
      get: () => cookie.get.call(document),
      set: (value) => {
        cookie.set.call(document, value);
        frameElement.dispatchEvent(new Event("roundtrip-cookie-written"));
      },
    });
  }

  // Script navigations (location.href = '/x', location.assign, window.open in the same frame):
  // the Navigation API sees them before they happen.
  if (window.navigation) {
    navigation.addEventListener("navigate", (event) => {
      const target = insideApp(new URL(event.destination.url));
      if (!target || !event.cancelable || event.formData) return;
      event.preventDefault();
      location.assign(target);
    });
  }
})();
