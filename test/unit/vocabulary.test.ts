// Enumerated values through the catalogues' vocabularies (issue 6, point 4),
// as tables over every vocabulary of both dialects: every spelling reads as
// its concept and formats back as written; every IR concept is written in
// the dialect's own spelling or reported; values outside a table are kept;
// "unset" values leave the IR empty; numbers and booleans are typed.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { emit, format, parse, translate, type Connection, type Diagnostic, type Program } from "../../src/index.js";
import { SASL_MECHANISMS, SECURITY_PROTOCOLS, TLS_MODES } from "../../src/ir/schema.js";
import { FIELDS, KIND_OF_TYPE as MZ_KIND, VOCABULARIES, type MzConnectionType, type MzOptionName } from "../../src/dialects/materialize/catalog.js";
import { KEYS, KIND_OF_TYPE as S2_KIND, LINK_TYPES, type KeyEntry } from "../../src/dialects/singlestore/catalog.js";
import { getPath, setPath } from "../../src/dialects/shared/paths.js";
import { conceptOf, readTerm, spellingOf, vocabulary, writeTerm, type Vocabulary } from "../../src/dialects/shared/vocabulary.js";

const mz = { dialect: "materialize" } as const;
const s2 = { dialect: "singlestore" } as const;

/** The IR concepts a field's values come from. */
function conceptsOf(field: string): readonly string[] {
  if (field === "sasl.mechanism") return SASL_MECHANISMS;
  if (field === "securityProtocol") return SECURITY_PROTOCOLS;
  if (field === "tls.mode") return TLS_MODES;
  throw new Error(`no IR vocabulary for ${field}`);
}

/** Each spelling of a vocabulary, with the case variants the comparison forgives. */
function writtenForms(vocab: Vocabulary): { written: string; concept: string }[] {
  const out: { written: string; concept: string }[] = [];
  for (const [concept, spellings] of Object.entries(vocab.spellings) as [string, string[]][]) {
    for (const spelling of spellings) {
      const forms = vocab.comparison === "exact" ? [spelling] : [...new Set([spelling, spelling.toUpperCase(), spelling.toLowerCase()])];
      for (const written of forms) out.push({ written, concept });
    }
  }
  return out;
}

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

const materializeVocabularies = (Object.entries(VOCABULARIES) as [MzConnectionType, Partial<Record<MzOptionName, Vocabulary>>][]).flatMap(
  ([type, options]) => (Object.entries(options) as [MzOptionName, Vocabulary][]).map(([option, vocab]) => ({ type, option, vocab, field: FIELDS[type][option]! })),
);

const singlestoreVocabularies = LINK_TYPES.flatMap((type) =>
  KEYS[type].filter((e): e is KeyEntry & { vocabulary: Vocabulary; path: string } => e.vocabulary !== undefined).map((entry) => ({ type, entry })),
);

const connectionWith = (kind: string, field: string, value: string): Connection => {
  const connection = { kind } as Record<string, unknown>;
  setPath(connection, field, value);
  return connection as unknown as Connection;
};

const program = (connection: Connection): Program => ({
  statements: [{ kind: "create_connection", name: { parts: [{ value: "c", quoted: false }] }, connection }],
});

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.code);

describe("the shared vocabulary helper", () => {
  const caseless = vocabulary<string>("case-insensitive", { a: ["A", "a-alt"], b: ["B"] });
  const exact = vocabulary<string>("exact", { a: ["A", "a-alt"] });

  it("reads spellings by the platform's comparison rule", () => {
    expect(conceptOf(caseless, "a-ALT")).toBe("a");
    expect(conceptOf(exact, "a-ALT")).toBeUndefined();
    expect(spellingOf(caseless, "a")).toBe("A");
    expect(spellingOf(caseless, "A")).toBeUndefined();
  });

  it("writes back every text it reads, with the spelling it records", () => {
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom("A", "a", "a-alt", "A-ALT", "B", "b", "c"), fc.string()), (written) => {
        for (const vocab of [caseless, exact]) {
          const read = readTerm(vocab, written);
          expect(writeTerm(vocab, read.value, read.spelling).text).toBe(written);
        }
      }),
      { seed: 6_4, numRuns: 300 },
    );
  });

  it("knows an IR value when it is a concept or one of the platform's spellings", () => {
    expect(writeTerm(caseless, "a")).toEqual({ text: "A", known: true });
    // Not a concept, but a spelling the platform reads: written as it stands, and known.
    expect(writeTerm(caseless, "A-Alt")).toEqual({ text: "A-Alt", known: true });
    expect(writeTerm(caseless, "zzz")).toEqual({ text: "zzz", known: false });
  });
});

describe("Materialize vocabularies", () => {
  for (const { type, option, vocab, field } of materializeVocabularies) {
    it(`${type} ${option}: every spelling reads as its concept and formats back as written`, () => {
      for (const { written, concept } of writtenForms(vocab)) {
        const sql = `CREATE CONNECTION c TO ${type} (${option} = ${quote(written)})`;
        const parsed = parse(sql, { ...mz, check: false });
        expect(getPath(parsed.program.statements[0]! as never, `connection.${field}`), written).toBe(concept);
        expect(format(sql, mz).text, written).toContain(`${option} = ${quote(written)}`);
      }
    });

    it(`${type} ${option}: every IR concept is written in Materialize's spelling, or reported by field`, () => {
      for (const concept of conceptsOf(field)) {
        const result = emit(program(connectionWith(MZ_KIND[type], field, concept)), mz);
        const spelling = spellingOf(vocab, concept);
        expect(result.text, concept).toContain(`${option} = ${quote(spelling ?? concept)}`);
        const reported = result.diagnostics.filter((d) => d.code === "materialize.unknown-value");
        expect(reported.map((d) => d.path), concept).toEqual(spelling === undefined ? [`connection.${field}`] : []);
      }
    });
  }

  it("a value outside the table is kept as written, formats without a vocabulary warning, and is reported where it goes", () => {
    const sql = "CREATE CONNECTION k TO KAFKA (BROKER 'b:9092', SECURITY PROTOCOL 'SASL_SSL', SASL MECHANISMS 'foo', SASL USERNAME 'u', SASL PASSWORD 'p')";
    const parsed = parse(sql, { ...mz, check: false });
    expect((parsed.program.statements[0] as { connection: { sasl: { mechanism: string } } }).connection.sasl.mechanism).toBe("foo");
    expect(codes(format(sql, mz).diagnostics)).not.toContain("materialize.unknown-value");
    const out = translate(sql, { from: "materialize", to: "singlestore" });
    expect(out.text).toContain('"sasl.mechanism":"foo"');
    expect(out.diagnostics.find((d) => d.code === "singlestore.unknown-value")).toMatchObject({ severity: "warning", path: "connection.sasl.mechanism" });
  });

  it("an exact comparison keeps a differently cased value as written: Postgres 'REQUIRE' is not require", () => {
    const parsed = parse("CREATE CONNECTION p TO POSTGRES (HOST 'h', DATABASE 'd', USER 'u', SSL MODE 'REQUIRE')", mz);
    expect((parsed.program.statements[0] as { connection: Connection }).connection).toMatchObject({ tls: { mode: "REQUIRE" } });
    expect(parsed.diagnostics.map((d) => d.message)).toContain('invalid CONNECTION: unknown SSL MODE "REQUIRE"');
  });

  describe("ENDPOINT '' (no endpoint)", () => {
    const sql = "CREATE CONNECTION a TO AWS (ENDPOINT = '', ASSUME ROLE ARN = 'arn')";

    it("leaves the IR without an endpoint and formats back as written", () => {
      const parsed = parse(sql, mz);
      expect(parsed.diagnostics).toEqual([]);
      expect((parsed.program.statements[0] as { connection: Connection }).connection).not.toHaveProperty("endpoint");
      expect(format(sql, mz).text).toBe(`${sql};\n`);
    });

    it("carries nothing into another dialect", () => {
      const out = translate(sql, { from: "materialize", to: "singlestore" });
      expect(out.text).not.toContain("endpoint");
      expect(out.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    });

    it("an IR endpoint that is empty cannot be said: it is reported as dropped", () => {
      const result = emit(program({ kind: "aws", endpoint: "", auth: { method: "assume_role", roleArn: "arn" } }), mz);
      expect(result.text).not.toContain("ENDPOINT");
      expect(result.diagnostics.map((d) => d.path)).toContain("connection.endpoint");
    });

    it("given twice it stays twice, and the checker says so", () => {
      const twice = "CREATE CONNECTION a TO AWS (ENDPOINT = '', ENDPOINT = 'http://x', ASSUME ROLE ARN = 'arn')";
      const formatted = format(twice, mz);
      expect(formatted.text).toBe(`${twice};\n`);
      expect(codes(formatted.diagnostics)).toContain("materialize.duplicate-option");
    });
  });
});

describe("SingleStore vocabularies", () => {
  for (const { type, entry } of singlestoreVocabularies) {
    const field = entry.path;
    it(`${type} ${entry.key}: every spelling reads as its concept and formats back as written`, () => {
      for (const { written, concept } of writtenForms(entry.vocabulary)) {
        const sql = `CREATE LINK l AS ${type} CONFIG '${JSON.stringify({ [entry.key]: written })}' CREDENTIALS '{}'`;
        const parsed = parse(sql, { ...s2, check: false });
        expect(getPath(parsed.program.statements[0]! as never, `connection.${field}`), written).toBe(concept);
        expect(format(sql, s2).text, written).toContain(JSON.stringify({ [entry.key]: written }).slice(1, -1));
      }
    });

    it(`${type} ${entry.key}: every IR concept is written in SingleStore's spelling, or reported by field`, () => {
      for (const concept of conceptsOf(field)) {
        const result = emit(program(connectionWith(S2_KIND[type], field, concept)), s2);
        const spelling = spellingOf(entry.vocabulary, concept);
        expect(result.text, concept).toContain(`${JSON.stringify(entry.key)}:${JSON.stringify(spelling ?? concept)}`);
        const reported = result.diagnostics.filter((d) => d.code === "singlestore.unknown-value");
        expect(reported.map((d) => d.path), concept).toEqual(spelling === undefined ? [`connection.${field}`] : []);
      }
    });
  }

  it("librdkafka compares mechanisms exactly: a lower-case one is kept as written and the checker names the right spelling", () => {
    const sql = `CREATE LINK k AS KAFKA CONFIG '{"sasl.mechanism":"scram-sha-256"}' CREDENTIALS '{}'`;
    const parsed = parse(sql, s2);
    expect((parsed.program.statements[0] as { connection: Connection }).connection).toMatchObject({ sasl: { mechanism: "scram-sha-256" } });
    expect(parsed.diagnostics).toMatchObject([{ severity: "warning", code: "singlestore.invalid-value", hint: 'write "SCRAM-SHA-256"' }]);
  });

  it("Materialize's lower-case mechanism becomes librdkafka's upper case in a link", () => {
    const out = translate("CREATE SECRET p AS 'x'; CREATE CONNECTION k TO KAFKA (BROKER 'b:9092', SASL MECHANISMS 'scram-sha-256', SASL USERNAME 'u', SASL PASSWORD SECRET p)", {
      from: "materialize",
      to: "singlestore",
    });
    expect(out.text).toContain('"sasl.mechanism":"SCRAM-SHA-256"');
  });
});

describe("numbers and booleans are typed by the IR, whichever JSON form a link used", () => {
  const typed = LINK_TYPES.flatMap((type) =>
    KEYS[type].filter((e) => e.path !== undefined && (e.type === "integer" || e.type === "boolean")).map((entry) => ({ type, entry })),
  );
  for (const { type, entry } of typed) {
    it(`${type} ${entry.key}`, () => {
      const value = entry.type === "integer" ? 3306 : true;
      for (const json of [value, String(value)]) {
        const sql = `CREATE LINK l AS ${type} CONFIG '${JSON.stringify({ [entry.key]: json })}' CREDENTIALS '{}'`;
        const parsed = parse(sql, { ...s2, check: false });
        expect(getPath(parsed.program.statements[0]! as never, `connection.${entry.path!.replace(/@\w+/g, "")}`)).toBe(value);
        expect(format(sql, s2).text).toContain(JSON.stringify({ [entry.key]: json }).slice(1, -1));
      }
    });
  }

  it("a port written as a string in a link is a number in Materialize, and back", () => {
    const there = translate(`CREATE LINK m AS MYSQL CONFIG '{"database.hostname":"h","database.port":"3307"}' CREDENTIALS '{"database.user":"u"}'`, {
      from: "singlestore",
      to: "materialize",
    });
    expect(there.text).toContain("PORT = 3307");
    const back = translate(there.text, { from: "materialize", to: "singlestore" });
    expect(back.text).toContain('"database.port":3307');
  });
});
