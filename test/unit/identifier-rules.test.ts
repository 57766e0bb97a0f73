// Identifiers in IR from elsewhere obey the platform's lexical rules: an
// empty name is an error from the dialect's check wherever the emitter would
// print it, as on the platform, and so are names over the length limit.
import { describe, expect, it } from "vitest";
import { emit, parse, type Diagnostic, type Identifier, type ObjectName, type Statement } from "../../src/index.js";

const id = (value: string, quoted = true): Identifier => ({ value, quoted });
const one = (value: string, quoted = true): ObjectName => ({ parts: [id(value, quoted)] });
const ok = one("ok");

function nameDiagnostics(dialect: "materialize" | "singlestore", statement: Statement): Diagnostic[] {
  const result = emit({ statements: [statement] }, { dialect });
  expect(result.diagnostics.filter((d) => d.code === "ir.invalid")).toEqual([]);
  return result.diagnostics.filter((d) => d.code === `${dialect}.invalid-name` || d.code === `${dialect}.name-too-long`);
}

/** Statements with one name replaced, and the IR path of that name. */
function placesOf(name: ObjectName): { place: string; statement: Statement }[] {
  const pw = { secret: name };
  return [
    { place: "name.parts[0]", statement: { kind: "create_connection", name, connection: { kind: "aws", auth: { method: "implicit" } } } },
    { place: "name.parts[0]", statement: { kind: "create_secret", name, value: { kind: "text", value: "v" } } },
    { place: "names[1].parts[0]", statement: { kind: "drop", objectType: "connection", names: [ok, name] } },
    { place: "from.parts[0]", statement: { kind: "show", objectType: "connections", from: name } },
    { place: "action.newName.parts[0]", statement: { kind: "alter_connection", name: ok, action: { kind: "rename", newName: name } } },
    { place: "action.owner", statement: { kind: "alter_secret", name: ok, action: { kind: "owner", owner: name.parts[0]! } } },
    {
      place: "connection.sasl.password.secret.parts[0]",
      statement: { kind: "create_connection", name: ok, connection: { kind: "kafka", brokers: [{ address: "b:9092" }], sasl: { mechanism: "PLAIN", username: "u", password: pw } } },
    },
    {
      place: "connection.tunnel.connection.parts[0]",
      statement: { kind: "create_connection", name: ok, connection: { kind: "postgres", host: "h", database: "d", user: "u", tunnel: { kind: "ssh", connection: name } } },
    },
    {
      place: "connection.extras.materialize.options[0].value.name.parts[0]",
      statement: {
        kind: "create_connection",
        name: ok,
        connection: { kind: "aws", auth: { method: "implicit" }, extras: { materialize: { options: [{ option: "AWS CONNECTION", value: { kind: "identifier", name } }] } } },
      },
    },
  ];
}

describe("Materialize refuses what its lexer refuses, wherever a name is printed", () => {
  const cases: [string, string, string][] = [
    ["an empty quoted identifier", "", "zero-length delimited identifier"],
    ["a NUL character", "a\0b", "null character in quoted identifier"],
    ["256 bytes", "x".repeat(256), "identifier length exceeds 255 bytes"],
    ["256 bytes of two-byte characters", "é".repeat(128), "identifier length exceeds 255 bytes"],
    ["a single dot", ".", 'invalid identifier: "."'],
  ];
  for (const [what, value, message] of cases) {
    it(what, () => {
      for (const { place, statement } of placesOf(one(value))) {
        expect(nameDiagnostics("materialize", statement)).toEqual([
          { severity: "error", code: "materialize.invalid-name", message, path: place },
        ]);
      }
    });
  }

  it("accepts names of exactly 255 bytes, and an empty bare identifier is refused as well", () => {
    expect(nameDiagnostics("materialize", placesOf(one("é".repeat(127) + "a"))[0]!.statement)).toEqual([]);
    expect(nameDiagnostics("materialize", placesOf(one("", false))[0]!.statement).map((d) => d.message)).toEqual(["zero-length delimited identifier"]);
  });

  it("reports at the statement's span", () => {
    const span = { start: { line: 2, column: 1, offset: 10 }, end: { line: 2, column: 9, offset: 18 } };
    const [d] = nameDiagnostics("materialize", { kind: "drop", objectType: "secret", names: [one("")], span });
    expect(d?.span).toEqual(span);
  });

  it("text never gets there: the parser refuses the name first, once", () => {
    const result = parse('DROP CONNECTION ""', { dialect: "materialize" });
    expect(result.diagnostics.map((d) => d.message)).toEqual(["zero-length delimited identifier"]);
  });
});

describe("SingleStore: names a statement prints", () => {
  const printed = (name: ObjectName): { place: string; statement: Statement }[] => [
    { place: "name.parts[0]", statement: { kind: "create_connection", name, connection: { kind: "s3", auth: { method: "implicit" } } } },
    { place: "names[1].parts[0]", statement: { kind: "drop", objectType: "connection", names: [ok, name] } },
    { place: "from.parts[0]", statement: { kind: "show", objectType: "connections", from: name } },
    { place: "name.parts[0]", statement: { kind: "show_create_connection", name } },
  ];

  it("an empty name is an error", () => {
    for (const { place, statement } of printed(one(""))) {
      expect(nameDiagnostics("singlestore", statement)).toEqual([
        { severity: "error", code: "singlestore.invalid-name", message: "an identifier cannot be empty", path: place },
      ]);
    }
  });

  it("a name longer than 64 characters is a warning; characters, not UTF-16 units, are counted", () => {
    const long = "l".repeat(65);
    for (const { place, statement } of printed(one(long))) {
      expect(nameDiagnostics("singlestore", statement)).toEqual([
        {
          severity: "warning",
          code: "singlestore.name-too-long",
          message: `identifier "${long}" is longer than 64 characters, MySQL's limit for names`,
          path: place,
        },
      ]);
    }
    for (const value of ["l".repeat(64), "😀".repeat(64)]) expect(nameDiagnostics("singlestore", printed(one(value))[0]!.statement)).toEqual([]);
  });

  it("references inside a connection are not printed by SingleStore, so not checked as names", () => {
    const statement: Statement = { kind: "create_connection", name: ok, connection: { kind: "mysql", host: "h", tunnel: { kind: "ssh", connection: one("") } } };
    expect(nameDiagnostics("singlestore", statement)).toEqual([]);
  });
});
