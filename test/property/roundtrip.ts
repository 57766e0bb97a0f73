// The properties every dialect's tests check on generated IR programs:
// (a) emit → parse reads back an equivalent program without errors, (b)
// formatting is idempotent at several widths and keeps the program, (c)
// comments survive both. On failure fast-check prints the seed, the path and
// the shrunk counterexample; the message shows the text and the first place
// where the IRs differ.
import fc from "fast-check";
import { describe, it } from "vitest";
import { emit, equivalent, format, parse, semanticView, type DialectId, type Program, type Statement } from "../../src/index.js";

/** Fixed seed (override with FC_SEED) and number of runs (FC_RUNS), so that runs are deterministic. */
export function propertySettings(defaultSeed: number): { seed: number; params: fc.Parameters<unknown> } {
  const seed = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : defaultSeed;
  const runs = process.env.FC_RUNS !== undefined ? Number(process.env.FC_RUNS) : 200;
  return { seed, params: { seed, numRuns: runs, endOnFailure: false } };
}

export const WIDTHS = [1, 40, 80, undefined] as const;

/** The first path at which two JSON values differ, with both sides. */
export function firstDifference(a: unknown, b: unknown, path = ""): string | undefined {
  if (JSON.stringify(a) === JSON.stringify(b)) return undefined;
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null && Array.isArray(a) === Array.isArray(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}/${key}`);
      if (d !== undefined) return d;
    }
  }
  return `${path || "/"}: expected ${JSON.stringify(a)}, got ${JSON.stringify(b)}`;
}

interface RoundTripChecks {
  /** parse(emit(ir), {check: false}) is equivalent to ir, without parse errors. */
  roundTrip(ir: Program): void;
  /** Formatting the emitted text is idempotent at every width in WIDTHS and reads back as ir. */
  idempotentAtEveryWidth(ir: Program): void;
}

function roundTripChecks(dialect: DialectId, platform: string, lossCodes: ReadonlySet<string>): RoundTripChecks {
  const emitText = (ir: Program): string => {
    const result = emit(ir, { dialect });
    const lossy = result.diagnostics.filter((d) => lossCodes.has(d.code));
    if (lossy.length > 0) throw new Error(`generator produced IR ${platform} cannot express:\n${JSON.stringify(lossy, null, 2)}`);
    return result.text;
  };

  /** Parses without checks and demands an error-free parse equivalent to `ir`. */
  const expectReadsBackAs = (text: string, ir: Program, what: string): void => {
    const parsed = parse(text, { dialect, check: false });
    const errors = parsed.diagnostics.filter((d) => d.severity === "error");
    if (errors.length > 0) throw new Error(`${what}: parse errors\ntext: ${JSON.stringify(text)}\n${JSON.stringify(errors, null, 2)}`);
    if (!equivalent(ir, parsed.program)) {
      throw new Error(
        `${what}: IR not equivalent\ntext: ${JSON.stringify(text)}\n` +
          `first difference (expected → actual): ${firstDifference(semanticView(ir), semanticView(parsed.program))}`,
      );
    }
  };

  return {
    roundTrip(ir) {
      expectReadsBackAs(emitText(ir), ir, "emit → parse");
    },
    idempotentAtEveryWidth(ir) {
      const text = emitText(ir);
      // Formatting starts from text that reads back (else the failure is the round trip's).
      expectReadsBackAs(text, ir, "emit → parse");
      for (const width of WIDTHS) {
        const options = width === undefined ? { dialect } : { dialect, width };
        const once = format(text, options).text;
        const twice = format(once, options).text;
        if (twice !== once) throw new Error(`format is not idempotent at width ${width}\nonce:  ${JSON.stringify(once)}\ntwice: ${JSON.stringify(twice)}`);
        expectReadsBackAs(once, ir, `format at width ${width}`);
      }
    },
  };
}

export interface RoundTripProperties {
  dialect: DialectId;
  /** The platform's name, for messages. */
  platform: string;
  /** Diagnostics the emitter gives when it cannot say part of the IR: the generator must never cause them. */
  lossCodes: ReadonlySet<string>;
  params: fc.Parameters<unknown>;
  program: fc.Arbitrary<Program>;
  commentedProgram: fc.Arbitrary<Program>;
  statementsByKind: Record<string, fc.Arbitrary<Statement>>;
  /** Minimal cases of defects the properties once found, kept as regression tests. */
  regressions: { what: string; witness: Program }[];
}

/** Declares the regression tests and properties a to c for one dialect. */
export function describeRoundTripProperties(spec: RoundTripProperties): void {
  const { dialect, params, program, commentedProgram } = spec;
  const { roundTrip, idempotentAtEveryWidth } = roundTripChecks(dialect, spec.platform, spec.lossCodes);

  describe("regressions", () => {
    for (const r of spec.regressions) it(r.what, () => roundTrip(r.witness));
  });

  describe(`${dialect} round trip (property a)`, () => {
    it("parse(emit(ir), {check: false}) is equivalent to ir, without parse errors", () => {
      fc.assert(fc.property(program, roundTrip), params);
    });
    // One property per statement kind, so that a failure names the kind.
    for (const [kind, statement] of Object.entries(spec.statementsByKind)) {
      it(`round trip of ${kind}`, () => {
        fc.assert(fc.property(statement.map((s): Program => ({ statements: [s] })), roundTrip), params);
      });
    }
  });

  describe(`${dialect} printing (property b)`, () => {
    it("format is idempotent at widths 1, 40, 80 and unbounded, and keeps the IR", () => {
      fc.assert(fc.property(program, idempotentAtEveryWidth), params);
    });
  });

  describe(`${dialect} comments (property c)`, () => {
    it("leading and trailing comments round-trip unchanged", () => {
      fc.assert(fc.property(commentedProgram, roundTrip), params);
    });
    it("comments survive formatting at every width", () => {
      fc.assert(fc.property(commentedProgram, idempotentAtEveryWidth), params);
    });
  });
}
