// Nothing throws, ever: every function of the library API, given arbitrary
// JSON and arbitrary options, returns a result of its documented shape with
// diagnostics — never an exception, and never an `internal.error` diagnostic
// (the safety net that turns an exception into a diagnostic must never be
// needed: when it is, a defect slipped through).
//
// Inputs are arbitrary JSON, plus values biased towards the places where
// defects hide: real statements from the golden files and examples, and IR
// parsed from them or generated for the round-trip properties, then mutated
// (fields replaced by arbitrary JSON or by values of the right type with odd
// content, keys deleted, extras replaced, arrays emptied). Options are
// arbitrary objects over the real option names, with right and wrong types,
// unknown keys, and non-objects.
//
// Runs are deterministic: the seed is fixed (override with FC_SEED, and the
// number of runs of each property with FC_RUNS).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as api from "../../src/index.js";
import type { Diagnostic, JsonValue, Program } from "../../src/index.js";
// @ts-expect-error -- plain JavaScript module without type declarations
import { findGoldenFiles, parseGoldenFile } from "../../scripts/golden-format.mjs";
import { program as materializeProgram } from "./materialize-ir.arbitrary.js";
import { program as singlestoreProgram } from "./singlestore-ir.arbitrary.js";

const SEED = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : 9_2026;
const runs = (fallback: number) => (process.env.FC_RUNS !== undefined ? Number(process.env.FC_RUNS) : fallback);
const params = (numRuns: number): fc.Parameters<unknown> => ({ seed: SEED, numRuns: runs(numRuns), endOnFailure: false });

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

// ---- The corpus: real statements and the IR parsed from them ------------------------------

interface Source {
  dialect: "materialize" | "singlestore";
  text: string;
}

function corpus(): Source[] {
  const sources: Source[] = [];
  const files: string[] = findGoldenFiles(join(root, "golden"), root);
  for (const file of files) {
    for (const c of parseGoldenFile(readFileSync(join(root, file), "utf8"), file) as { dialect: string; args: Record<string, string>; input: string }[]) {
      const dialect = c.args.from ?? c.dialect;
      if (dialect === "materialize" || dialect === "singlestore") sources.push({ dialect, text: c.input });
    }
  }
  for (const dialect of ["materialize", "singlestore"] as const) {
    let names: string[] = [];
    try {
      names = readdirSync(join(root, "examples", dialect)).filter((n) => n.endsWith(".sql"));
    } catch {
      // no examples for this dialect
    }
    for (const name of names) sources.push({ dialect, text: readFileSync(join(root, "examples", dialect, name), "utf8") });
  }
  return sources;
}

const SOURCES = corpus();

/** One program per statement of the corpus, as JSON (what a code generator would hand over). */
const PARSED_PROGRAMS: Program[] = SOURCES.flatMap(({ dialect, text }) =>
  api.parse(text, { dialect, check: false }).program.statements.map((statement) => JSON.parse(JSON.stringify({ statements: [statement] })) as Program),
);

/** Names of the connections in the corpus, so that `supply` sometimes names a real one. */
const CONNECTION_NAMES = [
  ...new Set(
    PARSED_PROGRAMS.flatMap((p) => p.statements).flatMap((s) => (s.kind === "create_connection" ? [s.name.parts[s.name.parts.length - 1]!.value] : [])),
  ),
];

// ---- Arbitraries ----------------------------------------------------------------------------

/** Values of the wrong type for nearly everything, and of the right type with content at the edges. */
const odd: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(undefined, null, Number.NaN, Infinity, -Infinity, 0, -0, -1, 1.5, 2 ** 53 + 2, 1e300, "", "80", " ", [], {}, true, false),
  },
);

const dialectName = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom("materialize", "singlestore") },
  { weight: 1, arbitrary: fc.constantFrom("flink", "cockroachdb", "databend", "__proto__", "toString", "constructor", "MATERIALIZE", "") },
  { weight: 1, arbitrary: odd },
);
const width = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 120 }) }, { weight: 1, arbitrary: odd });
const flag = fc.oneof({ weight: 3, arbitrary: fc.boolean() }, { weight: 1, arbitrary: odd });

/** Secret values carry a mark that must never appear in a diagnostic. */
const SECRET_MARK = "sEcReT-";
const secretName = fc.oneof(fc.constantFrom("pw", "kafka_password", "db.schema.pw", "__proto__", "constructor", ""), fc.string({ maxLength: 8 }));
const secretValue = fc.string({ maxLength: 12 }).map((s) => `${SECRET_MARK}${s}`);
const secrets = fc.oneof(
  { weight: 3, arbitrary: fc.dictionary(secretName, secretValue, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(secretName, odd, { maxKeys: 3 }) },
  { weight: 1, arbitrary: odd },
);

const fieldPath = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "brokers", "port", "host", "user", "database", "sasl.mechanism", "sasl.password", "tls.ca", "region", "endpoint",
      "auth@access_key.accessKeyId", "availabilityZones", "progressTopicReplicationFactor", "hosts",
      "__proto__.polluted", "constructor.prototype.polluted", "host.inner", "brokers.0.address", "", ".", "a..b",
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
);
const connectionName = fc.oneof(
  { weight: 3, arbitrary: CONNECTION_NAMES.length > 0 ? fc.constantFrom(...CONNECTION_NAMES) : fc.constant("c") },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);
const supply = fc.oneof(
  { weight: 3, arbitrary: fc.dictionary(connectionName, fc.dictionary(fieldPath, fc.string({ maxLength: 20 }), { maxKeys: 3 }), { maxKeys: 2 }) },
  { weight: 1, arbitrary: fc.dictionary(connectionName, odd, { maxKeys: 2 }) },
  { weight: 1, arbitrary: fc.dictionary(connectionName, fc.dictionary(fieldPath, odd, { maxKeys: 2 }), { maxKeys: 2 }) },
  { weight: 1, arbitrary: odd },
);

/** An options object over every option name of every function, with right and wrong values and unknown keys; or not an object at all. */
const options: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 9,
    arbitrary: fc
      .tuple(
        fc.record(
          { dialect: dialectName, from: dialectName, to: dialectName, width, check: flag, redact: flag, strict: flag, placeholders: flag, pipelineTemplate: flag, secrets, supply },
          { requiredKeys: [] },
        ),
        fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("widht", "dialects", "__proto__", "toString")), odd, { maxKeys: 2 }),
      )
      .map(([known, unknown]) => {
        const out: Record<string, unknown> = {};
        for (const [key, value] of [...Object.entries(unknown), ...Object.entries(known)]) {
          Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
        }
        return out;
      }),
  },
  { weight: 1, arbitrary: odd },
);

/** Options that pass the checks, so that the input reaches the dialects; mixed with arbitrary options. */
const realDialect = fc.constantFrom("materialize", "singlestore");
const optionsFor = {
  parse: fc.record({ dialect: realDialect, check: fc.boolean() }, { requiredKeys: ["dialect"] }),
  format: fc.record({ dialect: realDialect, width: fc.integer({ min: 1, max: 120 }), redact: fc.boolean() }, { requiredKeys: ["dialect"] }),
  translate: fc.record(
    {
      from: realDialect,
      to: realDialect,
      width: fc.integer({ min: 1, max: 120 }),
      redact: fc.boolean(),
      strict: fc.boolean(),
      placeholders: fc.boolean(),
      pipelineTemplate: fc.boolean(),
      secrets: fc.dictionary(secretName, secretValue, { maxKeys: 3 }),
      supply: fc.dictionary(connectionName, fc.dictionary(fieldPath, fc.string({ maxLength: 20 }), { maxKeys: 3 }), { maxKeys: 2 }),
    },
    { requiredKeys: ["from", "to"] },
  ),
};
const someOptions = (valid: fc.Arbitrary<unknown>) => fc.oneof({ weight: 2, arbitrary: valid }, { weight: 1, arbitrary: options });

/** Text: real statements (whole, cut, or with odd characters spliced in), any string, or not a string. */
const text: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SOURCES.map((s) => s.text)) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...SOURCES.map((s) => s.text)), fc.nat(), fc.nat(), fc.constantFrom("", "'", '"', "`", "/*", "--", "\0", "\u2028", "$$", "(", "{", "\\", "é😀\ud800"))
      .map(([t, a, b, insert]) => {
        const i = a % (t.length + 1);
        const j = Math.min(t.length, i + (b % 40));
        return t.slice(0, i) + insert + t.slice(j);
      }),
  },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 60 }) },
  { weight: 1, arbitrary: odd },
);

// ---- Mutated IR ---------------------------------------------------------------------------------

type Holder = Record<string | number, unknown>;
interface Site {
  holder: Holder;
  key: string | number;
  path: (string | number)[];
}

function sitesOf(value: unknown): Site[] {
  const sites: Site[] = [];
  const visit = (node: unknown, path: (string | number)[]) => {
    if (typeof node !== "object" || node === null) return;
    const entries: [string | number, unknown][] = Array.isArray(node) ? node.map((v, i) => [i, v]) : Object.entries(node);
    for (const [key, child] of entries) {
      sites.push({ holder: node as Holder, key, path: [...path, key] });
      visit(child, [...path, key]);
    }
  };
  visit(value, []);
  return sites;
}

const ODD_STRINGS = ["", "\0", "x".repeat(300), "é".repeat(130), ".", "..", "__proto__", "'; DROP", "a\nb", "*/", "${x}", "1e999", "0x10", "\ud800"];
const ODD_NUMBERS = [0, -0, -1, 1.5, 65536, 2 ** 53 + 2, 1e21, -1e-7];
const DIALECTS = ["materialize", "singlestore", "flink", "cockroachdb", "databend"];

type MutationKind = "replace" | "delete" | "oddLeaf" | "emptyArray" | "duplicate" | "extras" | "inExtras" | "protoKey";
interface Mutation {
  kind: MutationKind;
  at: number;
  pick: number;
  json: JsonValue;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom<MutationKind>("replace", "delete", "oddLeaf", "oddLeaf", "emptyArray", "duplicate", "extras", "extras", "inExtras", "inExtras", "protoKey"),
  at: fc.nat(),
  pick: fc.nat(),
  json: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<JsonValue>,
});

/** Extras built around the shapes the dialects read, and the lists of settings that loss reporting and redaction read in any dialect's extras. */
function extrasLike(dialectPick: number, shapePick: number, json: JsonValue): JsonValue {
  const dialect = DIALECTS[dialectPick % DIALECTS.length]!;
  const shapes: JsonValue[] = [
    json,
    { [dialect]: json },
    { [dialect]: { options: json } },
    { [dialect]: { options: [{ option: "SASL PASSWORD", value: json }] } },
    { [dialect]: { with: [{ option: "VALIDATE", value: json }] } },
    { [dialect]: { layout: json } },
    { [dialect]: { layout: { options: [json], clauses: [json], config: [json], changes: [json] } } },
    { [dialect]: { config: [{ key: "k", value: json }], credentials: json } },
    { [dialect]: { config: [json, { key: json, value: json }], credentials: [json, { key: "password", value: json }] } },
    { [dialect]: { configValue: json, credentialsValue: json, layout: { clauses: [{ clause: "CONFIG", numbers: [{ path: [], text: "1.0" }] }] } } },
  ];
  return shapes[shapePick % shapes.length]!;
}

function mutate(base: unknown, mutations: Mutation[]): unknown {
  const copy = structuredClone(base);
  for (const m of mutations) {
    const all = sitesOf(copy);
    const sites = m.kind === "inExtras" ? all.filter((s) => s.path.includes("extras")) : all;
    if (sites.length === 0) continue;
    const site = sites[m.at % sites.length]!;
    const current = site.holder[site.key];
    switch (m.kind) {
      case "replace":
      case "inExtras":
        site.holder[site.key] = m.json;
        break;
      case "delete":
        if (Array.isArray(site.holder)) site.holder.splice(site.key as number, 1);
        else delete site.holder[site.key];
        break;
      case "oddLeaf":
        if (typeof current === "string") site.holder[site.key] = ODD_STRINGS[m.pick % ODD_STRINGS.length];
        else if (typeof current === "number") site.holder[site.key] = ODD_NUMBERS[m.pick % ODD_NUMBERS.length];
        else if (typeof current === "boolean") site.holder[site.key] = !current;
        break;
      case "emptyArray":
        if (Array.isArray(current)) current.length = 0;
        break;
      case "duplicate":
        if (Array.isArray(current) && current.length > 0) current.push(structuredClone(current[m.pick % current.length]));
        break;
      case "extras": {
        // Statements and connections (objects with a `kind`) hold extras.
        const holders = all.map((s) => s.holder[s.key]).filter((v): v is Holder => typeof v === "object" && v !== null && !Array.isArray(v) && "kind" in v);
        if (holders.length > 0) holders[m.pick % holders.length]!.extras = extrasLike(m.at, Math.floor(m.pick / 7), m.json);
        break;
      }
      case "protoKey":
        if (typeof current === "object" && current !== null && !Array.isArray(current)) {
          Object.defineProperty(current, "__proto__", { value: m.json, enumerable: true, writable: true, configurable: true });
        }
        break;
    }
  }
  return copy;
}

/** IR generated for the round-trip properties, with the dialect it was generated for. */
const generated = fc.oneof(
  materializeProgram.map((program) => ({ dialect: "materialize" as const, program })),
  singlestoreProgram.map((program) => ({ dialect: "singlestore" as const, program })),
);
const baseProgram: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PARSED_PROGRAMS) },
  { weight: 2, arbitrary: generated.map((g) => g.program) },
);

/** IR-like values: mutated real and generated programs, the programs themselves, and arbitrary JSON. */
const programLike: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(baseProgram, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([p, ms]) => mutate(p, ms)) },
  { weight: 2, arbitrary: baseProgram },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.constant({ statements: [, { kind: "drop" }] }) },
);

// ---- The documented shapes ------------------------------------------------------------------------

const SEVERITIES = new Set(["error", "warning", "info"]);

function expectPosition(p: unknown): void {
  expect(p).toEqual({ line: expect.any(Number), column: expect.any(Number), offset: expect.any(Number) });
}

/** A list of well-formed diagnostics, none of them the safety net's, none showing a secret value given in the options. */
function expectDiagnostics(diagnostics: unknown): asserts diagnostics is Diagnostic[] {
  expect(Array.isArray(diagnostics)).toBe(true);
  for (const d of diagnostics as Diagnostic[]) {
    if (d.code === "internal.error") throw new Error(`internal.error: ${d.message}`);
    expect(SEVERITIES.has(d.severity)).toBe(true);
    expect(typeof d.code).toBe("string");
    expect(typeof d.message).toBe("string");
    expect(`${d.message} ${d.hint ?? ""}`).not.toContain(SECRET_MARK);
    if (d.span !== undefined) {
      expectPosition(d.span.start);
      expectPosition(d.span.end);
    }
  }
}

/** Refused arguments mean no output. */
function refused(diagnostics: Diagnostic[]): boolean {
  return diagnostics.some((d) => d.code === "options.invalid" || d.code === "input.invalid");
}

function expectTextResult(result: unknown): void {
  const r = result as { text: unknown; diagnostics: unknown };
  expect(typeof r.text).toBe("string");
  expectDiagnostics(r.diagnostics);
  if (refused(r.diagnostics)) expect(r.text).toBe("");
}

/** How many emit calls got past the checks of their arguments into a dialect. */
const reached = { emitted: 0, emitCalls: 0 };

// ---- The properties ---------------------------------------------------------------------------------

// The public signatures ask for typed arguments; these calls deliberately pass anything.
type AnyFunction = (...args: unknown[]) => unknown;
const call = (fn: unknown, ...args: unknown[]) => (fn as AnyFunction)(...args);

describe("nothing throws, ever", () => {
  it("parse: any text, any options", () => {
    fc.assert(
      fc.property(text, someOptions(optionsFor.parse), (t, o) => {
        const result = call(api.parse, t, o) as { program: unknown; diagnostics: unknown };
        expectDiagnostics(result.diagnostics);
        expect(Array.isArray((result.program as Program).statements)).toBe(true);
        if (refused(result.diagnostics)) expect(result.program).toEqual({ statements: [] });
      }),
      params(500),
    );
  });

  it("format: any text, any options", () => {
    fc.assert(
      fc.property(text, someOptions(optionsFor.format), (t, o) => expectTextResult(call(api.format, t, o))),
      params(500),
    );
  });

  it("emit: any IR-like value, any options", () => {
    fc.assert(
      fc.property(programLike, someOptions(optionsFor.format), (p, o) => {
        const result = call(api.emit, p, o) as { diagnostics: Diagnostic[] };
        expectTextResult(result);
        reached.emitCalls++;
        if (!result.diagnostics.some((d) => ["ir.invalid", "options.invalid", "dialect.unsupported"].includes(d.code))) reached.emitted++;
      }),
      params(1500),
    );
    // Mutated IR that never passed validation would leave the emitters untested.
    if (process.env.FC_RUNS === undefined) expect(reached.emitted / reached.emitCalls).toBeGreaterThan(0.2);
  });

  it("emit: generated IR of either dialect into either dialect, at any width, redacted or not", () => {
    fc.assert(
      fc.property(generated, fc.constantFrom("materialize", "singlestore"), fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }), fc.boolean(), ({ program: p }, dialect, w, redact) => {
        const before = JSON.stringify(p);
        expectTextResult(api.emit(p, { dialect, redact, ...(w !== undefined ? { width: w } : {}) }));
        // The caller's program is never changed.
        expect(JSON.stringify(p)).toBe(before);
      }),
      params(300),
    );
  });

  it("translate: any text, any options", () => {
    fc.assert(
      fc.property(text, someOptions(optionsFor.translate), (t, o) => expectTextResult(call(api.translate, t, o))),
      params(600),
    );
  });

  it("translate: real statements, with secrets and supplied fields for the connections they create", () => {
    const sourcesWithNames = SOURCES.map(({ dialect, text: sql }) => {
      const created = api.parse(sql, { dialect, check: false }).program.statements.flatMap((st) => (st.kind === "create_connection" ? [st] : []));
      return {
        dialect,
        sql,
        names: created.map((st) => st.name.parts.map((p) => p.value).join(".")),
        // The connections' own fields, so that supplied paths meet values already there.
        fields: [...new Set(created.flatMap((st) => sitesOf(st.connection).filter((site) => !site.path.includes("extras")).map((site) => site.path.join("."))))],
      };
    }).filter((s) => s.names.length > 0 && s.fields.length > 0);
    const cases = fc.constantFrom(...sourcesWithNames).chain(({ dialect, sql, names, fields }) =>
      fc.record({
        sql: fc.constant(sql),
        from: fc.constant(dialect),
        to: realDialect,
        secrets,
        supply: fc.dictionary(
          fc.constantFrom(...names),
          fc.dictionary(
            fc.oneof(fieldPath, fc.constantFrom(...fields), fc.constantFrom(...fields).map((f) => `${f}.inner`)),
            fc.oneof(fc.string({ maxLength: 20 }), odd),
            { maxKeys: 3 },
          ),
          { maxKeys: 2 },
        ),
        flags: fc.record({ redact: fc.boolean(), strict: fc.boolean(), placeholders: fc.boolean(), pipelineTemplate: fc.boolean() }, { requiredKeys: [] }),
      }),
    );
    fc.assert(
      fc.property(cases, ({ sql, from, to, secrets: s, supply: sup, flags }) => {
        expectTextResult(call(api.translate, sql, { from, to, secrets: s, supply: sup, ...flags }));
      }),
      params(400),
    );
  });

  it("translate: emitted generated IR, with secrets, supplied fields and every flag", () => {
    fc.assert(
      fc.property(generated, realDialect, someOptions(optionsFor.translate), ({ dialect: from, program: p }, to, o) => {
        const source = api.emit(p, { dialect: from }).text;
        const extra = typeof o === "object" && o !== null && !Array.isArray(o) ? o : {};
        expectTextResult(call(api.translate, source, { ...extra, from, to }));
      }),
      params(300),
    );
  });

  it("validateProgram, equivalent, semanticView and hasErrors: any value", () => {
    fc.assert(
      fc.property(programLike, programLike, (a, b) => {
        const errors = api.validateProgram(a);
        expect(Array.isArray(errors)).toBe(true);
        for (const e of errors) expect(e).toEqual({ path: expect.any(String), message: expect.any(String) });
        expect(errors.some((e) => e.message.startsWith("internal error"))).toBe(false);
        expect(typeof api.equivalent(a, b)).toBe("boolean");
        expect(api.equivalent(a, structuredClone(a))).toBe(true);
        expect(typeof JSON.stringify(api.semanticView(a))).toBe("string");
        expect(typeof call(api.hasErrors, a)).toBe("boolean");
      }),
      params(600),
    );
  });
});

describe("values no JSON text can hold", () => {
  it("cycles, bigints and deep nesting are not equivalent to anything, and views of them are JSON", () => {
    const cyclic: Record<string, unknown> = { statements: [] };
    cyclic.self = cyclic;
    let deep: unknown = 1;
    for (let i = 0; i < 5000; i++) deep = { d: deep };
    for (const value of [cyclic, deep, { n: 10n }]) {
      expect(api.equivalent(value, value)).toBe(false);
      expect(() => JSON.stringify(api.semanticView(value))).not.toThrow();
      expect(api.emit(value, { dialect: "materialize" }).diagnostics[0]?.code).toBe("ir.invalid");
    }
  });

  it("an array with holes is invalid IR, not a crash", () => {
    const holes = { statements: new Array(2) };
    expect(api.validateProgram(holes).map((e) => e.path)).toEqual(["/statements/0", "/statements/1"]);
  });
});
