import { describe, expect, it } from "vitest";
import { emit, parse, validateProgram } from "../../src/index.js";

const name = (value: string) => ({ parts: [{ value, quoted: false }] });

describe("IR JSON validation", () => {
  it("accepts what the parser produces", () => {
    const { program } = parse(
      "CREATE CONNECTION k TO KAFKA (BROKERS ('a:1' USING SSH TUNNEL t), SASL PASSWORD SECRET p); CREATE SECRET p AS 'x'",
      { dialect: "materialize", check: false },
    );
    expect(validateProgram(JSON.parse(JSON.stringify(program)))).toEqual([]);
  });

  it("names the path of a mistyped field inside a connection", () => {
    const program = {
      statements: [{ kind: "create_connection", name: name("p"), connection: { kind: "postgres", host: "h", port: "5432" } }],
    };
    expect(validateProgram(program)).toEqual([{ path: "/statements/0/connection/port", message: "expected an integer, got a string" }]);
  });

  it("resolves unions through their discriminator", () => {
    const program = { statements: [{ kind: "create_connection", name: name("c"), connection: { kind: "kafak" } }] };
    expect(validateProgram(program)[0]).toMatchObject({ path: "/statements/0/connection/kind", message: expect.stringContaining('unknown kind "kafak"') });
  });

  it("reports unknown properties and missing required ones", () => {
    const program = { statements: [{ kind: "drop", objectType: "connection", names: [name("a")], cascaed: true }, { kind: "drop" }] };
    const errors = validateProgram(program);
    expect(errors.map((e) => e.path)).toEqual(["/statements/0/cascaed", "/statements/1/objectType", "/statements/1/names"]);
  });

  it("validates secret references deep inside", () => {
    const program = {
      statements: [
        {
          kind: "create_connection",
          name: name("k"),
          connection: { kind: "kafka", brokers: [{ address: "a:1" }], sasl: { password: { secret: { parts: [] } } } },
        },
      ],
    };
    expect(validateProgram(program)[0]?.path).toBe("/statements/0/connection/sasl/password/secret/parts");
  });

  it("makes emit return diagnostics instead of throwing for invalid IR", () => {
    const result = emit({ statements: [{ kind: "nope" }] }, { dialect: "materialize" });
    expect(result.text).toBe("");
    expect(result.diagnostics[0]).toMatchObject({ severity: "error", code: "ir.invalid" });
    expect(emit("not a program", { dialect: "materialize" }).diagnostics[0]?.message).toBe("/: expected an object, got a string");
  });

  it("emits valid IR built by hand", () => {
    const program = {
      statements: [
        {
          kind: "create_connection",
          name: name("pg"),
          connection: { kind: "postgres", host: "db", port: 5432, database: "app", user: "svc", password: { secret: name("pgpass") } },
        },
      ],
    };
    expect(emit(program, { dialect: "materialize" })).toEqual({
      text: "CREATE CONNECTION pg TO POSTGRES (HOST = 'db', PORT = 5432, DATABASE = 'app', USER = 'svc', PASSWORD = SECRET pgpass);\n",
      diagnostics: [],
      sensitiveSpans: [],
    });
  });
});
