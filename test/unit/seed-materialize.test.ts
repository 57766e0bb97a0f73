// Every ```sql block of the Materialize vendor page parses and round-trips,
// except the two that are not valid Materialize as printed.
import { readFileSync, existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { equivalent, format, parse } from "../../src/index.js";

const seedPath = new URL("../../../shared/spec/seeds/000_cd67840820e18be1.txt", import.meta.url);
const blocks = existsSync(seedPath) ? [...readFileSync(seedPath, "utf8").matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]!) : [];
const mz = { dialect: "materialize" } as const;

function position(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle);
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

describe.skipIf(blocks.length === 0)("Materialize seed document", () => {
  it("has the blocks this test expects", () => {
    expect(blocks.length).toBe(15);
  });

  blocks.forEach((block, i) => {
    const invalidPlaceholder = block.includes("<SSH_BASTION_PORT>");
    const trailingComma = /,\s*\n\s*\);/.test(block);
    it(`block ${i}: ${invalidPlaceholder ? "bare placeholder is an error" : trailingComma ? "trailing comma is an error" : "parses and round-trips"}`, () => {
      const parsed = parse(block, { ...mz, check: false });
      const syntaxErrors = parsed.diagnostics.filter((d) => d.severity === "error");
      if (invalidPlaceholder) {
        expect(syntaxErrors.map((d) => d.span?.start)).toEqual([expect.objectContaining(position(block, "<SSH_BASTION_PORT>"))]);
      } else if (trailingComma) {
        const at = block.indexOf(");", block.search(/,\s*\n\s*\);/));
        const lines = block.slice(0, at).split("\n");
        expect(syntaxErrors.map((d) => d.span?.start)).toEqual([
          expect.objectContaining({ line: lines.length, column: lines[lines.length - 1]!.length + 1 }),
        ]);
      } else {
        expect(syntaxErrors).toEqual([]);
      }
      const formatted = format(block, mz).text;
      expect(equivalent(parse(formatted, { ...mz, check: false }).program, parsed.program)).toBe(true);
      expect(format(formatted, mz).text).toBe(formatted);
    });
  });
});
