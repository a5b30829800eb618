// Build step: a memory snapshot of Pyodide with the bundle's start-up modules already imported.
//
//   node tools/make_snapshot.mjs PYODIDE_DIR BUNDLE_TAR_GZ MODULES_TXT OUT_GZ
//
// Restoring it replaces the interpreter's start-up and the import of Flask, SQLAlchemy, sqlglot
// and sim_* in the page (seconds) with copying memory (a fraction of one). A snapshot holds no
// files and no JavaScript objects: the page still unpacks the bundle (for tracebacks and later
// imports) and registers its JavaScript modules after the restore. It must come from the very
// Pyodide build the page loads, which Pyodide checks (build id).
import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fail, sitePackages, startPyodide, unpackFile } from "./node_pyodide.mjs";

const [pyodideDir, bundle, modulesFile, out] = process.argv.slice(2);
const pyodide = await startPyodide(pyodideDir, { _makeSnapshot: true });
try {
  unpackFile(pyodide, bundle, sitePackages(pyodide));
  const modules = readFileSync(modulesFile, "utf8").split("\n").filter(Boolean);
  pyodide.globals.set("startup_modules", pyodide.toPy(modules));
  pyodide.runPython(`
import importlib
for name in startup_modules:
    importlib.import_module(name)
# A cache every Flask project fills the same way on its first page: Jinja's lexer for the
# default syntax (its regular expressions took ~35 ms of the first render in the page).
import jinja2
jinja2.Environment().lexer
del startup_modules, importlib, name, jinja2
`);
} catch (error) {
  fail(pyodide, error);
}
const snapshot = pyodide.makeMemorySnapshot();
writeFileSync(out, gzipSync(snapshot, { level: 6 }));
console.log(`[build] snapshot: ${snapshot.length} bytes with the start-up modules imported`);
