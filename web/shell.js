// The shell page: starts the Pyodide worker and the service worker, shows the app and the
// Flask terminal, and defines the automation API (window.roundtrip) for tests and graders.
//
// A classic script loaded from <head>: window.roundtrip exists before anything is awaited.
(function () {
  "use strict";

  const BASE = new URL("./", location.href); // the site's base path, e.g. /course/
  const APP = new URL("app/", BASE); // where the student's app is mounted
  const PHASES = ["download", "python", "packages", "app"];

  const terminalLines = [];
  const pendingCalls = new Map();
  const queuedRequests = []; // requests that arrive before Python is ready
  let worker = null;
  let workerReady = false;
  let nextCallId = 1;
  let settleReady = null; // {resolve, reject} of the current `ready` promise
  let frameLoadsWanted = 0;
  let runtimeFailure = null;

  const roundtrip = {
    ready: null,
    request(method, path, options = {}) {
      return call("request", {
        method: String(method).toUpperCase(),
        path,
        headers: options.headers || {},
        body: options.body,
        cookieChanges: scriptCookieChanges(),
      });
    },
    readFile: (path) => call("readFile", { path }),
    writeFile: (path, text) => call("writeFile", { path, text: String(text) }).then(() => undefined),
    async restart() {
      interruptRunaway(); // like Ctrl+C before `flask run` again: a stuck request ends first
      await call("restart", {});
      renewReady();
      const ready = roundtrip.ready;
      loadFrame(currentAppPath());
      return ready;
    },
    sql: (text) => call("sql", { text }),
    // The MySQL console pane's session (USE, SET and open transactions carry over): what it
    // prints for the text, as the pane shows it.
    mysql: (text) => call("console", { text: String(text) }).then((answer) => answer.output),
    dump: (databases) => call("dump", { databases }),
    terminal: () => terminalLines.slice(),
  };
  renewReady();
  window.roundtrip = roundtrip;

  function renewReady() {
    const promise = new Promise((resolve, reject) => (settleReady = { resolve, reject }));
    promise.catch(() => {}); // a failure is reported on the page; no unhandled-rejection noise
    roundtrip.ready = promise;
    if (runtimeFailure) settleReady.reject(runtimeFailure);
  }

  async function call(op, args) {
    if (runtimeFailure) throw runtimeFailure;
    await whenWorkerReady();
    return new Promise((resolve, reject) => {
      const id = nextCallId++;
      pendingCalls.set(id, { resolve, reject, op, args });
      worker.postMessage({ type: "call", id, op, args });
    });
  }

  let workerReadyWaiters = [];
  function whenWorkerReady() {
    if (workerReady) return Promise.resolve();
    return new Promise((resolve, reject) => workerReadyWaiters.push({ resolve, reject }));
  }

  // --- the terminal ----------------------------------------------------------------------

  const ANSI = /\x1b\[([0-9;]*)m/g;

  const TERMINAL_ROWS = 3000; // rows kept on screen; terminal() keeps every line
  // The app's frame shares this page's main thread, so every repaint of the terminal delays the
  // app's own fetches: drawing it after each request made a 100-row GET take about twice as long.
  // Ten repaints a second are as readable, and a burst of requests costs one repaint.
  const TERMINAL_REPAINT_MS = 100;
  let pendingRows = [];
  let lastRepaint = -Infinity;
  let terminalScreen = null; // {host, rows}: see terminalView()
  let rowsOnScreen = 0;

  function appendTerminal(lines) {
    for (const line of lines) terminalLines.push(line.replace(ANSI, ""));
    if (!pendingRows.length) {
      const wait = Math.max(0, lastRepaint + TERMINAL_REPAINT_MS - performance.now());
      setTimeout(() => requestAnimationFrame(renderTerminal), wait);
    }
    pendingRows.push(...lines);
  }

  // The rows live in the terminal's own shadow tree, under a stylesheet of a few rules. In the
  // page's tree, Tabler's selectors (hundreds of :has() and positional ones) made Chromium
  // restyle all 3,000 rows on every repaint: 20-35 ms, which the app's fetch of that moment
  // waited for. A repaint's rows come as one block; once a newer block is drawn, the browser
  // skips laying out and painting the older ones while they are scrolled out of view, sizing
  // them as they were last drawn (so following the newest line stays exact).
  const TERMINAL_STYLE = `
    .repaint { contain-intrinsic-size: auto 10em; }
    .repaint.drawn { content-visibility: auto; }
    .ansi-1 { font-weight: bold; }
    .ansi-31 { color: #f48771; }
    .ansi-32 { color: #89d185; }
    .ansi-33 { color: #e5c07b; }
    .ansi-35 { color: #d68fd6; }
    .ansi-36 { color: #56b6c2; }`;

  function terminalView() {
    if (terminalScreen) return terminalScreen;
    const host = document.getElementById("terminal");
    if (!host) return null;
    const root = host.attachShadow({ mode: "open" });
    const style = document.createElement("style");
    style.textContent = TERMINAL_STYLE;
    const rows = document.createElement("div");
    root.append(style, rows);
    return (terminalScreen = { host, rows });
  }

  function renderTerminal() {
    lastRepaint = performance.now();
    const view = terminalView();
    const lines = pendingRows.slice(-TERMINAL_ROWS);
    pendingRows = [];
    if (!view) return;
    const { host, rows } = view;
    const atBottom = host.scrollTop + host.clientHeight >= host.scrollHeight - 4;
    const block = document.createElement("div");
    block.className = "repaint";
    for (const line of lines) block.append(terminalRow(line));
    rows.lastElementChild?.classList.add("drawn");
    rows.append(block);
    rowsOnScreen += lines.length;
    while (rowsOnScreen - rows.firstElementChild.childElementCount >= TERMINAL_ROWS) {
      rowsOnScreen -= rows.firstElementChild.childElementCount;
      rows.firstElementChild.remove();
    }
    if (atBottom) host.scrollTop = host.scrollHeight;
  }

  function terminalRow(line) {
    const row = document.createElement("div");
    let classes = [];
    let last = 0;
    for (const match of line.matchAll(ANSI)) {
      addText(row, line.slice(last, match.index), classes);
      const codes = match[1].split(";").filter(Boolean);
      classes = codes.includes("0") || codes.length === 0 ? [] : [...classes, ...codes.map((c) => "ansi-" + c)];
      last = match.index + match[0].length;
    }
    addText(row, line.slice(last), classes);
    return row;
  }

  function addText(parent, text, classes) {
    if (!text) return;
    if (!classes.length) return parent.append(text);
    const span = document.createElement("span");
    span.className = classes.join(" ");
    span.textContent = text;
    parent.append(span);
  }

  // --- the MySQL console -------------------------------------------------------------------
  //
  // Reads lines as the `mysql` client does: Python keeps what is typed until a line ends the
  // statement (`;`, `\G`, the DELIMITER in force) and answers with the client's output and the
  // next prompt (`mysql> ` or `    -> `).

  const mysqlHistory = [];
  let mysqlHistoryAt = 0;

  function setUpMysqlConsole() {
    const input = document.getElementById("mysql-input");
    const output = document.getElementById("mysql-output");
    const prompt = document.getElementById("mysql-prompt");
    const box = document.getElementById("mysql-console");
    box.addEventListener("click", () => { if (!getSelection().toString()) input.focus(); });
    input.addEventListener("input", () => (input.style.height = input.scrollHeight + "px"));
    input.addEventListener("keydown", async (event) => {
      if (event.key === "ArrowUp" || event.key === "ArrowDown") {
        if (input.value.includes("\n")) return;
        mysqlHistoryAt = Math.max(0, Math.min(mysqlHistory.length, mysqlHistoryAt + (event.key === "ArrowUp" ? -1 : 1)));
        input.value = mysqlHistory[mysqlHistoryAt] ?? "";
        event.preventDefault();
        return;
      }
      if (event.key !== "Enter" || event.shiftKey) return;
      event.preventDefault();
      const lines = input.value;
      input.value = "";
      input.style.height = "";
      if (lines.trim()) mysqlHistory.push(lines);
      mysqlHistoryAt = mysqlHistory.length;
      for (const line of lines.split("\n")) {
        output.append(prompt.textContent + line + "\n");
        try {
          const answer = await call("console", { text: line });
          output.append(answer.output);
          prompt.textContent = answer.prompt;
        } catch (error) {
          output.append(String(error.message) + "\n");
        }
      }
      box.scrollTop = box.scrollHeight;
    });
  }

  // The databases as a mysqldump file, saved by the browser: what a student takes to the
  // school's real server at the end. A blob: URL is the page's own, so no request leaves it.
  async function downloadDump() {
    const text = await roundtrip.dump();
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "application/sql" }));
    link.download = `databases-${new Date().toISOString().slice(0, 10)}.sql`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  }

  // --- start-up ----------------------------------------------------------------------------

  function unsupportedReason() {
    if (!window.isSecureContext)
      return "This page was not opened over https (or from this computer), so the browser turns off the service workers Roundtrip needs. Open the site's https:// address.";
    if (typeof WebAssembly !== "object" || typeof BigInt64Array === "undefined" || !("noModule" in HTMLScriptElement.prototype))
      return "This browser is too old to run Python. Update it, or use a current Chrome, Edge, Firefox or Safari.";
    if (!("serviceWorker" in navigator))
      return "This browser has service workers turned off (private or incognito windows, or settings that block site storage do this). Open Roundtrip in a normal window, or allow this site to store data.";
    return null;
  }

  // The runtime starts while the page is still parsing; what touches the page waits for it.
  const domReady = new Promise((resolve) => {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", resolve);
    else resolve();
  });

  async function showUnsupported(reason) {
    await domReady;
    document.getElementById("loading").hidden = true;
    document.getElementById("unsupported").hidden = false;
    document.getElementById("unsupported-reason").textContent = reason;
  }

  function fail(reason, error) {
    runtimeFailure = Object.assign(new Error(reason), { cause: error });
    settleReady.reject(runtimeFailure);
    for (const waiter of workerReadyWaiters) waiter.reject(runtimeFailure);
    workerReadyWaiters = [];
    showUnsupported(reason);
  }

  async function showPhase(phase) {
    await domReady;
    const index = phase === "done" ? PHASES.length : PHASES.indexOf(phase);
    document.querySelectorAll("#phases li").forEach((item, i) => {
      item.classList.toggle("done", i < index);
      item.classList.toggle("active", i === index);
    });
    document.getElementById("progress-bar").style.width = `${(100 * index) / PHASES.length}%`;
  }

  // --- runaway requests -----------------------------------------------------------------
  //
  // Python runs one request at a time; a route that never returns would freeze the app. When
  // the page is cross-origin isolated (from the second visit on: the service worker adds the
  // headers), the shell shares an interrupt flag with Python and raises KeyboardInterrupt in a
  // request that has run for RUNAWAY_MS, or at once when the student restarts Flask.
  const RUNAWAY_MS = 20000;
  const interruptBuffer = window.crossOriginIsolated ? new Int32Array(new SharedArrayBuffer(4)) : null;
  // When the running request started (ms since the epoch), 0 while Python is idle: written by
  // the worker into shared memory, so a request costs no message to this thread (which the
  // app's page shares). Without isolation nothing could be interrupted, so nothing is kept.
  const busyClock = interruptBuffer ? new Float64Array(new SharedArrayBuffer(8)) : null;

  function interruptRunaway() {
    if (interruptBuffer && busyClock[0] !== 0) interruptBuffer[0] = 2; // SIGINT
  }

  setInterval(() => {
    if (busyClock && busyClock[0] !== 0 && Date.now() - busyClock[0] > RUNAWAY_MS) interruptRunaway();
  }, 1000);

  function onWorkerMessage({ data }) {
    switch (data.type) {
      case "progress":
        showPhase(data.phase);
        break;
      case "terminal":
        appendTerminal(data.lines);
        break;
      case "cookies":
        mirrorCookies(data.cookies);
        break;
      case "ready":
        // Start-up phases on the page's timeline (ms since navigation start), for the benchmark.
        window.roundtripStartup = Object.fromEntries(
          Object.entries(data.marks).map(([name, at]) => [name, Math.round(at - performance.timeOrigin)]),
        );
        workerReady = true;
        for (const waiter of workerReadyWaiters) waiter.resolve();
        workerReadyWaiters = [];
        for (const [message, ports] of queuedRequests.splice(0)) forwardRequest(message, ports);
        break;
      case "fatal":
        fail(
          /memory/i.test(data.message)
            ? "Your device ran out of memory while starting Python. Close other tabs and reload this page."
            : `Python could not start: ${data.message}`,
          data,
        );
        break;
      case "result": {
        const pending = pendingCalls.get(data.id);
        pendingCalls.delete(data.id);
        if (data.ok) pending.resolve(data.value);
        else pending.reject(Object.assign(new Error(data.error.message), data.error.errno === undefined || data.error.errno === null ? {} : { errno: data.error.errno }));
        break;
      }
    }
  }

  // --- document.cookie --------------------------------------------------------------------
  //
  // The cookie jar lives with Flask (a service worker never sees Cookie or Set-Cookie). The
  // cookies a page's script may see are mirrored into the browser under <base>app/, so the
  // app's `document.cookie` reads as it would on the real server; what the app's script
  // writes there is read back and sent along with the next request.

  let mirroredCookies = new Map(); // name -> value, as last written into the browser
  const mirroredPaths = new Map(); // name -> the browser-side path it was written with

  // The app's Path=/ is <base>app, without the slash: that is also the default path of a
  // cookie the app's script writes on its root page, so the script can delete it as it would
  // on the real server.
  function cookiePath(appPath) {
    const root = APP.pathname.replace(/\/$/, "");
    return !appPath || appPath === "/" ? root : root + appPath;
  }

  function mirrorCookies(cookies) {
    const next = new Map(cookies.map(([name, value]) => [name, value]));
    for (const name of mirroredCookies.keys()) {
      if (!next.has(name)) document.cookie = `${name}=; path=${mirroredPaths.get(name) || cookiePath("/")}; max-age=0`;
    }
    for (const [name, value, path, expiresAt] of cookies) {
      const expires = expiresAt ? `; expires=${new Date(expiresAt * 1000).toUTCString()}` : "";
      mirroredPaths.set(name, cookiePath(path));
      document.cookie = `${name}=${value}; path=${cookiePath(path)}${expires}`;
    }
    mirroredCookies = next;
  }

  function scriptCookieChanges() {
    let appDocument = null;
    try {
      appDocument = document.getElementById("app-frame").contentDocument;
    } catch (error) {
      return [];
    }
    if (!appDocument || !appDocument.location.pathname.startsWith(APP.pathname)) return [];
    const seen = new Map();
    for (const pair of appDocument.cookie.split("; ").filter(Boolean)) {
      const at = pair.indexOf("=");
      seen.set(at < 0 ? "" : pair.slice(0, at), at < 0 ? pair : pair.slice(at + 1));
    }
    const changes = [];
    for (const [name, value] of seen) if (mirroredCookies.get(name) !== value) changes.push([name, value]);
    for (const name of mirroredCookies.keys()) if (!seen.has(name)) changes.push([name, null]);
    for (const [name, value] of changes) {
      if (value === null) mirroredCookies.delete(name);
      else mirroredCookies.set(name, value);
    }
    return changes;
  }

  function forwardRequest(message, ports) {
    message.cookieChanges = scriptCookieChanges();
    const transfer = message.body ? [ports[0], message.body] : [ports[0]];
    worker.postMessage(message, transfer);
  }

  function onServiceWorkerMessage(event) {
    if (event.data && event.data.type === "roundtrip-request") {
      if (event.data.wantsWorkerPort) openDirectLine(event.source);
      if (workerReady) forwardRequest(event.data, event.ports);
      else queuedRequests.push([event.data, event.ports]);
    }
  }

  // The service worker's direct line to Python: later requests of the app skip this page's main
  // thread (which the app's own scripts share). The worker queues what arrives before it is up.
  function openDirectLine(serviceWorker) {
    if (!serviceWorker) return;
    const { port1, port2 } = new MessageChannel();
    worker.postMessage({ type: "roundtrip-port" }, [port1]);
    serviceWorker.postMessage({ type: "roundtrip-worker-port" }, [port2]);
  }

  // Python dies with this page: the service worker must not keep sending requests its way.
  addEventListener("pagehide", () => {
    const serviceWorker = navigator.serviceWorker.controller;
    if (serviceWorker) serviceWorker.postMessage({ type: "roundtrip-shell-closing" });
  });

  // frame.js reports each write to the app page's document.cookie as it happens: requests on the
  // direct line do not pass here, so what the script set must reach Python before them.
  function onAppCookieWritten() {
    const changes = scriptCookieChanges();
    if (changes.length) worker.postMessage({ type: "cookie-changes", changes });
  }

  function currentAppPath() {
    try {
      const location = document.getElementById("app-frame").contentWindow.location;
      if (location.pathname.startsWith(APP.pathname))
        return "/" + location.pathname.slice(APP.pathname.length) + location.search + location.hash;
    } catch (error) {
      /* the frame left our origin: start again at the app's root */
    }
    return "/";
  }

  function loadFrame(appPath) {
    const frame = document.getElementById("app-frame");
    frameLoadsWanted += 1;
    frame.src = new URL(appPath.replace(/^\//, ""), APP).href;
  }

  function onFrameLoad() {
    const path = currentAppPath();
    document.getElementById("app-url").textContent = path;
    if (frameLoadsWanted > 0) {
      frameLoadsWanted = 0;
      settleReady.resolve();
    }
  }

  // A service worker that never activates (blocked by policy or an extension) would leave the
  // page spinning; after this long the page says what is wrong instead.
  const SERVICE_WORKER_TIMEOUT_MS = 15000;

  function activeWithin(milliseconds) {
    return Promise.race([
      navigator.serviceWorker.ready,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error("the service worker did not start")), milliseconds),
      ),
    ]);
  }

  async function start() {
    const reason = unsupportedReason();
    if (reason) return fail(reason);

    const params = new URLSearchParams(location.search);
    const initialPath = params.get("app") || "/";
    if (params.has("app")) history.replaceState(null, "", BASE.pathname);

    // Listen before registering: this starts the client's message queue (first visit).
    navigator.serviceWorker.onmessage = onServiceWorkerMessage;
    const registered = navigator.serviceWorker
      .register(new URL("sw.js", BASE), { scope: BASE.pathname })
      .then(() => activeWithin(SERVICE_WORKER_TIMEOUT_MS));

    worker = new Worker(new URL("worker.js", BASE), { type: "module" });
    worker.onmessage = onWorkerMessage;
    worker.onerror = (event) => fail(`Python could not start: ${event.message || "the worker failed to load"}`, event);
    worker.postMessage({
      type: "boot",
      origin: location.origin,
      appPath: APP.pathname.replace(/\/$/, ""),
      interruptBuffer: interruptBuffer || undefined,
      busyClock: busyClock || undefined,
    });

    const timer = setInterval(() => {
      const elapsed = document.getElementById("elapsed");
      if (elapsed) elapsed.textContent = `${(performance.now() / 1000).toFixed(1)} s`;
    }, 100);
    try {
      await registered;
    } catch (error) {
      clearInterval(timer);
      return fail(
        "The browser refused to start the service worker Roundtrip needs (private or incognito windows and blocked site storage do this). Open Roundtrip in a normal window, or allow this site to store data.",
        error,
      );
    }
    try {
      await whenWorkerReady();
    } catch (error) {
      clearInterval(timer);
      return;
    }
    clearInterval(timer);
    await domReady;
    showPhase("done");
    document.getElementById("loading").hidden = true;
    document.getElementById("workspace").hidden = false;
    const frame = document.getElementById("app-frame");
    frame.addEventListener("load", onFrameLoad);
    frame.addEventListener("roundtrip-cookie-written", onAppCookieWritten);
    loadFrame(initialPath);

    document.getElementById("reload-app").addEventListener("click", () => loadFrame(currentAppPath()));
    document.getElementById("restart-app").addEventListener("click", () => roundtrip.restart());
    setUpMysqlConsole();
    document.getElementById("download-dump").addEventListener("click", downloadDump);
  }

  start(); // at once: Python's start-up need not wait for the page's stylesheets
})();
