// Property tests of the SingleStore dialect: emit → parse round trip,
// printing idempotence at several widths, and comment preservation, over
// generated IR programs (see singlestore-ir.arbitrary.ts for what is
// generated). JSON values and keys are arbitrary strings, so the two
// escaping layers of CONFIG and CREDENTIALS are exercised on every run; a
// last property reads arbitrary text back from every spelling MySQL allows
// for it (either quote, adjacent pieces, any escape).
//
// Runs are deterministic: the seed is fixed (override with FC_SEED, and the
// number of runs with FC_RUNS).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { emit, equivalent, format, parse, semanticView, type Diagnostic, type Program } from "../../src/index.js";
import { KEYS, LINK_TYPES, type LinkType } from "../../src/dialects/singlestore/catalog.js";
import { commentedProgram, connectionsByType, program, STATEMENT_KINDS, statementsByKind } from "./singlestore-ir.arbitrary.js";

const SEED = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : 20_240_611;
const RUNS = process.env.FC_RUNS !== undefined ? Number(process.env.FC_RUNS) : 200;
const params: fc.Parameters<unknown> = { seed: SEED, numRuns: RUNS, endOnFailure: false };

const dialect = "singlestore" as const;
const WIDTHS = [1, 40, 80, undefined] as const;

/** Diagnostics the emitter gives when it cannot say part of the IR: the generator must never cause them. */
const LOSS_CODES = new Set([
  "singlestore.unsupported-field",
  "singlestore.unsupported-connection-type",
  "singlestore.unsupported-alter",
  "singlestore.unsupported-statement",
  "singlestore.secret-reference",
  "singlestore.no-secrets",
  "singlestore.describe",
  "singlestore.foreign-verbatim",
  "ir.invalid",
]);

function firstDifference(a: unknown, b: unknown, path = ""): string | undefined {
  if (JSON.stringify(a) === JSON.stringify(b)) return undefined;
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null && Array.isArray(a) === Array.isArray(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}/${key}`);
      if (d !== undefined) return d;
    }
  }
  return `${path || "/"}: expected ${JSON.stringify(a)}, got ${JSON.stringify(b)}`;
}

function emitText(ir: Program, width?: number): string {
  const result = emit(ir, width === undefined ? { dialect } : { dialect, width });
  const lossy = result.diagnostics.filter((d: Diagnostic) => LOSS_CODES.has(d.code));
  if (lossy.length > 0) throw new Error(`generator produced IR SingleStore cannot express:\n${JSON.stringify(lossy, null, 2)}`);
  return result.text;
}

function expectReadsBackAs(text: string, ir: Program, what: string): void {
  const parsed = parse(text, { dialect, check: false });
  const errors = parsed.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(`${what}: parse errors\ntext: ${JSON.stringify(text)}\n${JSON.stringify(errors, null, 2)}`);
  if (!equivalent(ir, parsed.program)) {
    throw new Error(
      `${what}: IR not equivalent\ntext: ${JSON.stringify(text)}\n` +
        `first difference (expected → actual): ${firstDifference(semanticView(ir), semanticView(parsed.program))}`,
    );
  }
}

function roundTrip(ir: Program): void {
  expectReadsBackAs(emitText(ir), ir, "emit → parse");
}

function idempotentAtEveryWidth(ir: Program): void {
  const text = emitText(ir);
  expectReadsBackAs(text, ir, "emit → parse");
  for (const width of WIDTHS) {
    const options = width === undefined ? { dialect } : { dialect, width };
    const once = format(text, options).text;
    const twice = format(once, options).text;
    if (twice !== once) throw new Error(`format is not idempotent at width ${width}\nonce:  ${JSON.stringify(once)}\ntwice: ${JSON.stringify(twice)}`);
    expectReadsBackAs(once, ir, `format at width ${width}`);
  }
}

describe("singlestore IR generator", () => {
  it("covers every statement kind and every IR field of the catalogue", () => {
    const kinds = new Set(fc.sample(program, { seed: SEED, numRuns: 300 }).flatMap((p) => p.statements.map((s) => s.kind)));
    expect([...kinds].sort()).toEqual([...STATEMENT_KINDS].sort());
    for (const type of LINK_TYPES) {
      const paths = new Set<string>();
      for (const connection of fc.sample(connectionsByType[type as LinkType], { seed: SEED, numRuns: 300 })) {
        for (const entry of KEYS[type]) {
          if (entry.path === undefined) continue;
          let node: unknown = connection;
          for (const segment of entry.path.split(".")) {
            const [key, method] = segment.split("@");
            node = (node as Record<string, unknown> | undefined)?.[key!];
            if (method !== undefined && (node as { method?: string } | undefined)?.method !== method) node = undefined;
          }
          if (node !== undefined) paths.add(entry.path);
        }
      }
      const expected = KEYS[type].flatMap((e) => (e.path === undefined ? [] : [e.path]));
      expect({ type, paths: [...paths].sort() }).toEqual({ type, paths: expected.sort() });
    }
  });
});

const id = (value: string) => ({ value, quoted: false });

/** Minimal cases of defects these properties once found, kept as regression tests. */
const REGRESSIONS: { what: string; witness: Program }[] = [
  {
    what: "a JSON key __proto__ is an own key, not a prototype",
    witness: {
      statements: [
        {
          kind: "create_connection",
          name: { parts: [id("h")] },
          connection: { kind: "http", headers: JSON.parse('{"__proto__":"x"}') as Record<string, string> },
        },
      ],
    },
  },
  {
    what: "backslashes and quotes pass both escaping layers",
    witness: {
      statements: [
        {
          kind: "create_connection",
          name: { parts: [id("k")] },
          description: "it's \\ \n",
          connection: { kind: "kafka", sasl: { username: "a\"b\\'c", password: "\\\\\"'" } },
        },
      ],
    },
  },
  {
    what: "control characters and lone surrogates in JSON strings",
    witness: {
      statements: [
        {
          kind: "create_connection",
          name: { parts: [id("m")] },
          connection: { kind: "mysql", host: "\0\x1a\b\u2028\ud800", port: 3306, extras: { singlestore: { config: [{ key: "\udc00", value: ["\t", -0, 1e-7] }] } } },
        },
      ],
    },
  },
];

describe("regressions", () => {
  for (const r of REGRESSIONS) it(r.what, () => roundTrip(r.witness));
});

describe("singlestore round trip (property a)", () => {
  it("parse(emit(ir), {check: false}) is equivalent to ir, without parse errors", () => {
    fc.assert(fc.property(program, roundTrip), params);
  });
  for (const kind of STATEMENT_KINDS) {
    it(`round trip of ${kind}`, () => {
      fc.assert(fc.property(statementsByKind[kind].map((s): Program => ({ statements: [s] })), roundTrip), params);
    });
  }
});

/** Every way MySQL lets a character be written inside a literal quoted with `quote`. */
function spellings(c: string, quote: string): string[] {
  const named: Record<string, string> = { "\0": "\\0", "\b": "\\b", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1a": "\\Z" };
  if (c === quote) return [quote + quote, `\\${quote}`];
  if (c === "\\") return ["\\\\"];
  const out = [c];
  if (named[c] !== undefined) out.push(named[c]!);
  // `\x` is `x` unless x names an escape (0 b n r t Z) or is kept with its backslash (% _).
  if (!/[0bnrtZ%_]/.test(c)) out.push(`\\${c}`);
  return out;
}

/** A random SQL spelling of a text: adjacent pieces, either quote, any escape of each character. */
const spelt = (value: string) =>
  fc
    .tuple(
      fc.array(fc.nat(), { minLength: value.length, maxLength: value.length }),
      fc.array(fc.boolean(), { minLength: value.length + 1, maxLength: value.length + 1 }),
    )
    .map(([choices, cuts]) => {
      const pieces: string[] = [];
      let quote = "'";
      let body = "";
      [...value].forEach((c, i) => {
        if (cuts[i] && body !== "") {
          pieces.push(quote + body + quote);
          body = "";
          quote = quote === "'" ? '"' : "'";
        }
        const options = spellings(c, quote);
        body += options[choices[i]! % options.length];
      });
      pieces.push(quote + body + quote);
      return pieces.join(cuts[value.length] ? "\n  " : " ");
    });

describe("singlestore string literals (property d)", () => {
  it("every spelling of a text decodes to the text", () => {
    const textAndSpelling = fc.string({ unit: "binary", maxLength: 12 }).chain((value) => spelt(value).map((sql) => ({ value, sql })));
    fc.assert(
      fc.property(textAndSpelling, ({ value, sql }) => {
        const parsed = parse(`CREATE LINK l AS S3 CREDENTIALS '{}' DESCRIPTION ${sql}`, { dialect, check: false });
        expect(parsed.diagnostics).toEqual([]);
        expect(parsed.program.statements[0]).toMatchObject({ description: value });
      }),
      params,
    );
  });
});

describe("singlestore printing (property b)", () => {
  it("format is idempotent at widths 1, 40, 80 and unbounded, and keeps the IR", () => {
    fc.assert(fc.property(program, idempotentAtEveryWidth), params);
  });
});

describe("singlestore comments (property c)", () => {
  it("leading and trailing comments round-trip unchanged", () => {
    fc.assert(fc.property(commentedProgram, roundTrip), params);
  });
  it("comments survive formatting at every width", () => {
    fc.assert(fc.property(commentedProgram, idempotentAtEveryWidth), params);
  });
});
