// Property tests of the SingleStore dialect: emit → parse round trip,
// printing idempotence at several widths, and comment preservation, over
// generated IR programs (see singlestore-ir.arbitrary.ts for what is
// generated, misplaced and unknown keys included); every key stays in the
// clause it was written in, and `fix` moves only misplaced secret keys. JSON values and keys are arbitrary strings, so the two
// escaping layers of CONFIG and CREDENTIALS are exercised on every run; a
// last property reads arbitrary text back from every spelling MySQL allows
// for it (either quote, adjacent pieces, any escape).
//
// Runs are deterministic: the seed is fixed (override with FC_SEED, and the
// number of runs with FC_RUNS).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { emit, equivalent, format, parse, type Connection, type Program, type Statement } from "../../src/index.js";
import { KEYS, keyEntry, LINK_TYPES, OPEN_CONFIG_FIELD, typeOfKind, type LinkType } from "../../src/dialects/singlestore/catalog.js";
import type { SingleStoreConnectionExtras } from "../../src/dialects/singlestore/fields.js";
import { getPath } from "../../src/dialects/shared/paths.js";
import { commentedProgram, connectionsByType, program, STATEMENT_KINDS, statementsByKind } from "./singlestore-ir.arbitrary.js";
import { describeRoundTripProperties, firstDifference, propertySettings, WIDTHS } from "./roundtrip.js";

const { seed: SEED, params } = propertySettings(20_240_611);

const dialect = "singlestore" as const;

describe("singlestore IR generator", () => {
  it("covers every statement kind and every IR field of the catalogue", () => {
    const kinds = new Set(fc.sample(program, { seed: SEED, numRuns: 300 }).flatMap((p) => p.statements.map((s) => s.kind)));
    expect([...kinds].sort()).toEqual([...STATEMENT_KINDS].sort());
    for (const type of LINK_TYPES) {
      const paths = new Set<string>();
      for (const connection of fc.sample(connectionsByType[type as LinkType], { seed: SEED, numRuns: 300 })) {
        for (const entry of KEYS[type]) {
          if (entry.path === undefined) continue;
          if (getPath(connection as unknown as Record<string, unknown>, entry.path) !== undefined) paths.add(entry.path);
        }
      }
      const expected = KEYS[type].flatMap((e) => (e.path === undefined ? [] : [e.path]));
      expect({ type, paths: [...paths].sort() }).toEqual({ type, paths: expected.sort() });
    }
  });
});

// ---- Clauses: formatting keeps every key where it was written (issue 6, point 7) ----------

interface Clauses {
  config: string[];
  credentials: string[];
}

const extrasOf = (connection: Connection) => connection.extras?.singlestore as SingleStoreConnectionExtras | undefined;

/** Where each key of a link is to be written: the layout's clause and order, else the catalogue's clause. */
function expectedClauses(type: LinkType, connection: Connection): Clauses {
  const extras = extrasOf(connection);
  if (extras?.layout !== undefined) {
    return { config: (extras.layout.config ?? []).map((k) => k.key), credentials: (extras.layout.credentials ?? []).map((k) => k.key) };
  }
  const out: Clauses = { config: [], credentials: [] };
  for (const entry of KEYS[type]) {
    if (entry.path !== undefined && getPath(connection as unknown as Record<string, unknown>, entry.path) !== undefined) {
      out[entry.clause === "CONFIG" ? "config" : "credentials"].push(entry.key);
    }
  }
  const open = OPEN_CONFIG_FIELD[type];
  out.config.push(...Object.keys(((open !== undefined ? (connection as unknown as Record<string, unknown>)[open] : undefined) as object | undefined) ?? {}));
  out.config.push(...(extras?.config ?? []).map((k) => k.key));
  out.credentials.push(...(extras?.credentials ?? []).map((k) => k.key));
  return out;
}

/** Where each key of a link read from text was written. */
function writtenClauses(connection: Connection): Clauses {
  const layout = extrasOf(connection)?.layout;
  return { config: (layout?.config ?? []).map((k) => k.key), credentials: (layout?.credentials ?? []).map((k) => k.key) };
}

const links = (p: Program) => p.statements.filter((s): s is Extract<Statement, { kind: "create_connection" }> => s.kind === "create_connection");

function expectSameClauses(ir: Program, text: string, what: string): void {
  const read = links(parse(text, { dialect, check: false }).program);
  links(ir).forEach((statement, i) => {
    const expected = expectedClauses(typeOfKind(statement.connection.kind)!, statement.connection);
    const actual = writtenClauses(read[i]!.connection);
    const difference = firstDifference(expected, actual);
    if (difference !== undefined) throw new Error(`${what}: a key left the clause it was written in\ntext: ${JSON.stringify(text)}\n${difference}`);
  });
}

/** Secret keys written in CONFIG that the catalogue documents in CREDENTIALS, once in the link: what fix moves. */
function misplacedSecrets(type: LinkType, clauses: Clauses): string[] {
  const all = [...clauses.config, ...clauses.credentials];
  return clauses.config.filter((key) => {
    const entry = keyEntry(type, key);
    return entry?.secret === true && entry.clause === "CREDENTIALS" && all.filter((k) => k === key).length === 1;
  });
}

describe("singlestore key clauses (property e)", () => {
  const withLayout = (p: Program) => links(p).some((s) => extrasOf(s.connection)?.layout !== undefined);

  it("the generator writes secret keys in CONFIG, settings in CREDENTIALS and unknown keys", () => {
    const sample = fc.sample(program.filter(withLayout), { seed: SEED, numRuns: 300 }).flatMap(links);
    const clausesOf = sample.map((s) => ({ type: typeOfKind(s.connection.kind)!, clauses: expectedClauses(typeOfKind(s.connection.kind)!, s.connection) }));
    const secretInConfig = clausesOf.some(({ type, clauses }) => misplacedSecrets(type, clauses).length > 0);
    const settingInCredentials = clausesOf.some(({ type, clauses }) => clauses.credentials.some((k) => keyEntry(type, k)?.clause === "CONFIG"));
    const unknown = clausesOf.some(({ type, clauses }) => [...clauses.config, ...clauses.credentials].some((k) => keyEntry(type, k) === undefined));
    expect({ secretInConfig, settingInCredentials, unknown }).toEqual({ secretInConfig: true, settingInCredentials: true, unknown: true });
  });

  it("emitting and formatting at every width keep each key in the clause and order its layout records", () => {
    fc.assert(
      fc.property(program, (ir) => {
        const text = emit(ir, { dialect }).text;
        expectSameClauses(ir, text, "emit");
        for (const width of WIDTHS) {
          const formatted = format(text, width === undefined ? { dialect } : { dialect, width }).text;
          expectSameClauses(ir, formatted, `format at width ${width}`);
        }
      }),
      params,
    );
  });

  it("fix moves exactly the secret keys written in CONFIG, one info naming each, and changes nothing else", () => {
    fc.assert(
      fc.property(program.filter(withLayout), (ir) => {
        const fixed = format(emit(ir, { dialect }).text, { dialect, fix: true });
        const moves = fixed.diagnostics.filter((d) => d.code === "singlestore.key-moved");
        const read = parse(fixed.text, { dialect, check: false }).program;
        const expectedMoves: string[] = [];
        const expectedIr = structuredClone(ir);
        links(expectedIr).forEach((statement, i) => {
          const type = typeOfKind(statement.connection.kind)!;
          const clauses = expectedClauses(type, statement.connection);
          const moved = extrasOf(statement.connection)?.layout === undefined ? [] : misplacedSecrets(type, clauses);
          expectedMoves.push(...moved);
          // Kept keys (the IR does not model them) change clause with their values.
          const extras = extrasOf(statement.connection);
          for (const key of moved) {
            const at = extras?.config?.findIndex((k) => k.key === key) ?? -1;
            if (at >= 0) (extras!.credentials ??= []).push(...extras!.config!.splice(at, 1));
          }
          if (extras?.config?.length === 0) delete extras.config;
          const expected = { config: clauses.config.filter((k) => !moved.includes(k)), credentials: [...clauses.credentials, ...moved] };
          const difference = firstDifference(expected, writtenClauses(links(read)[i]!.connection));
          if (difference !== undefined) throw new Error(`fix placed keys elsewhere\ntext: ${JSON.stringify(fixed.text)}\n${difference}`);
        });
        expect(moves.map((d) => d.severity)).toEqual(expectedMoves.map(() => "info"));
        moves.forEach((d, i) => expect(d.message).toContain(JSON.stringify(expectedMoves[i])));
        if (!equivalent(expectedIr, read)) throw new Error(`fix changed more than clauses\n${firstDifference(expectedIr, read)}`);
      }),
      params,
    );
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

describeRoundTripProperties({
  dialect,
  platform: "SingleStore",
  lossCodes: new Set([
    "singlestore.unsupported-field",
    "singlestore.meaning-lost",
    "singlestore.unsupported-connection-type",
    "singlestore.unsupported-alter",
    "singlestore.unsupported-statement",
    "singlestore.secret-reference",
    "singlestore.no-secrets",
    "singlestore.describe",
    "singlestore.foreign-verbatim",
    "ir.invalid",
  ]),
  params,
  program,
  commentedProgram,
  statementsByKind,
  regressions: REGRESSIONS,
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

