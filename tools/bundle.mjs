// Build step run by build.py under Node: boot the project in Pyodide and pack the bundle.
//
//   node tools/bundle.mjs PYODIDE_DIR PLAIN_ZIP PROJECT_ZIP OUT_TAR_GZ
//
// Unpacks the plain bundle where the page unpacks it and boots the project exactly as the page
// does (seed, app import, a few requests). The boot is a smoke test (a bundle that cannot serve
// a request under Pyodide fails the build here, not in a student's tab) and tells which modules
// start-up imports (OUT_TAR_GZ.modules), for the memory snapshot, which is made from the same
// tree with those modules compiled (OUT_TAR_GZ.compiled). Writes the bundle as .tar.gz.
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [pyodideDir, plainZip, projectZip, outZip] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);

const output = [];
const pyodide = await loadPyodide({
  indexURL: pyodideDir + path.sep,
  stdout: (line) => output.push(line),
  stderr: (line) => output.push(line),
});
// Node's Buffer is refused by unpackArchive ("Unknown typed array type 'Buffer'").
const asBytes = (file) => new Uint8Array(readFileSync(file));

try {
  const site = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
  pyodide.unpackArchive(asBytes(plainZip), "zip", { extractDir: site });
  pyodide.unpackArchive(asBytes(projectZip), "zip", { extractDir: "/project" });
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
  // Pyodide's own errors carry the whole minified runtime: print only the Python part.
  console.error(output.join("\n"));
  console.error(String(error.message || error).split("\n").slice(-40).join("\n"));
  process.exit(1);
}
