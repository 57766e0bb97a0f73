// Rewrites the expected sections of the golden files (golden/<dialect>/*.golden)
// from the library's current behaviour, for review with `git diff golden/`.
//
//   npm run golden:update                 # every file
//   npm run golden:update -- golden/materialize/kafka.golden   # some files
//
// It runs the cases with the same code as test/golden.test.ts
// (scripts/golden-format.mjs), but against the compiled library in dist/,
// because plain Node cannot import the TypeScript sources. It therefore
// refuses to run when a file under src/ is newer than its compiled output;
// rebuild with `npx tsc -p tsconfig.build.json` (or pass --allow-stale).
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { findGoldenFiles, parseGoldenFile, renderSections, rewriteGoldenFile, runCase } from "./golden-format.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const allowStale = args.includes("--allow-stale");
const requested = args.filter((a) => !a.startsWith("--"));

/** Source files whose compiled .js in dist/ is missing or older. */
function staleSources(dir = join(root, "src")) {
  const stale = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      stale.push(...staleSources(path));
    } else if (name.endsWith(".ts") && !name.endsWith(".d.ts")) {
      const compiled = join(root, "dist", relative(join(root, "src"), path)).replace(/\.ts$/, ".js");
      if (!existsSync(compiled) || statSync(compiled).mtimeMs < statSync(path).mtimeMs) stale.push(relative(root, path));
    }
  }
  return stale;
}

const stale = staleSources();
if (stale.length > 0 && !allowStale) {
  console.error(`dist/ is older than ${stale.slice(0, 5).join(", ")}${stale.length > 5 ? ` (and ${stale.length - 5} more)` : ""}.`);
  console.error("Rebuild with `npx tsc -p tsconfig.build.json`, or pass --allow-stale.");
  process.exit(1);
}

const lib = await import("../dist/index.js");
const files = requested.length > 0 ? requested.map((f) => relative(root, join(process.cwd(), f))) : findGoldenFiles(join(root, "golden"), root);
let changedCases = 0;
let changedFiles = 0;
let total = 0;
for (const file of files) {
  const text = readFileSync(join(root, file), "utf8");
  const cases = parseGoldenFile(text, file);
  const results = cases.map((c) => runCase(lib, c));
  total += cases.length;
  let changed = 0;
  cases.forEach((c, k) => {
    if (renderSections(results[k]) !== renderSections({ output: c.expectedOutput, diagnostics: c.expectedDiagnostics })) {
      changed++;
      console.log(`updated ${file}:${c.line} ${c.description}`);
    }
  });
  const rewritten = rewriteGoldenFile(text, cases, results);
  if (rewritten !== text) {
    writeFileSync(join(root, file), rewritten);
    changedFiles++;
  }
  changedCases += changed;
}
console.log(`${total} cases in ${files.length} files; ${changedCases} cases updated in ${changedFiles} files.`);
