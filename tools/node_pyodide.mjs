// Pyodide under Node for the build and test tools: one place for loading it quietly, unpacking
// archives into it, and failing with only the Python part of an error.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { pathToFileURL } from "node:url";
import path from "node:path";

// Start Pyodide from the npm package; its output is kept, and shown only if a step fails.
export async function startPyodide(pyodideDir, options = {}) {
  const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
  const output = [];
  const pyodide = await loadPyodide({
    indexURL: pyodideDir + path.sep,
    stdout: (line) => output.push(line),
    stderr: (line) => output.push(line),
    ...options,
  });
  pyodide.output = output;
  return pyodide;
}

export function sitePackages(pyodide) {
  return pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
}

// Node's Buffer is refused by unpackArchive ("Unknown typed array type 'Buffer'"), hence the copy.
export function unpackFile(pyodide, file, extractDir) {
  const bytes = readFileSync(file);
  if (file.endsWith(".gz")) {
    pyodide.unpackArchive(new Uint8Array(gunzipSync(bytes)), "tar", { extractDir });
  } else {
    pyodide.unpackArchive(new Uint8Array(bytes), file.endsWith(".zip") ? "zip" : "tar", { extractDir });
  }
}

// Pyodide's own errors carry the whole minified runtime: print the Python part and exit.
export function fail(pyodide, error) {
  console.error((pyodide?.output || []).slice(-30).join("\n"));
  console.error(String(error.message || error).split("\n").slice(-40).join("\n"));
  process.exit(1);
}
