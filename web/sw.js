// Roundtrip's service worker: hands every request of the student's app to Flask.
//
// It keeps no state between events that it cannot rebuild (browsers stop idle service workers
// at any time): the base path comes from its registration scope; a page's first request finds
// the shell window by lookup, and later ones go straight to that shell's Python worker on a port
// the shell handed over (a cache: lost with the service worker, asked for again).

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
    return;
  }
  const inApp = url.pathname.startsWith(APP) || url.pathname + "/" === APP;
  if (!inApp && (!event.clientId || isShellFile(url.pathname))) return;
  const path = inApp ? url.pathname.slice(APP.length - 1) || "/" : url.pathname;
  const port = event.request.mode !== "navigate" && workerPorts.get(appClients.get(event.clientId));
  if (port) {
    event.respondWith(straightToWorker(port, event.request, path + url.search));
  } else if (inApp) {
    event.respondWith(toFlask(event, url, path));
  } else {
    // Outside <base>app/: the app's absolute fetch('/api/...'), or some other page's request.
    // Only the requesting client tells them apart.
    event.respondWith(
      windowClients().then((windows) => {
        const client = windows.find((c) => c.id === event.clientId);
        return client && isAppUrl(client.url)
          ? toFlask(event, url, path, windows)
          : fetch(event.request);
      }),
    );
  }
});

// --- the direct line to Python -------------------------------------------------------------
//
// Relaying each request through the shell page cost a hop through its main thread (which the
// app's own page shares) and a client lookup. So once a request has found its way through the
// shell, the shell hands this service worker a MessagePort straight to its Python worker, and
// later requests of the same app page go there. These maps are caches, not state: a restarted
// service worker starts empty and the next request takes the long way again.
const appClients = new Map(); // id of an app page -> id of the shell window whose Python serves it
const workerPorts = new Map(); // id of a shell window -> port to its Python worker
const pendingAnswers = new Map(); // request id -> resolve, for answers on those ports
let lastRequestId = 0;

self.addEventListener("message", (event) => {
  const shellId = event.source && event.source.id;
  if (!event.data || !shellId) return;
  if (event.data.type === "roundtrip-worker-port") {
    const port = event.ports[0];
    port.onmessage = ({ data }) => {
      const resolve = pendingAnswers.get(data.id);
      pendingAnswers.delete(data.id);
      if (resolve) resolve(data);
    };
    workerPorts.set(shellId, port);
  } else if (event.data.type === "roundtrip-shell-closing") {
    // Its Python worker dies with it: a port to it would swallow requests.
    workerPorts.delete(shellId);
    for (const [client, shell] of appClients) if (shell === shellId) appClients.delete(client);
  }
});

async function straightToWorker(port, request, path) {
  const id = ++lastRequestId;
  const message = await requestMessage(request, path);
  const answer = new Promise((resolve) => pendingAnswers.set(id, resolve));
  port.postMessage({ ...message, id }, message.body ? [message.body] : []);
  return toResponse(await answer);
}

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

async function requestMessage(request, path) {
  const body = ["GET", "HEAD"].includes(request.method) ? undefined : await request.arrayBuffer();
  return {
    type: "roundtrip-request",
    method: request.method,
    path,
    navigate: request.mode === "navigate",
    headers: [...request.headers],
    body,
  };
}

// The long way, through the shell window, which also tells which shell serves the requesting
// page and hands over a port for the direct line.
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
  const requester = windows.find((c) => c.id === event.clientId);
  if (requester && isAppUrl(requester.url)) appClients.set(requester.id, shell.id);
  if (request.mode === "navigate" && event.resultingClientId) appClients.set(event.resultingClientId, shell.id);
  const message = await requestMessage(request, path + url.search);
  if (!workerPorts.has(shell.id)) message.wantsWorkerPort = true;
  const { port1, port2 } = new MessageChannel();
  const answer = new Promise((resolve) => {
    port1.onmessage = (reply) => resolve(reply.data);
  });
  shell.postMessage(message, message.body ? [port2, message.body] : [port2]);
  return toResponse(await answer);
}

function toResponse({ status, statusText, headers, body }) {
  const responseHeaders = new Headers();
  for (const [name, value] of headers) {
    if (name.toLowerCase() !== "set-cookie") responseHeaders.append(name, value);
  }
  // Pages inside the isolated shell must declare COEP themselves to be allowed in its frame.
  responseHeaders.set("Cross-Origin-Embedder-Policy", ISOLATION_HEADERS["Cross-Origin-Embedder-Policy"]);
  return new Response(NULL_BODY_STATUS.has(status) ? null : body, {
    status,
    statusText,
    headers: responseHeaders,
  });
}
