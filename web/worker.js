// The Pyodide worker: owns Python, the student's Flask app and the simulated MySQL server.
//
// A dedicated module worker (Pyodide's npm package ships only an ES module build). It lives as
// long as the shell page, so the app and its database survive navigations inside the preview.
// All Python it runs goes through sim_server.bridge; this file only moves messages.

const BASE = new URL("./", self.location.href);

// hashlib.pbkdf2_hmac and hashlib.scrypt for Werkzeug's password hashes: Pyodide is built
// without OpenSSL, pure Python is far too slow at Werkzeug's cost, and Web Crypto is async.
// Loaded alongside Pyodide rather than before this script runs, so they do not delay it.
async function loadKeyDerivation() {
  const [{ pbkdf2 }, { scrypt }, sha2, { sha1 }] = await Promise.all([
    import("./vendor/noble-hashes/pbkdf2.js"),
    import("./vendor/noble-hashes/scrypt.js"),
    import("./vendor/noble-hashes/sha2.js"),
    import("./vendor/noble-hashes/legacy.js"),
  ]);
  const hashes = { sha1, sha224: sha2.sha224, sha256: sha2.sha256, sha384: sha2.sha384, sha512: sha2.sha512 };
  return {
    pbkdf2_hmac: (name, password, salt, iterations, dklen) =>
      pbkdf2(hashes[name], password, salt, { c: iterations, dkLen: dklen }),
    scrypt: (password, salt, n, r, p, dklen, maxmem) =>
      scrypt(password, salt, { N: n, r, p, dkLen: dklen, maxmem: maxmem || 2 ** 31 }),
  };
}

let bridge = null; // the sim_server.bridge module, once Python has booted

const progress = (phase, detail = "") => self.postMessage({ type: "progress", phase, detail });
// Terminal lines go to the shell in one message per request, not one per line: the shell's main
// thread also runs the app's page, and every message there delays the app.
let terminalBuffer = [];
let terminalFlushQueued = false;
function terminal(line) {
  terminalBuffer.push(line);
  if (!terminalFlushQueued) {
    terminalFlushQueued = true;
    setTimeout(flushTerminal, 0); // output printed outside a request still shows up
  }
}
function flushTerminal() {
  terminalFlushQueued = false;
  if (!terminalBuffer.length) return;
  self.postMessage({ type: "terminal", lines: terminalBuffer });
  terminalBuffer = [];
}

// The build's own files (bundle, project, seed image, snapshot) are asked for again on every
// start (a 304 when unchanged): GitHub Pages lets the browser reuse a file for ten minutes
// unasked, and a reload right after the teacher republishes would otherwise start the new
// build's snapshot with the old build's project.
async function download(name) {
  const response = await fetch(new URL(name, BASE), { cache: "no-cache" });
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  const body = name.endsWith(".gz")
    ? response.body.pipeThrough(new DecompressionStream("gzip"))
    : response.body;
  return new Uint8Array(await new Response(body).arrayBuffer());
}

// Tells the shell when Python is busy with a request, so it can interrupt one that never ends:
// the start time goes into memory shared with the shell (only there when the page is
// cross-origin isolated, which interrupting needs anyway).
let interruptFlag = null;
let busyClock = null;
function busy() {
  if (interruptFlag) interruptFlag[0] = 0; // an interrupt meant for a finished request is void
  if (busyClock) busyClock[0] = Date.now();
}
function idle() {
  if (busyClock) busyClock[0] = 0;
}

// The snapshot inflated once and kept in Cache Storage, keyed by the build: inflating 15 MB of
// gzip into 54 MB took about a third of a second of every start. Keys carry the site's base
// path, so sites sharing an origin (<user>.github.io/<repo>/) do not clash.
async function snapshotBytes() {
  const name = "pyodide/snapshot.bin.gz";
  if (!self.caches) return download(name);
  try {
    const manifest = await (await fetch(new URL("build.json", BASE), { cache: "no-cache" })).json();
    const key = new URL(`pyodide/snapshot.bin?build=${manifest.build}`, BASE).href;
    const cache = await caches.open("roundtrip-snapshots");
    const hit = await cache.match(key);
    if (hit) return new Uint8Array(await hit.arrayBuffer());
    const bytes = await download(name);
    const ours = new URL("pyodide/", BASE).href;
    for (const old of await cache.keys()) if (old.url.startsWith(ours)) await cache.delete(old);
    cache.put(key, new Response(bytes)).catch(() => {}); // best effort: storage may be full
    return bytes;
  } catch (error) {
    return download(name); // storage blocked: inflate every time
  }
}

// Pyodide restores a snapshot into the module's initial memory, which is smaller than a
// snapshot taken after imports; so the fresh memory is grown to the snapshot's size first, by
// wrapping Pyodide's own instantiateWasm.
function withMemoryFor(bytes, createPyodideModule) {
  const PAGE = 65536;
  return (moduleArg) => {
    const instantiate = moduleArg.instantiateWasm;
    moduleArg.instantiateWasm = (imports, done) =>
      instantiate(imports, (instance, module) => {
        const memory = instance.exports.memory || imports.env.memory;
        const missing = Math.ceil((bytes - memory.buffer.byteLength) / PAGE);
        if (missing > 0) memory.grow(missing);
        done(instance, module);
      });
    return createPyodideModule(moduleArg);
  };
}

async function boot({ origin, appPath, interruptBuffer, busyClock: sharedClock }) {
  // Marks are wall-clock times (ms since the epoch): the shell puts them on its own timeline.
  const marks = { start: performance.timeOrigin + performance.now() };
  const mark = (name) => (marks[name] = performance.timeOrigin + performance.now());
  progress("download", "Downloading the Python runtime");
  // Everything downloads at once; Python is restored as soon as its snapshot is in.
  const files = Promise.all([
    download("bundle.tar.gz"),
    download("project.tar.gz"),
    download("seed-image.bin").catch(() => undefined), // absent when the project has no seed
  ]);
  const helpers = Promise.all([loadKeyDerivation(), import("./vendor/nanotar.mjs")]);
  const [{ loadPyodide }, { default: createPyodideModule }, snapshot] = await Promise.all([
    import(new URL("pyodide/pyodide.mjs", BASE).href),
    import(new URL("pyodide/pyodide.asm.mjs", BASE).href),
    snapshotBytes(),
  ]);
  const pyodide = await loadPyodide({
    indexURL: new URL("pyodide/", BASE).href,
    // Made by build.py from this very Pyodide with Flask, SQLAlchemy & co. already imported:
    // restoring it replaces the interpreter's start-up and those imports.
    _loadSnapshot: snapshot,
    createPyodideModule: withMemoryFor(snapshot.length, createPyodideModule),
    stdout: terminal,
    stderr: terminal,
  });
  mark("runtime");
  progress("python", "Starting Python");
  const [bundle, project, seedImage] = await files;
  mark("downloaded");
  progress("packages", "Loading Flask, SQLAlchemy and the MySQL simulator");
  const [kdf, { parseTar }] = await helpers;
  pyodide.registerJsModule("_roundtrip_kdf", kdf);
  // Shared with the shell when the page is cross-origin isolated: writing 2 (SIGINT) there
  // raises KeyboardInterrupt in the running Python code.
  if (interruptBuffer) {
    interruptFlag = interruptBuffer;
    busyClock = sharedClock || null;
    pyodide.setInterruptBuffer(interruptBuffer);
  }
  const site = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
  writeTar(pyodide.FS, parseTar, bundle, site);
  writeTar(pyodide.FS, parseTar, project, "/project");
  bridge = pyodide.pyimport("sim_server.bridge");
  mark("packages");
  progress("app", "Starting the app");
  bridge.boot("/project", appPath, origin, seedImage);
  mark("app");
  flushTerminal();
  self.postMessage({ type: "ready", marks });
}

// The bundle's and the project's files written straight into Pyodide's file system from
// JavaScript: Pyodide's unpackArchive goes through Python's tarfile/zipfile in wasm, which took
// about 0.4 s (bundle) and 0.15 s (the starter project) of every start.
function writeTar(FS, parseTar, bytes, root) {
  const folders = new Set();
  for (const entry of parseTar(bytes)) {
    if (entry.type !== "file") continue;
    const path = `${root}/${entry.name}`;
    const folder = path.slice(0, path.lastIndexOf("/"));
    if (!folders.has(folder)) {
      FS.mkdirTree(folder);
      folders.add(folder);
    }
    FS.writeFile(path, entry.data || new Uint8Array(0));
  }
}

function toJsValue(proxy) {
  // Python results arrive as proxies: convert plain data and free the proxy.
  if (proxy && typeof proxy.toJs === "function") {
    const value = proxy.toJs({ dict_converter: Object.fromEntries, create_pyproxies: false });
    proxy.destroy();
    return value;
  }
  return proxy;
}

const FRAME_SCRIPT = new TextEncoder().encode(
  `<script src="${new URL("frame.js", BASE).pathname}"></script>`,
);

// Pages the preview navigates to get frame.js first thing, so its listeners run before any of
// the page's own scripts. It goes right after the doctype: anything before the doctype would
// switch the page to quirks mode.
function withFrameScript(content) {
  const head = new TextDecoder().decode(content.subarray(0, 512));
  const doctype = /^\s*<!doctype[^>]*>/i.exec(head);
  const at = doctype ? new TextEncoder().encode(doctype[0]).length : 0;
  const result = new Uint8Array(content.length + FRAME_SCRIPT.length);
  result.set(content.subarray(0, at), 0);
  result.set(FRAME_SCRIPT, at);
  result.set(content.subarray(at), at + FRAME_SCRIPT.length);
  return result;
}

function isHtml(headers) {
  return headers.some(([name, value]) => name.toLowerCase() === "content-type" && value.startsWith("text/html"));
}

// The jar's script-visible cookies go to the shell, which mirrors them into the browser's
// document.cookie for the app's pages. Sent only when they changed.
let lastScriptCookies = "[]";
function shareScriptCookies() {
  const cookies = bridge.script_cookies();
  if (cookies !== lastScriptCookies) {
    lastScriptCookies = cookies;
    self.postMessage({ type: "cookies", cookies: JSON.parse(cookies) });
  }
}

// What the app page's script wrote to document.cookie, reported by the shell as it happens;
// it goes to Flask with the next request, before that request's own changes.
let pendingCookieChanges = [];

function takeCookieChanges(changes) {
  const all = pendingCookieChanges.concat(changes || []);
  pendingCookieChanges = [];
  return JSON.stringify(all);
}

// Answers a request from the service worker: on the one-shot port the shell passed along, or on
// the service worker's direct line (`reply` adds the request's id).
function handleRequest({ method, path, headers, body, navigate, cookieChanges }, reply) {
  const started = performance.now();
  let [status, statusText, responseHeaders, content] = toJsValue(
    bridge.handle(method, path, headers, body ? new Uint8Array(body) : undefined, takeCookieChanges(cookieChanges)),
  );
  shareScriptCookies();
  // How long Flask (and everything under it) took, for the browser's network panel.
  responseHeaders.push(["Server-Timing", `flask;dur=${(performance.now() - started).toFixed(1)}`]);
  if (navigate && isHtml(responseHeaders)) {
    content = withFrameScript(content);
    responseHeaders = responseHeaders.filter(([name]) => name.toLowerCase() !== "content-length");
  }
  const buffer =
    content.byteOffset === 0 && content.byteLength === content.buffer.byteLength
      ? content.buffer
      : content.slice().buffer;
  flushTerminal();
  reply({ status, statusText, headers: responseHeaders, body: buffer }, [buffer]);
}

// The automation API's operations other than requests: JSON in, JSON out, errors as data.
function callBridge(op, args) {
  const answer = JSON.parse(bridge.call(op, JSON.stringify(args || {})));
  if (answer.error) throw Object.assign(new Error(answer.error.message), answer.error);
  return answer.value;
}

function apiRequest({ method, path, headers, body, cookieChanges }) {
  const encoded = body === undefined || body === null ? undefined : new TextEncoder().encode(body);
  const [status, , responseHeaders, content] = toJsValue(
    bridge.handle(method, path, Object.entries(headers || {}), encoded, takeCookieChanges(cookieChanges)),
  );
  shareScriptCookies();
  return {
    status,
    headers: Object.fromEntries(responseHeaders.map(([name, value]) => [name.toLowerCase(), value])),
    body: new TextDecoder().decode(content),
  };
}

// Requests on the direct line can arrive while Python is still starting: they wait for it.
const waitingRequests = [];

function serve(message, reply) {
  if (!bridge) {
    waitingRequests.push([message, reply]);
    return;
  }
  busy();
  try {
    handleRequest(message, reply);
  } catch (error) {
    const body = new TextEncoder().encode(`Roundtrip could not pass the request to Flask:\n${error}`);
    reply({ status: 502, statusText: "Bad Gateway", headers: [["Content-Type", "text/plain"]], body: body.buffer }, [body.buffer]);
  } finally {
    idle();
  }
}

self.onmessage = async ({ data, ports }) => {
  if (data.type === "boot") {
    try {
      await boot(data);
      for (const [message, reply] of waitingRequests.splice(0)) serve(message, reply);
    } catch (error) {
      flushTerminal();
      self.postMessage({ type: "fatal", message: String(error && error.message ? error.message : error), name: error && error.name });
    }
  } else if (data.type === "roundtrip-request") {
    serve(data, (answer, transfer) => ports[0].postMessage(answer, transfer));
  } else if (data.type === "roundtrip-port") {
    const port = ports[0];
    port.onmessage = (event) =>
      serve(event.data, (answer, transfer) => port.postMessage({ ...answer, id: event.data.id }, transfer));
  } else if (data.type === "cookie-changes") {
    pendingCookieChanges.push(...data.changes);
  } else if (data.type === "call") {
    busy();
    try {
      const value = data.op === "request" ? apiRequest(data.args) : callBridge(data.op, data.args);
      flushTerminal();
      self.postMessage({ type: "result", id: data.id, ok: true, value });
    } catch (error) {
      flushTerminal();
      self.postMessage({
        type: "result",
        id: data.id,
        ok: false,
        error: { message: String(error.message || error), errno: error.errno },
      });
    } finally {
      idle();
    }
  }
};
