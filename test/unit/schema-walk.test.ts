// Nothing is lost silently, checked field by field from the IR schema itself:
// for every dialect, every connection kind and every field of the kind (each
// alternative of a union, both forms of a value that may be secret), a
// minimal program with that field set is emitted, and the field either
// survives (the output, read back, holds it at its path) or a diagnostic
// names its path. Statement-level fields are walked the same way. A field
// added to the schema is in this walk the day it is added: an emitter that
// neither writes nor reports it fails here.
import { afterAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../src/dialects/index.js";
import { fieldIndex, type FieldPath } from "../../src/ir/field-paths.js";
import { ConnectionSchema, ProgramSchema, StatementSchema, type DialectId, type Program, type Statement } from "../../src/ir/schema.js";
import { DIALECT_IDS, emit, parse, type Diagnostic } from "../../src/index.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const index = fieldIndex(ProgramSchema);
const dialects = Object.values(DIALECTS);

const name = (value: string): JsonObject => ({ parts: [{ value, quoted: false }] });
const MAP_KEY = "sample_key";

/** Values of a field's type to try: every literal of an enum, both forms of a value that may be secret. */
function samples(field: FieldPath): Json[] {
  switch (field.shape) {
    case "string":
      // SQL text: an expression every dialect reads, and that stays one (a bare literal reads back as text).
      return field.key.endsWith(".sql") ? ["'sample' || '-text'"] : ["sample-text"];
    case "integer":
      return [7];
    case "number":
      return [1.5];
    case "boolean":
      return [true, false];
    case "enum":
      return field.values!;
    case "textOrSecret":
      return ["sample-text", { secret: name("sample_secret") }];
    case "objectName":
      return [name("sample_ref")];
    case "identifier":
      return [{ value: "sample_owner", quoted: false }];
    case "json":
      return ["sample-text"];
    case "value":
      return [{ kind: "string", value: "sample-text" }];
    case "nullableString":
      return ["sample-text", null];
    case "stringList":
      return [["sample-a", "sample-b"]];
    case "list":
      return field.itemShape === "objectName" ? [[name("sample_ref")]] : [];
    default:
      return [];
  }
}

/** Whether a field is tried on its own: atoms, and union alternatives that have no fields of their own. */
function sampled(field: FieldPath, fields: readonly FieldPath[]): boolean {
  if (field.shape === "object") return field.key.endsWith(`@${field.alternatives.at(-1)?.value}`) && !fields.some((f) => f.key.startsWith(`${field.key}.`));
  return samples(field).length > 0;
}

/** The fields directly below a node (`""` the root, `sasl`, `auth@access_key`, `brokers[]`). */
function children(fields: readonly FieldPath[], node: string): FieldPath[] {
  return fields.filter((f) => {
    const rest = node === "" ? f.key : f.key.startsWith(`${node}.`) ? f.key.slice(node.length + 1) : undefined;
    return rest !== undefined && rest !== "" && !rest.includes(".") && !rest.includes("@") && !rest.endsWith("[]");
  });
}

/** The smallest valid value of a field: its required fields filled, a union's first alternative. */
function minimal(fields: readonly FieldPath[], field: FieldPath): Json {
  switch (field.shape) {
    case "union": {
      const first = field.union!.values[0]!;
      return { [field.union!.discriminator]: first, ...requiredOf(fields, `${field.key}@${first}`) };
    }
    case "object":
      return requiredOf(fields, field.key);
    case "map":
      return {};
    case "objectList": {
      const item = fields.find((f) => f.key === `${field.key}[]`);
      return [item !== undefined ? minimal(fields, item) : requiredOf(fields, `${field.key}[]`)];
    }
    default:
      return samples(field)[0] ?? null;
  }
}

function requiredOf(fields: readonly FieldPath[], node: string): JsonObject {
  const out: JsonObject = {};
  for (const child of children(fields, node)) if (child.required) out[child.key.slice(child.key.lastIndexOf(".") + 1)] = minimal(fields, child);
  return out;
}

/**
 * Sets a field (by key: `auth@access_key.secretAccessKey`, `brokers[].tunnel@ssh.connection`)
 * in `root`, creating what is on the way with its required fields; returns the
 * path of the value (`auth.secretAccessKey`, `brokers[0].tunnel.connection`).
 */
function setField(fields: readonly FieldPath[], root: JsonObject, field: FieldPath, value: Json): string {
  const segments = field.key.split(".");
  let node = root;
  let key = "";
  const path: string[] = [];
  segments.forEach((segment, i) => {
    const [, prop, list, alternative] = /^([^[@]+)(\[\])?(?:@(.+))?$/.exec(segment)!;
    key = key === "" ? prop! : `${key}.${prop}`;
    const property = prop === "*" ? MAP_KEY : prop!;
    const last = i === segments.length - 1;
    const entry = fields.find((f) => f.key === key);
    path.push(property);
    if (last && alternative === undefined) {
      node[property] = value;
      return;
    }
    if (list !== undefined) {
      node[property] ??= minimal(fields, entry!);
      key = `${key}[]`;
      path[path.length - 1] = `${property}[0]`;
      node = (node[property] as JsonObject[])[0]!;
    } else {
      node[property] ??= entry?.shape === "map" ? {} : minimal(fields, entry!);
      node = node[property] as JsonObject;
    }
    if (alternative !== undefined) {
      key = `${key}@${alternative}`;
      const union = fields.find((f) => f.key === key.slice(0, key.lastIndexOf("@")))!.union!;
      if (node[union.discriminator] !== alternative) {
        for (const k of Object.keys(node)) delete node[k];
        Object.assign(node, { [union.discriminator]: alternative, ...requiredOf(fields, key) });
      }
    }
  });
  return path.join(".");
}

/** The value at a path like `brokers[0].tunnel.connection`. */
function valueAt(root: unknown, path: string): unknown {
  let node = root;
  for (const step of path.split(".")) {
    const [, prop, index] = /^(.+?)(?:\[(\d+)\])?$/.exec(step)!;
    node = (node as Record<string, unknown> | undefined)?.[prop!];
    if (index !== undefined) node = (node as unknown[] | undefined)?.[Number(index)];
  }
  return node;
}

/**
 * Loose equality for what a target read back: strings compare by letters and
 * digits (targets map enumerated values through their vocabularies), objects
 * by the expected keys; whether an identifier was quoted is spelling.
 */
function sameValue(expected: unknown, actual: unknown): boolean {
  if (typeof expected === "string" && typeof actual === "string") {
    const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
    return norm(expected) === norm(actual);
  }
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => sameValue(e, actual[i]));
  if (typeof expected === "object" && expected !== null) {
    return (
      typeof actual === "object" &&
      actual !== null &&
      Object.entries(expected).every(([k, v]) => k === "quoted" || sameValue(v, (actual as Record<string, unknown>)[k]))
    );
  }
  return expected === actual;
}

/** Whether a diagnostic is about the field at `path` (or a part of the statement holding it, said or dropped whole). */
function names(diagnostic: Diagnostic, path: string): boolean {
  const p = diagnostic.path;
  if (p === undefined || p === "connection") return false;
  return p === path || path.startsWith(`${p}.`) || path.startsWith(`${p}[`);
}

type Outcome = "survives" | "reported" | "statement refused";

interface Case {
  label: string;
  program: Program;
  /** Path of the field from the statement. */
  path: string;
  value: Json;
}

function outcomeOf(dialect: DialectId, c: Case): { outcome?: Outcome; detail: string } {
  const emitted = emit(c.program, { dialect });
  const invalid = emitted.diagnostics.filter((d) => d.code === "ir.invalid");
  if (invalid.length > 0) throw new Error(`the test built invalid IR for ${c.label}: ${JSON.stringify(invalid)}`);
  const detail = `output: ${JSON.stringify(emitted.text)}\ndiagnostics: ${JSON.stringify(emitted.diagnostics.map((d) => [d.code, d.path]))}`;
  if (emitted.diagnostics.some((d) => names(d, c.path))) return { outcome: "reported", detail };
  const readBack = parse(emitted.text, { dialect, check: false }).program.statements;
  if (readBack.length === 0 && emitted.diagnostics.some((d) => d.severity === "error")) return { outcome: "statement refused", detail };
  const statement = readBack[0];
  if (statement !== undefined && sameValue(c.value, valueAt(statement, c.path))) return { outcome: "survives", detail };
  return { detail };
}

/** Another dialect whose extras are open JSON (the implemented dialects' extras have shapes of their own). */
function foreignDialect(dialect: DialectId): DialectId {
  return DIALECT_IDS.find((d) => d !== dialect && !Object.hasOwn(DIALECTS, d))!;
}

/** Every connection field, as one-statement programs. */
function connectionCases(dialect: DialectId): Case[] {
  const cases: Case[] = [];
  for (const kind of index.kinds) {
    const fields = index.connection(kind);
    for (const field of fields) {
      const values: Json[] =
        field.shape === "extras" ? [{ [foreignDialect(dialect)]: { sample: "sample-text" } }] : field.shape === "object" ? [null] : samples(field);
      if (field.shape !== "extras" && !sampled(field, fields)) continue;
      values.forEach((value, n) => {
        const connection: JsonObject = { kind, ...requiredOf(fields, "") };
        const path = setField(fields, connection, field, value);
        const written = field.shape === "object" ? valueAt(connection, path) : value;
        const extrasPath = field.shape === "extras" ? `.${foreignDialect(dialect)}.sample` : "";
        cases.push({
          label: `${kind} ${field.key}${values.length > 1 ? ` #${n + 1}` : ""}`,
          program: { statements: [{ kind: "create_connection", name: name("c") as never, connection: connection as never }] },
          path: `connection.${path}${extrasPath}`,
          value: written as Json,
        });
      });
    }
  }
  return cases;
}

/** A connection every dialect can hold, for statements that need one. */
const HOST_ONLY: JsonObject = { kind: "mysql", host: "sample-host" };

/** ALTER options are in the source dialect's spelling: the sample option of each dialect is one it has. */
const ALTER_OPTION: Partial<Record<DialectId, string>> = { materialize: "HOST", singlestore: "CONFIG" };

function statementCases(dialect: DialectId): Case[] {
  const cases: Case[] = [];
  for (const kind of index.statementKinds) {
    const fields = index.statement(kind);
    const base = (): JsonObject => ({ kind, ...requiredOf(fields, ""), ...(kind === "create_connection" ? { connection: HOST_ONLY } : {}) });
    const spelt = (statement: JsonObject): JsonObject => {
      for (const change of ((statement.action as JsonObject | undefined)?.changes as JsonObject[] | undefined) ?? []) {
        if ("option" in change) change.option = ALTER_OPTION[dialect] ?? "sample";
      }
      return statement;
    };
    const add = (label: string, statement: JsonObject, path: string, value: Json) =>
      cases.push({ label: `${kind} ${label}`, program: { statements: [spelt(statement) as unknown as Statement] }, path, value });
    for (const field of fields) {
      if (field.shape === "extras") {
        const foreign = foreignDialect(dialect);
        add(field.key, { ...base(), extras: { [foreign]: { sample: "sample-text" } } }, `extras.${foreign}.sample`, "sample-text");
        continue;
      }
      if (!sampled(field, fields)) continue;
      // A flag set to false says nothing: only true is a statement-level field.
      const values = field.key.endsWith(".option") ? [ALTER_OPTION[dialect] ?? "sample"] : samples(field).filter((v) => v !== false);
      values.forEach((value, n) => {
        const statement = base();
        const path = setField(fields, statement, field, field.shape === "object" ? null : value);
        const written = field.shape === "object" ? (valueAt(statement, path) as Json) : value;
        add(`${field.key}${values.length > 1 ? ` #${n + 1}` : ""}`, statement, path, written);
        // A name's catalog id and version are fields of their own.
        if (field.shape === "objectName" || (field.shape === "list" && field.itemShape === "objectName")) {
          const at = field.shape === "list" ? `${path}[0]` : path;
          for (const extra of [{ catalogId: "u1" }, { catalogId: "u1", version: "2" }]) {
            const named = base();
            setField(fields, named, field, field.shape === "list" ? [{ ...name("sample_ref"), ...extra }] : { ...name("sample_ref"), ...extra });
            const sub = Object.keys(extra).at(-1)!;
            add(`${field.key}.${sub}`, named, `${at}.${sub}`, (extra as Record<string, string>)[sub]!);
          }
        }
      });
    }
  }
  return cases;
}

const figures: string[] = [];

afterAll(() => {
  console.log(`schema walk, fields covered per dialect:\n${figures.join("\n")}`);
});

describe.each(dialects.map((d) => [d.id] as const))("every IR field emitted into %s is written or reported", (dialect) => {
  const kinds = DIALECTS[dialect]!.capabilities.connectionKinds;

  it("for every connection field of every kind", () => {
    const tally: Record<Outcome, number> = { survives: 0, reported: 0, "statement refused": 0 };
    const silent: string[] = [];
    for (const c of connectionCases(dialect)) {
      const { outcome, detail } = outcomeOf(dialect, c);
      const kind = (c.program.statements[0] as { connection: { kind: string } }).connection.kind;
      if (outcome === undefined) silent.push(`${c.label} (${c.path})\n${detail}`);
      // A kind the target lacks is refused as a whole; a kind it has is never refused without naming the field.
      else if (outcome === "statement refused" && kinds.includes(kind as never)) silent.push(`${c.label}: refused without naming ${c.path}\n${detail}`);
      else tally[outcome]++;
    }
    expect(silent, `fields neither written nor reported:\n${silent.join("\n\n")}`).toEqual([]);
    const total = tally.survives + tally.reported + tally["statement refused"];
    figures.push(`  ${dialect}: ${total} connection field cases — ${tally.survives} written, ${tally.reported} reported, ${tally["statement refused"]} in kinds it lacks`);
    expect(tally.survives).toBeGreaterThan(0);
    expect(tally.reported).toBeGreaterThan(0);
  });

  it("for every statement-level field of every statement kind", () => {
    const tally: Record<Outcome, number> = { survives: 0, reported: 0, "statement refused": 0 };
    const silent: string[] = [];
    for (const c of statementCases(dialect)) {
      const { outcome, detail } = outcomeOf(dialect, c);
      if (outcome === undefined) silent.push(`${c.label} (${c.path})\n${detail}`);
      else tally[outcome]++;
    }
    expect(silent, `statement fields neither written nor reported:\n${silent.join("\n\n")}`).toEqual([]);
    const total = tally.survives + tally.reported + tally["statement refused"];
    figures.push(`  ${dialect}: ${total} statement field cases — ${tally.survives} written, ${tally.reported} reported, ${tally["statement refused"]} in statements it refuses`);
  });
});

describe("the walk itself", () => {
  it("reaches every connection kind and every statement kind of the schema", () => {
    expect(index.kinds).toEqual(ConnectionSchema.anyOf.map((m) => m.properties.kind.const));
    expect(index.statementKinds).toEqual(StatementSchema.anyOf.map((m) => m.properties.kind.const));
  });

  it("builds a valid program for every field case of every dialect", () => {
    for (const dialect of dialects) {
      for (const c of [...connectionCases(dialect.id), ...statementCases(dialect.id)]) {
        expect(emit(c.program, { dialect: dialect.id }).diagnostics.filter((d) => d.code === "ir.invalid"), c.label).toEqual([]);
      }
    }
  });

  it("reports a field no emitter knows, so a field added to the schema cannot pass unnoticed", () => {
    for (const dialect of dialects) {
      const statement = { kind: "create_connection", name: name("c"), connection: { kind: "mysql", host: "h", futureField: { depth: "x" } } };
      const { diagnostics } = dialect.emit({ statements: [statement as unknown as Statement] });
      expect(diagnostics.map((d) => d.path)).toContain("connection.futureField.depth");
      const withFlag = { kind: "drop", objectType: "connection", names: [name("c")], futureFlag: true };
      expect(dialect.emit({ statements: [withFlag as unknown as Statement] }).diagnostics.map((d) => d.path)).toContain("futureFlag");
    }
  });
});
