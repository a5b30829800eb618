// Runs Python test code inside Pyodide (Node) as the page runs sim_db: Pyodide's own CPython and
// SQLite and its in-memory file system, not the test machine's.
//
//   node tools/run_in_pyodide.mjs PYODIDE_DIR BUNDLE_TAR_GZ TESTS_DIR < code.py
//
// The bundle (sim_db, sim_server and the wheels) is unpacked into site-packages and TESTS_DIR
// copied to /suite, which is put first on sys.path; the code comes on stdin and the value of its
// last expression is printed (tests make it a JSON string).
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fail, sitePackages, startPyodide, unpackFile } from "./node_pyodide.mjs";

const [pyodideDir, bundle, testsDir] = process.argv.slice(2);
const code = readFileSync(0, "utf8");
const pyodide = await startPyodide(pyodideDir);

function copyTree(from, to) {
  pyodide.FS.mkdirTree(to);
  for (const name of readdirSync(from)) {
    const source = path.join(from, name);
    if (name === "__pycache__") continue;
    if (statSync(source).isDirectory()) copyTree(source, `${to}/${name}`);
    else if (/\.(py|json|sql)$/.test(name)) pyodide.FS.writeFile(`${to}/${name}`, new Uint8Array(readFileSync(source)));
  }
}

try {
  unpackFile(pyodide, bundle, sitePackages(pyodide));
  copyTree(testsDir, "/suite");
  pyodide.runPython('import sys; sys.path.insert(0, "/suite")');
  console.log(pyodide.runPython(code));
} catch (error) {
  fail(pyodide, error);
}
