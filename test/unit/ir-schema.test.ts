// The published IR schema holds every shape an emitter or checker relies on:
// IR that validates can always be emitted, and IR that would surprise a
// dialect is refused with the path of the problem. The schema is not tighter
// than the dialects' own lowering: everything they produce validates.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { emit, parse, validateProgram, type Statement } from "../../src/index.js";
import { SUPPORTED_KEYWORDS } from "../../src/ir/validate.js";
// @ts-expect-error -- plain JavaScript module without type declarations
import { findGoldenFiles, parseGoldenFile } from "../../scripts/golden-format.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const readSchema = (file: string) => JSON.parse(readFileSync(join(root, "schema", file), "utf8")) as Record<string, unknown>;

const name = (value: string) => ({ parts: [{ value, quoted: false }] });

describe("the published schemas", () => {
  it("use only keywords the validator enforces", () => {
    for (const file of ["ir.schema.json", "options.schema.json"]) {
      const used = new Set<string>();
      const walk = (node: unknown, keysAreNames: boolean): void => {
        if (Array.isArray(node)) return node.forEach((n) => walk(n, false));
        if (typeof node !== "object" || node === null) return;
        for (const [key, value] of Object.entries(node)) {
          if (!keysAreNames) used.add(key);
          walk(value, !keysAreNames && ["properties", "patternProperties", "$defs"].includes(key));
        }
      };
      walk(readSchema(file), false);
      expect({ file, unknown: [...used].filter((k) => !SUPPORTED_KEYWORDS.has(k)) }).toEqual({ file, unknown: [] });
    }
  });

  it("define the extras of each implemented dialect at each place", () => {
    const defs = Object.keys(readSchema("ir.schema.json").$defs as object);
    expect(defs).toEqual(
      expect.arrayContaining([
        "ConnectionExtras",
        "CreateConnectionExtras",
        "AlterConnectionExtras",
        "DropExtras",
        "OpenExtras",
        "MaterializeConnectionExtras",
        "MaterializeStatementExtras",
        "MaterializeOption",
        "MaterializeLayoutEntry",
        "SingleStoreConnectionExtras",
        "SingleStoreAlterExtras",
        "SingleStoreKeptKey",
        "SingleStoreLayout",
        "SingleStoreKeyLayout",
        "SingleStoreClauseLayout",
        "SingleStoreAlterChangeLayout",
        "NumberText",
      ]),
    );
    expect(Object.keys(readSchema("options.schema.json").$defs as object)).toEqual(["EmitOptions", "FormatOptions", "JsonValue", "ParseOptions", "TranslateOptions"]);
  });
});

describe("IR the dialects produce validates", () => {
  const files: string[] = findGoldenFiles(join(root, "golden"), root);
  const inputs = files.flatMap((file) =>
    (parseGoldenFile(readFileSync(join(root, file), "utf8"), file) as { dialect: string; args: Record<string, string>; input: string }[]).map((c) => ({
      dialect: c.args.from ?? c.dialect,
      input: c.input,
    })),
  );

  it("for every input of the golden files", () => {
    expect(inputs.length).toBeGreaterThan(100);
    for (const { dialect, input } of inputs) {
      if (dialect !== "materialize" && dialect !== "singlestore") continue;
      const { program } = parse(input, { dialect, check: false });
      expect({ input, errors: validateProgram(JSON.parse(JSON.stringify(program))) }).toEqual({ input, errors: [] });
    }
  });
});

/** A program holding one statement; `at` is the path of the problem the schema must report. */
const connectionWith = (extras: unknown, kind = "kafka"): Statement =>
  ({ kind: "create_connection", name: name("c"), connection: { kind, extras } }) as unknown as Statement;
const statementWith = (kind: "create_connection" | "alter_connection" | "drop", extras: unknown): Statement =>
  ({
    create_connection: { kind, name: name("c"), connection: { kind: "kafka" }, extras },
    alter_connection: { kind, name: name("c"), action: { kind: "change", changes: [{ kind: "set", option: "CONFIG" }] }, extras },
    drop: { kind, objectType: "connection", names: [name("c")], extras },
  })[kind] as unknown as Statement;

const REFUSED: [string, Statement, string][] = [
  ["Materialize verbatim options that are not a list", connectionWith({ materialize: { options: "SASL PASSWORD" } }), "/connection/extras/materialize/options"],
  ["a Materialize option without its name", connectionWith({ materialize: { options: [{ value: { kind: "null" } }] } }), "/connection/extras/materialize/options/0/option"],
  ["a Materialize option name that is not one", connectionWith({ materialize: { options: [{ option: "PORT = 1); DROP" }] } }), "/connection/extras/materialize/options/0/option"],
  ["a Materialize option value that is no Value", connectionWith({ materialize: { options: [{ option: "PORT", value: 5432 }] } }), "/connection/extras/materialize/options/0/value"],
  ["a Materialize layout entry without its option", connectionWith({ materialize: { layout: { options: [{ form: "identifier" }] } } }), "/connection/extras/materialize/layout/options/0/option"],
  ["a Materialize layout form that is not one", connectionWith({ materialize: { layout: { options: [{ option: "HOST", form: "string" }] } } }), "/connection/extras/materialize/layout/options/0/form"],
  ["Materialize WITH options that are not a list", statementWith("create_connection", { materialize: { with: { VALIDATE: false } } }), "/extras/materialize/with"],
  ["Materialize WITH options on a connection", connectionWith({ materialize: { with: [] } }), "/connection/extras/materialize/with"],
  ["SingleStore kept keys that are not a list", connectionWith({ singlestore: { config: { "client.id": "x" } } }), "/connection/extras/singlestore/config"],
  ["a SingleStore kept key that is not a string", connectionWith({ singlestore: { credentials: [{ key: 1, value: "x" }] } }), "/connection/extras/singlestore/credentials/0/key"],
  ["a SingleStore kept key that is null", connectionWith({ singlestore: { config: [null] } }), "/connection/extras/singlestore/config/0"],
  ["a SingleStore clause value that is an object", connectionWith({ singlestore: { configValue: { a: 1 } } }), "/connection/extras/singlestore/configValue"],
  ["a SingleStore clause that is not one", connectionWith({ singlestore: { layout: { clauses: [{ clause: "DESCRIPTION" }] } } }), "/connection/extras/singlestore/layout/clauses/0/clause"],
  ["a SingleStore number text that is not JSON", connectionWith({ singlestore: { layout: { config: [{ key: "k", numbers: [{ path: [], text: "0x10" }] }] } } }), "/connection/extras/singlestore/layout/config/0/numbers/0/text"],
  ["a SingleStore number path with a negative index", connectionWith({ singlestore: { layout: { config: [{ key: "k", numbers: [{ path: [-1], text: "1.0" }] }] } } }), "/connection/extras/singlestore/layout/config/0/numbers/0/path/0"],
  ["a SingleStore ALTER layout that is not a list", statementWith("alter_connection", { singlestore: { layout: { changes: {} } } }), "/extras/singlestore/layout/changes"],
  ["a SingleStore ALTER layout flag that is false", statementWith("alter_connection", { singlestore: { layout: { changes: [{ empty: false }] } } }), "/extras/singlestore/layout/changes/0/empty"],
  ["SingleStore extras on a CREATE statement, where no dialect reads them", statementWith("create_connection", { singlestore: {} }), "/extras/singlestore"],
  ["Materialize extras on a DROP", statementWith("drop", { materialize: {} }), "/extras/materialize"],
  ["extras of a dialect that does not exist", connectionWith({ oracle: {} }), "/connection/extras/oracle"],
  ["extras of a dialect without an implementation that are not an object", connectionWith({ flink: ["a"] }), "/connection/extras/flink"],
  ["extras that are not an object", connectionWith("materialize"), "/connection/extras"],
];

describe("IR an emitter would choke on is refused, with the path of the problem", () => {
  for (const [what, statement, at] of REFUSED) {
    it(what, () => {
      const errors = validateProgram({ statements: [statement] });
      expect(errors.map((e) => e.path)).toContain(`/statements/0${at}`);
      for (const dialect of ["materialize", "singlestore"] as const) {
        expect(emit({ statements: [statement] }, { dialect }).diagnostics.every((d) => d.code === "ir.invalid")).toBe(true);
      }
    });
  }

  it("extras of dialects without an implementation hold any JSON object, reported as lost by the emitters", () => {
    const statement = connectionWith(
      { flink: { "properties.group.id": "g", list: [{ key: "a" }, { key: 2 }], mixed: [null, { key: "b" }], nested: { deep: [[]] }, layout: { x: 1 } } },
      "aws",
    );
    expect(validateProgram({ statements: [statement] })).toEqual([]);
    const lost = emit({ statements: [statement] }, { dialect: "materialize" }).diagnostics.flatMap((d) => (d.path?.startsWith("connection.extras") ? [d.path] : []));
    expect(lost).toEqual([
      "connection.extras.flink.properties.group.id",
      "connection.extras.flink.list.a",
      "connection.extras.flink.list.2",
      "connection.extras.flink.mixed",
      "connection.extras.flink.nested",
    ]);
  });

  it("settings lists of any shape are redacted without surprise", () => {
    const statement = connectionWith({ flink: { credentials: [null, 5, [], { key: 7 }, { key: "password", value: "hunter2" }] } }, "aws");
    for (const dialect of ["materialize", "singlestore"] as const) {
      const result = emit({ statements: [statement] }, { dialect, redact: true });
      expect(result.diagnostics.map((d) => d.code)).not.toContain("internal.error");
    }
  });
});

describe("text printed as it is has a pattern", () => {
  const refused: [string, unknown, string][] = [
    ["a number that is not a numeric literal", { kind: "alter_connection", name: name("c"), action: { kind: "change", changes: [{ kind: "set", option: "PORT", value: { kind: "number", value: "1); DROP CONNECTION c; --" } }] } }, "/action/changes/0/value/value"],
    ["hex digits holding a quote", { kind: "alter_connection", name: name("c"), action: { kind: "change", changes: [{ kind: "set", option: "X", value: { kind: "hex", value: "00'; DROP" } }] } }, "/action/changes/0/value/value"],
    ["a catalog id that is not one token", { kind: "validate_connection", name: { parts: [{ value: "c", quoted: false }, { value: "d", quoted: false }], catalogId: "u1 AS x]; DROP" } }, "/name/catalogId"],
    ["a version that is not a number", { kind: "validate_connection", name: { parts: [{ value: "c", quoted: false }, { value: "d", quoted: false }], catalogId: "u1", version: "1]" } }, "/name/version"],
  ];
  for (const [what, statement, at] of refused) {
    it(what, () => {
      expect(validateProgram({ statements: [statement] }).map((e) => e.path)).toEqual([`/statements/0${at}`]);
    });
  }

  it("block comments may span lines; a quoted catalog id passes", () => {
    expect(validateProgram({ statements: [{ kind: "show", objectType: "connections", comments: [{ style: "block", text: " a\nb " }] }] })).toEqual([]);
    expect(validateProgram({ statements: [{ kind: "validate_connection", name: { parts: [{ value: "c", quoted: false }, { value: "d", quoted: false }], catalogId: '"u 1"', version: "2" } }] })).toEqual([]);
  });
});

describe("odd JSON", () => {
  it("a `__proto__` key is an unknown property like any other", () => {
    const statement = JSON.parse('{"kind": "show", "objectType": "connections", "__proto__": {"x": 1}}') as unknown;
    expect(validateProgram({ statements: [statement] })).toEqual([
      { path: "/statements/0/__proto__", message: expect.stringMatching(/^unknown property/) },
    ]);
  });

  it("messages give the type of a wrong value, never the value", () => {
    const statement = { kind: "create_connection", name: name("c"), connection: { kind: "postgres", password: 8675309, tls: { insecureSkipVerify: "yes" } } };
    const messages = validateProgram({ statements: [statement] }).map((e) => e.message);
    expect(messages).toHaveLength(2);
    for (const m of messages) expect(m).not.toMatch(/8675309|yes/);
  });
});

describe("what the schema cannot say is a check", () => {
  it("an empty BROKERS list, which would print as `()`, is an error", () => {
    const statements = [
      { kind: "alter_connection", name: name("k"), action: { kind: "change", changes: [{ kind: "set", option: "BROKERS", value: { kind: "list", items: [] } }] } },
      connectionWith({ materialize: { options: [{ option: "BROKERS", value: { kind: "list", items: [] } }] } }),
    ];
    for (const statement of statements) {
      const result = emit({ statements: [statement] }, { dialect: "materialize" });
      expect(result.diagnostics).toContainEqual(expect.objectContaining({ severity: "error", message: "invalid BROKERS: cannot use value as broker list" }));
    }
  });
});
