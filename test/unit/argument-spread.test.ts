// No call in the library spreads a list into arguments. `target.push(...items)`,
// `Math.max(...values)` and the like pass every item as an argument, and
// JavaScript engines refuse a call with more than some tens of thousands of
// them (a RangeError, as deep recursion is), while a statement may hold
// 150,000 keys or a kept text 150,000 lines. Array literals (`[...a, ...b]`)
// have no such limit. The command line (src/cli) is left to its own checks.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const SKIPPED = ["src/generated", "src/cli"];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (SKIPPED.includes(relative(ROOT, path))) return [];
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** `name:line: text` of every call or `new` with a spread argument in a TypeScript text. */
function argumentSpreads(name: string, text: string): string[] {
  const file = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isSpreadElement(node) && (ts.isCallExpression(node.parent) || ts.isNewExpression(node.parent))) {
      const { line } = file.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${name}:${line + 1}: ${node.parent.getText().slice(0, 80)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe("calls never spread a list into arguments", () => {
  const files = sourceFiles(join(ROOT, "src"));

  it("finds the library's sources, and the spreads it looks for", () => {
    expect(files.length).toBeGreaterThan(40);
    const probe = "a.push(...b);\nMath.max(...c);\nnew Set(...d);\nconst e = [...f, ...g];\nconst h = { ...i };";
    expect(argumentSpreads("probe.ts", probe)).toEqual(["probe.ts:1: a.push(...b)", "probe.ts:2: Math.max(...c)", "probe.ts:3: new Set(...d)"]);
  });

  it.each(files.map((f) => [relative(ROOT, f), f]))("%s", (name, path) => {
    expect(argumentSpreads(name, readFileSync(path, "utf8"))).toEqual([]);
  });
});
