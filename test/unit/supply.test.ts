// Supplied fields are checked against the IR schema: names, paths, values.
import { describe, expect, it } from "vitest";
import { fieldIndex, type FieldPath } from "../../src/ir/field-paths.js";
import { ProgramSchema, type Connection, type Statement } from "../../src/ir/schema.js";
import { validateProgram } from "../../src/ir/validate.js";
import { translate } from "../../src/index.js";
import { applySupply, unknownSupplyTargets } from "../../src/translate/supply.js";

const index = fieldIndex(ProgramSchema);
const name = (value: string) => ({ parts: [{ value, quoted: false }] });

function statementOf(connection: Record<string, unknown>): Statement {
  return { kind: "create_connection", name: name("c"), connection: connection as unknown as Connection };
}

/** A connection of a kind with its required fields. */
function minimalConnection(kind: string): Record<string, unknown> {
  const required = index.connection(kind as Connection["kind"]).filter((f) => f.required && !f.key.includes("."));
  return { kind, ...Object.fromEntries(required.map((f) => [f.key, f.values?.[0] ?? "x"])) };
}

/** A value for a field as the command line would give it, and a check of what it became. */
function textFor(field: FieldPath, fields: readonly FieldPath[]): { text: string; expected: unknown } | undefined {
  switch (field.shape) {
    case "string":
    case "textOrSecret":
    case "json":
      return { text: "value-1", expected: "value-1" };
    case "integer":
      return { text: "42", expected: 42 };
    case "boolean":
      return { text: "true", expected: true };
    case "enum":
      return { text: field.values![0]!.toUpperCase(), expected: field.values![0] };
    case "objectName":
      return { text: "db.ref", expected: { parts: [{ value: "db", quoted: false }, { value: "ref", quoted: false }] } };
    case "stringList":
      return { text: "a, b", expected: ["a", "b"] };
    case "objectList":
      return field.itemText !== undefined ? { text: "b1:9092,b2:9092", expected: [{ [field.itemText]: "b1:9092" }, { [field.itemText]: "b2:9092" }] } : undefined;
    case "map":
      return { text: '{"k":"v"}', expected: { k: "v" } };
    case "union": {
      const value = alternativeValue(field, field.union!.values[0]!, fields);
      return { text: JSON.stringify(value), expected: value };
    }
    default:
      return undefined;
  }
}

/** An alternative of a union field, with what it requires. */
function alternativeValue(union: FieldPath, alternative: string, fields: readonly FieldPath[]): Record<string, unknown> {
  const key = `${union.key}@${alternative}`;
  const required = fields.filter((f) => f.required && f.key.startsWith(`${key}.`) && !f.key.slice(key.length + 1).includes("."));
  return {
    [union.union!.discriminator]: alternative,
    ...Object.fromEntries(required.map((f) => [f.key.slice(key.length + 1), f.shape === "objectName" ? name("ref") : f.shape === "map" ? {} : "x"])),
  };
}

function at(root: unknown, path: string): unknown {
  let node = root;
  for (const step of path.split(".")) node = (node as Record<string, unknown> | undefined)?.[step];
  return node;
}

describe("every field of every kind can be supplied as text", () => {
  const rows: [string, string, FieldPath][] = [];
  for (const kind of index.kinds) {
    for (const field of index.connection(kind)) {
      // Fields inside lists are supplied with their list; an alternative as a whole with its union.
      if (field.path.includes("[]") || field.shape === "extras" || (field.shape === "object" && field.alternatives.at(-1)?.at === field.path)) continue;
      if (field.shape === "object") continue; // plain objects are supplied field by field (or as JSON, below)
      rows.push([kind, field.key, field]);
    }
  }

  it.each(rows)("%s %s", (kind, key, field) => {
    const sample = textFor(field, index.connection(kind));
    if (sample === undefined) {
      // Only fields without a text form are left: they take JSON.
      expect(["objectList", "list", "object", "union", "value"]).toContain(field.shape);
      return;
    }
    const connection = minimalConnection(kind);
    // A field beside a required one of its alternative goes into a union that has it.
    const alternative = field.alternatives[0];
    if (alternative !== undefined && !field.required) {
      const union = index.connection(kind).find((f) => f.key === alternative.at)!;
      connection[alternative.at] = alternativeValue(union, alternative.value, index.connection(kind));
    }
    // A union the field needs is chosen with `@`; a map entry is named by its key.
    const path = key.replace(/\.\*$/, ".some-key");
    const diagnostics = applySupply("c", connection as unknown as Connection, statementOf(connection), { c: { [path]: sample.text } });
    // A required field of the kind is there already: supplying it replaces it.
    const replaced = field.required && field.alternatives.length === 0;
    expect(diagnostics.map((d) => [d.severity, d.code])).toEqual([replaced ? ["warning", "translate.supply-override"] : ["info", "translate.supplied"]]);
    const plain = field.path.replace(/\.\*$/, ".some-key");
    expect(at(connection, plain)).toEqual(sample.expected);
    expect(validateProgram({ statements: [statementOf(connection)] })).toEqual([]);
  });

  it("covers every kind of the schema", () => {
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(index.kinds));
  });
});

describe("what is supplied is checked", () => {
  const mysql = () => ({ kind: "mysql", host: "db", port: 3306 });

  it("takes JSON for structured fields, and JSON values from the API", () => {
    const kafka: Record<string, unknown> = { kind: "kafka" };
    const tunnel = { kind: "ssh", connection: name("bastion") };
    const diagnostics = applySupply("c", kafka as unknown as Connection, statementOf(kafka), {
      c: { brokers: '[{"address":"b1:9092"}]', tunnel: JSON.stringify(tunnel), progressTopicReplicationFactor: 3, "sasl.oauth.scopes": ["a", "b"] },
    });
    expect(diagnostics.every((d) => d.code === "translate.supplied")).toBe(true);
    expect(kafka).toMatchObject({ brokers: [{ address: "b1:9092" }], tunnel, progressTopicReplicationFactor: 3, sasl: { oauth: { scopes: ["a", "b"] } } });
  });

  it("fills the alternative of a union a field belongs to, or the one named with @", () => {
    const aws: Record<string, unknown> = { kind: "aws" };
    applySupply("c", aws as unknown as Connection, statementOf(aws), { c: { "auth.secretAccessKey": "k" } });
    expect(aws.auth).toEqual({ method: "access_key", secretAccessKey: "k" });
    const pg: Record<string, unknown> = { kind: "postgres" };
    applySupply("c", pg as unknown as Connection, statementOf(pg), { c: { "tunnel@ssh.connection": "bastion" } });
    expect(pg.tunnel).toEqual({ kind: "ssh", connection: name("bastion") });
  });

  it("asks which alternative when a path belongs to several", () => {
    const pg: Record<string, unknown> = { kind: "postgres" };
    const [d] = applySupply("c", pg as unknown as Connection, statementOf(pg), { c: { "tunnel.connection": "bastion" } });
    expect(d).toMatchObject({ severity: "error", code: "translate.supply-unknown-field", path: "connection.tunnel.connection" });
    expect(d?.hint).toContain("tunnel@ssh.connection");
  });

  it("refuses a field of another alternative than the one the connection has", () => {
    const aws: Record<string, unknown> = { kind: "aws", auth: { method: "assume_role", roleArn: "arn" } };
    const [d] = applySupply("c", aws as unknown as Connection, statementOf(aws), { c: { "auth.secretAccessKey": "k" } });
    expect(d).toMatchObject({ severity: "error", code: "translate.supply-conflict" });
    expect(aws.auth).toEqual({ method: "assume_role", roleArn: "arn" });
  });

  it("refuses a value that leaves its field incomplete, and leaves the connection as it was", () => {
    const pg: Record<string, unknown> = { kind: "postgres" };
    const [d] = applySupply("c", pg as unknown as Connection, statementOf(pg), { c: { "tunnel@privatelink.port": "5" } });
    expect(d).toMatchObject({ severity: "error", code: "translate.supply-invalid" });
    expect(pg.tunnel).toBeUndefined();
  });

  it.each([
    ["port", "abc"],
    ["port", "1.5"],
    ["tls.enabled", "yes"],
    ["tunnel", "ssh"],
    ["tunnel", '{"kind":"ssh"'],
    ["tunnel", '{"kind":"ssh"}'],
  ])("names %s and keeps the value %s out of the message", (path, text) => {
    const connection = mysql();
    const [d] = applySupply("c", connection as unknown as Connection, statementOf(connection), { c: { [path]: text } });
    expect(d).toMatchObject({ severity: "error", code: "translate.supply-invalid", path: `connection.${path}` });
    expect(d!.message).toContain(path);
    expect(`${d!.message} ${d!.hint ?? ""}`).not.toContain(text);
  });

  it("never shows a secret given with the wrong type", () => {
    const connection = mysql();
    const [d] = applySupply("c", connection as unknown as Connection, statementOf(connection), { c: { password: 987654321 } });
    expect(d).toMatchObject({ severity: "error", code: "translate.supply-invalid", path: "connection.password" });
    expect(JSON.stringify(d)).not.toContain("987654321");
  });

  it.each([["a big integer", 10n], ["a function", () => 1], ["a cycle", (() => { const o: Record<string, unknown> = {}; o.self = o; return o; })()]])(
    "refuses %s from the API without throwing",
    (_, value) => {
      const connection = mysql();
      const [d] = applySupply("c", connection as unknown as Connection, statementOf(connection), { c: { port: value } });
      expect(d).toMatchObject({ severity: "error", code: "translate.supply-invalid", path: "connection.port" });
    },
  );

  it("warns when it replaces a value the source carried", () => {
    const connection = mysql();
    const [d] = applySupply("c", connection as unknown as Connection, statementOf(connection), { c: { port: "3307" } });
    expect(d).toMatchObject({ severity: "warning", code: "translate.supply-override", path: "connection.port" });
    expect(connection.port).toBe(3307);
  });

  it("names a path that is not a field of the kind, with a suggestion", () => {
    const connection = mysql();
    const [d] = applySupply("c", connection as unknown as Connection, statementOf(connection), { c: { prot: "1" } });
    expect(d).toMatchObject({ severity: "error", code: "translate.supply-unknown-field", path: "connection.prot" });
    expect(d?.hint).toBe("did you mean port?");
  });

  it("names a connection the input does not create, with a suggestion", () => {
    const program = { statements: [statementOf(mysql())] };
    expect(unknownSupplyTargets({ d: { port: "1" } }, program)).toEqual([
      expect.objectContaining({ severity: "error", code: "translate.supply-unknown-connection", hint: "did you mean c?" }),
    ]);
    expect(unknownSupplyTargets({ c: { port: "1" } }, program)).toEqual([]);
  });

  it.each([["a string", "x"], ["null", null], ["an array", []], ["a connection that is not an object", { c: "port=1" }]])(
    "reports a supply option that is %s, without throwing",
    (_, supply) => {
      const result = translate("CREATE CONNECTION c TO MYSQL (HOST 'h', USER 'u')", { from: "materialize", to: "singlestore", supply: supply as never });
      // The API checks the option's shape before anything is translated.
      expect(result.diagnostics).toContainEqual(expect.objectContaining({ severity: "error", code: "options.invalid" }));
      expect(result.text).toBe("");
    },
  );
});

describe("supply in a translation", () => {
  it("checks paths against the kind as planned for the target: a bucket for an AWS connection bound for an S3 link", () => {
    const sql = "CREATE CONNECTION a TO AWS (ACCESS KEY ID = 'id', SECRET ACCESS KEY = SECRET s, REGION = 'us-east-1')";
    const result = translate(sql, { from: "materialize", to: "singlestore", secrets: { s: "x" }, supply: { a: { bucket: "logs" } } });
    expect(result.diagnostics.map((d) => d.code)).not.toContain("translate.supply-unknown-field");
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ code: "translate.supplied", path: "connection.bucket" }));
  });

  it("reports a connection the input does not create", () => {
    const result = translate("CREATE CONNECTION c TO MYSQL (HOST 'h', USER 'u')", { from: "materialize", to: "singlestore", supply: { cc: { port: "1" } } });
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ code: "translate.supply-unknown-connection", hint: "did you mean c?" }));
  });
});
