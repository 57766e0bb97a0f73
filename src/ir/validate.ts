// Validation of IR that arrives as JSON (from files, other tools, code
// generators in other languages). Walks the IR's JSON Schema directly so that
// every error names the exact path of the bad value. Unions whose members
// share a literal discriminator (`kind`, `method`) are resolved through it,
// so an error inside a Kafka connection says so instead of "matched no
// alternative".
import { readFileSync } from "node:fs";

export interface SchemaError {
  /** JSON-pointer-like path, e.g. `/statements/0/connection/brokers/1/address`. */
  path: string;
  message: string;
}

type Schema = Record<string, unknown>;

/**
 * The published schema (schema/ir.schema.json, generated at build time from
 * schema.ts), read on first use: loading the schema builder at run time would
 * cost every command-line start tens of milliseconds.
 */
let root: Schema | undefined;
export function programSchema(): Schema {
  root ??= JSON.parse(readFileSync(new URL("../../schema/ir.schema.json", import.meta.url), "utf8")) as Schema;
  return root;
}

function definition(ref: string): Schema {
  const defs = programSchema().$defs as Record<string, Schema>;
  const target = defs[ref.replace(/^#\/\$defs\//, "")];
  if (target === undefined) throw new Error(`IR schema has a dangling reference ${ref}`);
  return target;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return "a string";
  return `${typeof value} ${JSON.stringify(value)}`;
}

function discriminatorOf(members: Schema[]): string | undefined {
  const candidates = ["kind", "method"];
  return candidates.find((key) =>
    members.every((m) => {
      const props = m.properties as Record<string, Schema> | undefined;
      return props !== undefined && props[key] !== undefined && "const" in props[key]!;
    }),
  );
}

/** Deeper values than this are refused rather than walked (IR is never this deep). */
const MAX_DEPTH = 256;

function check(schema: Schema, value: unknown, path: string, errors: SchemaError[], depth = 0): void {
  if (depth > MAX_DEPTH) {
    errors.push({ path, message: `nested more than ${MAX_DEPTH} levels deep` });
    return;
  }
  if (typeof schema.$ref === "string") {
    check(definition(schema.$ref), value, path, errors, depth);
    return;
  }
  if (Array.isArray(schema.anyOf)) {
    checkUnion(schema.anyOf as Schema[], value, path, errors, depth);
    return;
  }
  if ("const" in schema) {
    if (value !== schema.const) errors.push({ path, message: `expected ${JSON.stringify(schema.const)}, got ${describe(value)}` });
    return;
  }
  switch (schema.type) {
    case "string":
      if (typeof value !== "string") errors.push({ path, message: `expected a string, got ${describe(value)}` });
      return;
    case "boolean":
      if (typeof value !== "boolean") errors.push({ path, message: `expected a boolean, got ${describe(value)}` });
      return;
    case "null":
      if (value !== null) errors.push({ path, message: `expected null, got ${describe(value)}` });
      return;
    case "number":
    case "integer":
      if (typeof value !== "number" || !Number.isFinite(value)) {
        errors.push({ path, message: `expected a number, got ${describe(value)}` });
      } else if (schema.type === "integer" && !Number.isInteger(value)) {
        errors.push({ path, message: `expected an integer, got ${value}` });
      } else if (typeof schema.minimum === "number" && value < schema.minimum) {
        errors.push({ path, message: `expected a number >= ${schema.minimum}, got ${value}` });
      }
      return;
    case "array": {
      if (!Array.isArray(value)) {
        errors.push({ path, message: `expected an array, got ${describe(value)}` });
        return;
      }
      if (typeof schema.minItems === "number" && value.length < schema.minItems) {
        errors.push({ path, message: `expected at least ${schema.minItems} item(s)` });
      }
      value.forEach((item, i) => check(schema.items as Schema, item, `${path}/${i}`, errors, depth + 1));
      return;
    }
    case "object": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        errors.push({ path, message: `expected an object, got ${describe(value)}` });
        return;
      }
      const record = value as Record<string, unknown>;
      const patterns = schema.patternProperties as Record<string, Schema> | undefined;
      if (patterns !== undefined) {
        const valueSchema = Object.values(patterns)[0]!;
        for (const [key, item] of Object.entries(record)) check(valueSchema, item, `${path}/${escapeKey(key)}`, errors, depth + 1);
        return;
      }
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      for (const key of (schema.required ?? []) as string[]) {
        if (record[key] === undefined) errors.push({ path: `${path}/${escapeKey(key)}`, message: "is required" });
      }
      for (const [key, item] of Object.entries(record)) {
        const propertySchema = properties[key];
        if (propertySchema === undefined) {
          if (schema.additionalProperties === false) {
            const known = Object.keys(properties).join(", ");
            errors.push({ path: `${path}/${escapeKey(key)}`, message: `unknown property (expected one of: ${known})` });
          }
          continue;
        }
        if (item === undefined) continue;
        check(propertySchema, item, `${path}/${escapeKey(key)}`, errors, depth + 1);
      }
      return;
    }
    default:
      return;
  }
}

function checkUnion(members: Schema[], value: unknown, path: string, errors: SchemaError[], depth: number): void {
  const resolved = members.map((m) => (typeof m.$ref === "string" ? definition(m.$ref) : m));
  const key = discriminatorOf(resolved);
  if (key !== undefined && typeof value === "object" && value !== null && !Array.isArray(value)) {
    const tag = (value as Record<string, unknown>)[key];
    const member = resolved.find((m) => (m.properties as Record<string, Schema>)[key]!.const === tag);
    if (member === undefined) {
      const allowed = resolved.map((m) => JSON.stringify((m.properties as Record<string, Schema>)[key]!.const));
      errors.push({
        path: `${path}/${key}`,
        message: tag === undefined ? `is required (one of ${allowed.join(", ")})` : `unknown ${key} ${JSON.stringify(tag)} (expected one of ${allowed.join(", ")})`,
      });
      return;
    }
    check(member, value, path, errors, depth);
    return;
  }
  let best: SchemaError[] | undefined;
  for (const member of resolved) {
    const memberErrors: SchemaError[] = [];
    check(member, value, path, memberErrors, depth);
    if (memberErrors.length === 0) return;
    // Prefer the member that got furthest into the value.
    if (best === undefined || deepest(memberErrors) > deepest(best)) best = memberErrors;
  }
  const shallow = best === undefined || deepest(best) <= path.length;
  if (shallow) {
    const expected = resolved.map(summarise).join(" or ");
    errors.push({ path, message: `expected ${expected}, got ${describe(value)}` });
  } else {
    errors.push(...best!);
  }
}

function deepest(errors: SchemaError[]): number {
  return Math.max(...errors.map((e) => e.path.length));
}

function summarise(schema: Schema): string {
  if ("const" in schema) return JSON.stringify(schema.const);
  if (schema.type === "object") {
    const required = (schema.required ?? []) as string[];
    return required.length > 0 ? `an object with ${required.join(", ")}` : "an object";
  }
  return `${String(schema.type ?? "a value")}`;
}

function escapeKey(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

/**
 * Validates a value against a part of the published schema (a field's schema
 * from `field-paths.ts`). Error paths are relative to the value.
 */
export function validateValue(schema: Record<string, unknown>, value: unknown): SchemaError[] {
  const errors: SchemaError[] = [];
  check(schema, value, "", errors);
  return errors;
}

/** Validates a Program given as parsed JSON. Returns the errors (empty when valid). */
export function validateProgram(value: unknown): SchemaError[] {
  const errors: SchemaError[] = [];
  check(programSchema(), value, "", errors);
  return errors;
}
