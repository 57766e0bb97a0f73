// Secret values never leak: for generated programs of every dialect holding
// distinctive secret values in every sensitive position (the templates of the
// planted-secrets measure, in any number, order and combination), through
// every command and ordered pair of dialects:
// * with redact, no value appears in any output (text, or IR for parse);
// * with or without redact, no value appears in any diagnostic.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DIALECTS } from "../../src/dialects/index.js";
import { format, parse, translate, type DialectId, type Diagnostic } from "../../src/index.js";
// @ts-expect-error: a plain ES module script without type declarations
import { plantTemplates, TEMPLATES } from "../../scripts/planted-secrets.mjs";

const SEED = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : 11_2026;
const RUNS = process.env.FC_RUNS !== undefined ? Number(process.env.FC_RUNS) : 60;
const IMPLEMENTED = Object.keys(DIALECTS) as DialectId[];
const templates = TEMPLATES as Record<DialectId, string[]>;

interface Planted {
  text: string;
  values: string[];
}

/** A program of templates with fresh distinctive values: letters and digits no template or message contains. */
function plantedProgram(dialect: DialectId): fc.Arbitrary<Planted> {
  const list = templates[dialect];
  return fc
    .tuple(
      fc.array(fc.integer({ min: 0, max: list.length - 1 }), { minLength: 1, maxLength: 8 }),
      fc.stringMatching(/^[a-z0-9]{4,10}$/),
      fc.constantFrom("\n", "\r\n", "\n-- note\n", "\n/* c */\n"),
    )
    .map(([picks, salt, separator]) => {
      const { statements, values } = plantTemplates(
        picks.map((i) => list[i]!),
        (i: number) => `Zq${salt}v${i}Xj`,
      );
      return { text: statements.join(separator), values };
    });
}

const leaks = (values: string[], text: string) => values.filter((v) => text.includes(v));
const diagnosticText = (diagnostics: Diagnostic[]) => JSON.stringify(diagnostics);

describe("secret values never leak", () => {
  for (const from of IMPLEMENTED) {
    for (const to of IMPLEMENTED) {
      it(`translate ${from} → ${to}: redacted output and every diagnostic hold no value`, () => {
        fc.assert(
          fc.property(plantedProgram(from), ({ text, values }) => {
            for (const placeholders of [false, true]) {
              const redacted = translate(text, { from, to, redact: true, placeholders });
              expect(leaks(values, redacted.text)).toEqual([]);
              expect(leaks(values, diagnosticText(redacted.diagnostics))).toEqual([]);
              const plain = translate(text, { from, to, placeholders });
              expect(leaks(values, diagnosticText(plain.diagnostics))).toEqual([]);
            }
          }),
          { seed: SEED, numRuns: RUNS },
        );
      });
    }
    it(`parse and format ${from}: redacted IR and text hold no value; diagnostics never do`, () => {
      fc.assert(
        fc.property(plantedProgram(from), ({ text, values }) => {
          const parsed = parse(text, { dialect: from, redact: true });
          const { sensitiveSpans: _, ...rest } = parsed;
          expect(leaks(values, JSON.stringify(rest.program))).toEqual([]);
          expect(leaks(values, diagnosticText(parse(text, { dialect: from }).diagnostics))).toEqual([]);
          const formatted = format(text, { dialect: from, redact: true, width: 40 });
          expect(leaks(values, formatted.text)).toEqual([]);
          expect(leaks(values, diagnosticText(formatted.diagnostics))).toEqual([]);
        }),
        { seed: SEED, numRuns: RUNS },
      );
    });
    it(`${from}: every planted value sits in a span the lowering marks sensitive`, () => {
      fc.assert(
        fc.property(plantedProgram(from), ({ text, values }) => {
          const { sensitiveSpans } = parse(text, { dialect: from });
          for (const value of values) {
            for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
              const covered = sensitiveSpans.some((s) => s.start.offset <= at && at + value.length <= s.end.offset);
              expect(covered, `${value} at ${at}`).toBe(true);
            }
          }
        }),
        { seed: SEED, numRuns: RUNS },
      );
    });
  }
});
