// Runs the fidelity corpus through sim_db inside Pyodide (Node), as the page runs it: Pyodide's
// own CPython and SQLite, not the test machine's.
//
//   node tools/run_fidelity_in_pyodide.mjs PYODIDE_DIR BUNDLE_TAR_GZ FIDELITY_DIR
//
// Prints one JSON object: {"<file>:<n>": ["difference", ...]} for each statement whose outcome
// differs from the recorded MySQL 8 answer.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [pyodideDir, bundle, fidelityDir] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const output = [];
const pyodide = await loadPyodide({
  indexURL: pyodideDir + path.sep,
  stdout: (line) => output.push(line),
  stderr: (line) => output.push(line),
});

function copyTree(from, to) {
  pyodide.FS.mkdirTree(to);
  for (const name of readdirSync(from)) {
    const source = path.join(from, name);
    if (statSync(source).isDirectory()) copyTree(source, `${to}/${name}`);
    else if (!name.endsWith(".pyc")) pyodide.FS.writeFile(`${to}/${name}`, new Uint8Array(readFileSync(source)));
  }
}

try {
  const site = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
  pyodide.unpackArchive(new Uint8Array(gunzipSync(readFileSync(bundle))), "tar", { extractDir: site });
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
  console.error(output.slice(-30).join("\n"));
  console.error(String(error.message || error).split("\n").slice(-30).join("\n"));
  process.exit(1);
}
