// The Pyodide worker: owns Python, the student's Flask app and the simulated MySQL server.
//
// A dedicated module worker (Pyodide's npm package ships only an ES module build). It lives as
// long as the shell page, so the app and its database survive navigations inside the preview.
// All Python it runs goes through sim_server.bridge; this file only moves messages.

const BASE = new URL("./", self.location.href);
let bridge = null; // the sim_server.bridge module, once Python has booted

const progress = (phase, detail = "") => self.postMessage({ type: "progress", phase, detail });
const terminal = (line) => self.postMessage({ type: "terminal", line });

async function download(name) {
  const response = await fetch(new URL(name, BASE));
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function boot({ origin, appPath }) {
  // Marks are wall-clock times (ms since the epoch): the shell puts them on its own timeline.
  const marks = { start: performance.timeOrigin + performance.now() };
  const mark = (name) => (marks[name] = performance.timeOrigin + performance.now());
  progress("download", "Downloading the Python runtime");
  // The bundle and project download while the runtime compiles.
  const files = Promise.all([download("bundle.zip"), download("project.zip")]);
  const { loadPyodide } = await import(new URL("pyodide/pyodide.mjs", BASE).href);
  const pyodide = await loadPyodide({
    indexURL: new URL("pyodide/", BASE).href,
    stdout: terminal,
    stderr: terminal,
  });
  mark("runtime");
  progress("python", "Starting Python");
  const [bundle, project] = await files;
  mark("downloaded");
  progress("packages", "Loading Flask, SQLAlchemy and the MySQL simulator");
  const site = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
  pyodide.unpackArchive(bundle, "zip", { extractDir: site });
  pyodide.unpackArchive(project, "zip", { extractDir: "/project" });
  bridge = pyodide.pyimport("sim_server.bridge");
  mark("packages");
  progress("app", "Starting the app");
  bridge.boot("/project", appPath, origin);
  mark("app");
  self.postMessage({ type: "ready", marks });
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

function handleRequest({ method, path, headers, body }, port) {
  const [status, statusText, responseHeaders, content] = toJsValue(
    bridge.handle(method, path, headers, body ? new Uint8Array(body) : undefined),
  );
  port.postMessage({ status, statusText, headers: responseHeaders, body: content.buffer }, [
    content.buffer,
  ]);
}

// The automation API's operations other than requests: JSON in, JSON out, errors as data.
function callBridge(op, args) {
  const answer = JSON.parse(bridge.call(op, JSON.stringify(args || {})));
  if (answer.error) throw Object.assign(new Error(answer.error.message), answer.error);
  return answer.value;
}

function apiRequest({ method, path, headers, body }) {
  const encoded = body === undefined || body === null ? undefined : new TextEncoder().encode(body);
  const [status, , responseHeaders, content] = toJsValue(
    bridge.handle(method, path, Object.entries(headers || {}), encoded),
  );
  return {
    status,
    headers: Object.fromEntries(responseHeaders.map(([name, value]) => [name.toLowerCase(), value])),
    body: new TextDecoder().decode(content),
  };
}

self.onmessage = async ({ data, ports }) => {
  if (data.type === "boot") {
    try {
      await boot(data);
    } catch (error) {
      self.postMessage({ type: "fatal", message: String(error && error.message ? error.message : error), name: error && error.name });
    }
  } else if (data.type === "roundtrip-request") {
    try {
      handleRequest(data, ports[0]);
    } catch (error) {
      const body = new TextEncoder().encode(`Roundtrip could not pass the request to Flask:\n${error}`);
      ports[0].postMessage({ status: 502, statusText: "Bad Gateway", headers: [["Content-Type", "text/plain"]], body: body.buffer }, [body.buffer]);
    }
  } else if (data.type === "call") {
    try {
      const value = data.op === "request" ? apiRequest(data.args) : callBridge(data.op, data.args);
      self.postMessage({ type: "result", id: data.id, ok: true, value });
    } catch (error) {
      self.postMessage({
        type: "result",
        id: data.id,
        ok: false,
        error: { message: String(error.message || error), errno: error.errno },
      });
    }
  }
};
