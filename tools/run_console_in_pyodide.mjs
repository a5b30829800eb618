// Runs the console cases (tests/console/) through sim_db inside Pyodide (Node), as the page runs
// it: Pyodide's own CPython and SQLite, not the test machine's.
//
//   node tools/run_console_in_pyodide.mjs PYODIDE_DIR BUNDLE_TAR_GZ CONSOLE_DIR
//
// Prints one JSON object: {"<case>": ["difference", ...]} for each case whose output differs
// from the real client's recorded output.
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fail, sitePackages, startPyodide, unpackFile } from "./node_pyodide.mjs";

const [pyodideDir, bundle, consoleDir] = process.argv.slice(2);
const pyodide = await startPyodide(pyodideDir);

function copyTree(from, to) {
  pyodide.FS.mkdirTree(to);
  for (const name of readdirSync(from)) {
    const source = path.join(from, name);
    if (statSync(source).isDirectory()) {
      if (name !== "__pycache__") copyTree(source, `${to}/${name}`);
    } else if (!name.endsWith(".pyc")) pyodide.FS.writeFile(`${to}/${name}`, new Uint8Array(readFileSync(source)));
  }
}

try {
  unpackFile(pyodide, bundle, sitePackages(pyodide));
  copyTree(consoleDir, "/suite/console");
  const result = pyodide.runPython(`
import json, sys
sys.path.insert(0, "/suite")
from console import harness
from console.cases import CASES
json.dumps({name: problems for name in CASES if (problems := harness.differences(name))})
`);
  console.log(result);
} catch (error) {
  fail(pyodide, error);
}
