// Property tests of the Materialize dialect: emit → parse round trip, printing
// idempotence at several widths, and comment preservation, over generated IR
// programs (see materialize-ir.arbitrary.ts for what is generated).
//
// Runs are deterministic: the seed is fixed (override with FC_SEED, and the
// number of runs with FC_RUNS). On failure fast-check prints the seed, the
// path and the shrunk counterexample; the assertion message shows the
// emitted text and the first place where the IRs differ.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { emit, equivalent, format, parse, semanticView, type Diagnostic, type Program } from "../../src/index.js";
import { FIELDS, type MzConnectionType } from "../../src/dialects/materialize/catalog.js";
import {
  CONNECTION_TYPE_LIST,
  MATERIALIZE_STATEMENT_KINDS,
  commentedProgram,
  connectionsByType,
  isWellFormedBlockComment,
  program,
  statementsByKind,
} from "./materialize-ir.arbitrary.js";

const SEED = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : 20_240_521;
const RUNS = process.env.FC_RUNS !== undefined ? Number(process.env.FC_RUNS) : 200;
const params: fc.Parameters<unknown> = { seed: SEED, numRuns: RUNS, endOnFailure: false };

const dialect = "materialize" as const;
const WIDTHS = [1, 40, 80, undefined] as const;

/** Diagnostics the emitter gives when it cannot say part of the IR: the generator must never cause them. */
const LOSS_CODES = new Set([
  "materialize.unsupported-field",
  "materialize.unsupported-connection-type",
  "materialize.no-or-replace",
  "materialize.describe",
  "materialize.foreign-verbatim",
  "materialize.foreign-expression",
  "ir.invalid",
]);

function errors(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === "error");
}

/** The first path at which two JSON values differ, with both sides. */
function firstDifference(a: unknown, b: unknown, path = ""): string | undefined {
  if (JSON.stringify(a) === JSON.stringify(b)) return undefined;
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const d = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}/${key}`);
      if (d !== undefined) return d;
    }
  }
  return `${path || "/"}: expected ${JSON.stringify(a)}, got ${JSON.stringify(b)}`;
}

function emitText(ir: Program, width?: number): string {
  const result = emit(ir, width === undefined ? { dialect } : { dialect, width });
  const lossy = result.diagnostics.filter((d) => LOSS_CODES.has(d.code));
  if (lossy.length > 0) throw new Error(`generator produced IR Materialize cannot express:\n${JSON.stringify(lossy, null, 2)}`);
  return result.text;
}

/** Parses without checks and demands an error-free parse equivalent to `ir`. */
function expectReadsBackAs(text: string, ir: Program, what: string): void {
  const parsed = parse(text, { dialect, check: false });
  const errs = errors(parsed.diagnostics);
  if (errs.length > 0) {
    throw new Error(`${what}: parse errors\ntext: ${JSON.stringify(text)}\n${JSON.stringify(errs, null, 2)}`);
  }
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

function formatText(text: string, width: number | undefined): string {
  return format(text, width === undefined ? { dialect } : { dialect, width }).text;
}

function idempotentAtEveryWidth(ir: Program): void {
  const t = emitText(ir);
  // Formatting starts from text that reads back (else the failure is property a's).
  expectReadsBackAs(t, ir, "emit → parse");
  for (const width of WIDTHS) {
    const once = formatText(t, width);
    const twice = formatText(once, width);
    if (twice !== once) {
      throw new Error(`format is not idempotent at width ${width}\nonce:  ${JSON.stringify(once)}\ntwice: ${JSON.stringify(twice)}`);
    }
    expectReadsBackAs(once, ir, `format at width ${width}`);
  }
}

describe("materialize IR generator", () => {
  it("covers every statement kind and every catalogue option of every connection type", () => {
    const seen = new Set<string>();
    for (const ir of fc.sample(program, { seed: SEED, numRuns: 400 })) {
      for (const s of ir.statements) seen.add(s.kind);
    }
    expect([...seen].sort()).toEqual([...MATERIALIZE_STATEMENT_KINDS].sort());

    // Which catalogue options a generated connection says, read off the IR by the catalogue's field paths.
    const says = (connection: Record<string, unknown>, option: string, path: string): boolean => {
      const brokers = (connection.brokers as unknown[] | undefined)?.length ?? 0;
      const rules = (connection.brokerRules as unknown[] | undefined)?.length ?? 0;
      if (option === "BROKER") return brokers === 1 && rules === 0;
      if (option === "BROKERS") return brokers + rules > 1;
      if (path === "tunnel") {
        const kind = (connection.tunnel as { kind?: string } | undefined)?.kind;
        return kind === (option === "SSH TUNNEL" ? "ssh" : "privatelink");
      }
      let node: unknown = connection;
      for (const segment of path.split(".")) {
        const [key, method] = segment.split("@");
        node = (node as Record<string, unknown> | undefined)?.[key!];
        if (method !== undefined && (node as { method?: string } | undefined)?.method !== method) return false;
      }
      return node !== undefined;
    };
    for (const type of CONNECTION_TYPE_LIST) {
      const options = new Set<string>();
      const catalogue = Object.entries(FIELDS[type as MzConnectionType]) as [string, string][];
      for (const connection of fc.sample(connectionsByType[type], { seed: SEED, numRuns: 300 })) {
        for (const [option, path] of catalogue) {
          if (says(connection as unknown as Record<string, unknown>, option, path)) options.add(option);
        }
      }
      expect({ type, options: [...options].sort() }).toEqual({ type, options: catalogue.map(([o]) => o).sort() });
    }
  });

  it("generates only well-formed comments", () => {
    expect(isWellFormedBlockComment(" a /* b */ c ")).toBe(true);
    expect(isWellFormedBlockComment("a/")).toBe(false); // `/*a/*/` opens a nested comment
    expect(isWellFormedBlockComment("*/")).toBe(false);
  });
});

// ---- Known library bugs ---------------------------------------------------------------

const id = (value: string, quoted = false) => ({ value, quoted });
const a = { parts: [id("a")] };

/** Minimal cases of defects these properties once found, kept as regression tests. */
const REGRESSIONS: { what: string; witness: Program }[] = [
  {
    what: "a quoted identifier that could be bare is the same identifier",
    witness: { statements: [{ kind: "validate_connection", name: { parts: [id("a", true)] } }] },
  },
  {
    what: "parsed connections carry no empty extras",
    witness: { statements: [{ kind: "create_connection", name: a, connection: { kind: "ssh_tunnel", host: "h" } }] },
  },
  {
    what: "a backslash in a standard string is an ordinary character",
    witness: { statements: [{ kind: "comment_on", objectType: "secret", name: a, comment: "\\" }] },
  },
  {
    what: "a lone surrogate is one character and shifts nothing after it",
    witness: {
      statements: [
        { kind: "comment_on", objectType: "secret", name: a, comment: "x\ud800y" },
        { kind: "validate_connection", name: a },
      ],
    },
  },
];

describe("regressions", () => {
  for (const r of REGRESSIONS) it(r.what, () => roundTrip(r.witness));
});

// ---- The properties ----------------------------------------------------------------------

describe("materialize round trip (property a)", () => {
  it("parse(emit(ir), {check: false}) is equivalent to ir, without parse errors", () => {
    fc.assert(fc.property(program, roundTrip), params);
  });
  // One property per statement kind, so that a failure names the kind.
  for (const kind of MATERIALIZE_STATEMENT_KINDS) {
    it(`round trip of ${kind}`, () => {
      const one = statementsByKind[kind].map((s): Program => ({ statements: [s] }));
      fc.assert(fc.property(one, roundTrip), params);
    });
  }
});

describe("materialize printing (property b)", () => {
  it("format is idempotent at widths 1, 40, 80 and unbounded, and keeps the IR", () => {
    fc.assert(fc.property(program, idempotentAtEveryWidth), params);
  });
});

describe("materialize comments (property c)", () => {
  it("leading and trailing comments round-trip unchanged", () => {
    fc.assert(fc.property(commentedProgram, roundTrip), params);
  });
  it("comments survive formatting at every width", () => {
    fc.assert(fc.property(commentedProgram, idempotentAtEveryWidth), params);
  });
});
