// Golden-file tests: every case of every golden/<dialect>/*.golden file is
// run through the library and its output and diagnostics are compared with
// the file exactly. The format and the runner live in
// scripts/golden-format.mjs, shared with `npm run golden:update` (see the
// comment there for why it is plain JavaScript and takes the library as an
// argument). Here the library is imported from the sources, so no build is
// needed.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import * as connbridge from "../src/index.js";
// @ts-expect-error -- plain JavaScript module without type declarations
import { findGoldenFiles, parseGoldenFile, renderSections, runCase } from "../scripts/golden-format.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

interface GoldenCase {
  file: string;
  line: number;
  description: string;
  expectedOutput: string[];
  expectedDiagnostics: string[];
}

const files: string[] = findGoldenFiles(join(root, "golden"), root);

test("golden files exist", () => {
  expect(files.length).toBeGreaterThan(0);
});

for (const file of files) {
  let cases: GoldenCase[];
  try {
    cases = parseGoldenFile(readFileSync(join(root, file), "utf8"), file);
  } catch (e) {
    test(`${file} is a well-formed golden file`, () => {
      throw e;
    });
    continue;
  }
  for (const c of cases) {
    test(`${c.file}:${c.line} ${c.description}`, () => {
      const actual = runCase(connbridge, c);
      // One block in the file's own notation, so a failure diff reads like the file.
      expect(renderSections(actual)).toBe(renderSections({ output: c.expectedOutput, diagnostics: c.expectedDiagnostics }));
    });
  }
}
