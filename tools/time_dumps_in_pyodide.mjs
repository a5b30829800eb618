// Times loading the public sample dumps (Sakila, world) and dumping them again, with sim_db
// inside Pyodide under Node: the page's own CPython and SQLite, not the test machine's.
//
//   node tools/time_dumps_in_pyodide.mjs PYODIDE_DIR BUNDLE_TAR_GZ SIM_DB_DIR SAMPLES_DIR
//
// BUNDLE_TAR_GZ is dist/bundle.tar.gz (python3 build.py); SIM_DB_DIR (py/sim_db) replaces the
// bundle's sim_db, so a working tree is measured without a build. The sample files are read
// from SAMPLES_DIR (../shared/sample-dbs) into Pyodide's memory file system. Prints one JSON
// object: seconds per step, statements and errors per file.
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fail, sitePackages, startPyodide, unpackFile } from "./node_pyodide.mjs";

const [pyodideDir, bundle, simDb, samples] = process.argv.slice(2);
const pyodide = await startPyodide(pyodideDir);

function copyTree(from, to) {
  pyodide.FS.mkdirTree(to);
  for (const name of readdirSync(from)) {
    const source = path.join(from, name);
    if (statSync(source).isDirectory()) {
      if (name !== "__pycache__") copyTree(source, `${to}/${name}`);
    } else if (!name.endsWith(".pyc")) {
      pyodide.FS.writeFile(`${to}/${name}`, new Uint8Array(readFileSync(source)));
    }
  }
}

try {
  const site = sitePackages(pyodide);
  unpackFile(pyodide, bundle, site);
  copyTree(simDb, `${site}/sim_db`);
  copyTree(samples, "/samples");
  const result = pyodide.runPython(`
import json, time
t = time.perf_counter()
import sim_db, sim_db.load  # sim_db.load brings sqlglot
times = {"import": round(time.perf_counter() - t, 2)}
for name in ["sakila/sakila-schema.sql", "sakila/sakila-data.sql", "world/world.sql"]:
    text = open("/samples/" + name).read()
    t = time.perf_counter()
    report = sim_db.load_dump(text, force=True)
    times[name] = {"seconds": round(time.perf_counter() - t, 2), "statements": len(report.outcomes), "errors": len(report.errors)}
cursor = sim_db.connect(database="sakila").cursor()
cursor.execute("INSERT INTO rental (inventory_id, customer_id, staff_id) VALUES (1, 1, 1)")  # rental_date by trigger
times["rental_without_date"] = cursor.lastrowid
cursor.connection.rollback()
t = time.perf_counter()
text = sim_db.dump(["sakila", "world"])
times["dump"] = {"seconds": round(time.perf_counter() - t, 2), "bytes": len(text)}
json.dumps(times)
`);
  console.log(result);
} catch (error) {
  fail(pyodide, error);
}
