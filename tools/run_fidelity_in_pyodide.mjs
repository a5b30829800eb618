// Runs the fidelity corpus through sim_db inside Pyodide (Node), as the page runs it: Pyodide's
// own CPython and SQLite, not the test machine's.
//
//   node tools/run_fidelity_in_pyodide.mjs PYODIDE_DIR BUNDLE_TAR_GZ FIDELITY_DIR
//
// Prints one JSON object: {"<file>:<n>": ["difference", ...]} for each statement whose outcome
// differs from the recorded MySQL 8 answer.
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fail, sitePackages, startPyodide, unpackFile } from "./node_pyodide.mjs";

const [pyodideDir, bundle, fidelityDir] = process.argv.slice(2);
const pyodide = await startPyodide(pyodideDir);

function copyTree(from, to) {
  pyodide.FS.mkdirTree(to);
  for (const name of readdirSync(from)) {
    const source = path.join(from, name);
    if (statSync(source).isDirectory()) copyTree(source, `${to}/${name}`);
    else if (!name.endsWith(".pyc")) pyodide.FS.writeFile(`${to}/${name}`, new Uint8Array(readFileSync(source)));
  }
}

try {
  unpackFile(pyodide, bundle, sitePackages(pyodide));
  copyTree(fidelityDir, "/suite/fidelity");
  const result = pyodide.runPython(`
import json, sys
sys.path.insert(0, "/suite")
from fidelity import harness
mismatches = {}
for name in harness.case_files():
    for index, (want, got) in enumerate(zip(harness.load_expected(name), harness.run_sim_db(name))):
        problems = harness.differences(want, got)
        if problems:
            mismatches[harness.statement_id(name, index)] = problems
json.dumps(mismatches)
`);
  console.log(result);
} catch (error) {
  fail(pyodide, error);
}
