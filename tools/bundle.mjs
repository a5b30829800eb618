// Build step run by build.py under Node: boot the project in Pyodide and pack the bundle.
//
//   node tools/bundle.mjs PYODIDE_DIR PLAIN_TAR_GZ PROJECT_TAR_GZ OUT_TAR_GZ
//
// Unpacks the plain bundle where the page unpacks it and boots the project exactly as the page
// does (seed, app import, a few requests). The boot is a smoke test (a bundle that cannot serve
// a request under Pyodide fails the build here, not in a student's tab) and tells which modules
// start-up imports (OUT_TAR_GZ.modules), for the memory snapshot, which is made from the same
// tree with those modules compiled (OUT_TAR_GZ.compiled). Writes the bundle as .tar.gz.
import { readFileSync, writeFileSync } from "node:fs";
import { fail, sitePackages, startPyodide, unpackFile } from "./node_pyodide.mjs";

const [pyodideDir, plainArchive, projectArchive, outZip] = process.argv.slice(2);
const pyodide = await startPyodide(pyodideDir);

try {
  const site = sitePackages(pyodide);
  unpackFile(pyodide, plainArchive, site);
  unpackFile(pyodide, projectArchive, "/project");
  pyodide.runPython(readFileSync(new URL("./bundle.py", import.meta.url), "utf8"));
  const bundle = pyodide.globals.get("write_bundle")(
    site, "/tmp/bundle.tar.gz", "/tmp/modules.txt", "/tmp/compiled.tar.gz");
  writeFileSync(outZip, pyodide.FS.readFile("/tmp/bundle.tar.gz"));
  writeFileSync(outZip + ".modules", pyodide.FS.readFile("/tmp/modules.txt"));
  writeFileSync(outZip + ".compiled", pyodide.FS.readFile("/tmp/compiled.tar.gz"));
  if (pyodide.FS.analyzePath("/tmp/seed-image.bin").exists) {
    writeFileSync(outZip + ".seed-image", pyodide.FS.readFile("/tmp/seed-image.bin"));
  }
  console.log(`[build] bundle: ${bundle}`);
} catch (error) {
  fail(pyodide, error);
}
