// Roundtrip's service worker: hands every request of the student's app to Flask.
//
// It keeps no state between events (browsers stop idle service workers at any time): the base
// path comes from its registration scope, the shell window is looked up per request, and the
// answer comes back on a one-shot MessagePort straight from the Pyodide worker.

const BASE = new URL(self.registration.scope).pathname; // "/course/", always with a slash
const APP = BASE + "app/";
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);
// The shell's own files go straight to the network, untouched: this keeps them out of the
// per-request client lookup and lets the browser cache compiled WebAssembly on reloads.
const SHELL_FOLDERS = ["pyodide/", "vendor/"];
const SHELL_FILES = new Set([
  "", "index.html", "shell.js", "shell.css", "worker.js", "frame.js", "sw.js", "404.html",
  "build.json", "bundle.tar.gz", "project.tar.gz", "seed-image.bin",
]);

function isShellFile(pathname) {
  if (!pathname.startsWith(BASE)) return false;
  const rest = pathname.slice(BASE.length);
  return SHELL_FILES.has(rest) || SHELL_FOLDERS.some((folder) => rest.startsWith(folder));
}

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

// Cross-origin isolation lets the shell share memory with the Pyodide worker, which is how a
// runaway loop in a route gets interrupted (a KeyboardInterrupt) instead of freezing Python.
// A static host cannot send these headers, so the service worker adds them: to the shell's page
// and worker script, and (COEP) to every page the app serves inside the isolated shell.
const ISOLATION_HEADERS = {
  "Cross-Origin-Opener-Policy": "same-origin",
  // credentialless, not require-corp: images or fonts a student links from another site still load.
  "Cross-Origin-Embedder-Policy": "credentialless",
};

async function isolated(request) {
  const response = await fetch(request);
  if (!response.ok) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

function isShellDocumentOrWorker(url, request) {
  const rest = url.pathname.slice(BASE.length);
  return url.pathname.startsWith(BASE) &&
    ((request.mode === "navigate" && (rest === "" || rest === "index.html")) || rest === "worker.js");
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin) return; // other origins are never the app's
  if (isShellDocumentOrWorker(url, event.request)) {
    event.respondWith(isolated(event.request));
  } else if (url.pathname.startsWith(APP) || url.pathname + "/" === APP) {
    event.respondWith(toFlask(event, url, url.pathname.slice(APP.length - 1) || "/"));
  } else if (event.clientId && !isShellFile(url.pathname)) {
    // Outside <base>app/: the app's absolute fetch('/api/...'), or some other page's request.
    // Only the requesting client tells them apart.
    event.respondWith(
      windowClients().then((windows) => {
        const client = windows.find((c) => c.id === event.clientId);
        return client && isAppUrl(client.url)
          ? toFlask(event, url, url.pathname, windows)
          : fetch(event.request);
      }),
    );
  }
});

function isAppUrl(href) {
  return new URL(href).pathname.startsWith(APP);
}

function isShell(client) {
  const path = new URL(client.url).pathname;
  return client.frameType === "top-level" && (path === BASE || path === BASE + "index.html");
}

function windowClients() {
  return self.clients.matchAll({ type: "window", includeUncontrolled: true });
}

async function toFlask(event, url, path, windows) {
  const request = event.request;
  windows = windows || (await windowClients());
  const shell = windows.find(isShell); // most recently focused first
  if (!shell) {
    if (request.mode === "navigate") {
      // No page is running Python: open the shell, which opens the app at this path.
      return Response.redirect(BASE + "?app=" + encodeURIComponent(path + url.search), 302);
    }
    return new Response("Roundtrip is not running: open " + BASE, { status: 503 });
  }
  const body = ["GET", "HEAD"].includes(request.method) ? undefined : await request.arrayBuffer();
  const { port1, port2 } = new MessageChannel();
  const answer = new Promise((resolve) => {
    port1.onmessage = (message) => resolve(message.data);
  });
  shell.postMessage(
    {
      type: "roundtrip-request",
      method: request.method,
      path: path + url.search,
      navigate: request.mode === "navigate",
      headers: [...request.headers],
      body,
    },
    body ? [port2, body] : [port2],
  );
  const { status, statusText, headers, body: content } = await answer;
  const responseHeaders = new Headers();
  for (const [name, value] of headers) {
    if (name.toLowerCase() !== "set-cookie") responseHeaders.append(name, value);
  }
  // Pages inside the isolated shell must declare COEP themselves to be allowed in its frame.
  responseHeaders.set("Cross-Origin-Embedder-Policy", ISOLATION_HEADERS["Cross-Origin-Embedder-Policy"]);
  return new Response(NULL_BODY_STATUS.has(status) ? null : content, {
    status,
    statusText,
    headers: responseHeaders,
  });
}
