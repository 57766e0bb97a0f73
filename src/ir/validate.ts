// Validation of IR that arrives as JSON (from files, other tools, code
// generators in other languages), and of the library's options. Walks a JSON
// Schema directly so that every error names the exact path of the bad value.
// Unions whose members share a literal discriminator (`kind`, `method`,
// `style`) are resolved through it, so an error inside a Kafka connection
// says so instead of "matched no alternative".
//
// Messages describe values by their type, never by their content: IR and
// options carry secrets. The walker understands exactly the keywords in
// SUPPORTED_KEYWORDS; a test holds the published schemas to that list.
import { readFileSync } from "node:fs";

export interface SchemaError {
  /** JSON-pointer-like path, e.g. `/statements/0/connection/brokers/1/address`. */
  path: string;
  message: string;
}

type Schema = Record<string, unknown>;

/** Keywords the walker enforces, and annotations it may ignore. */
export const SUPPORTED_KEYWORDS: ReadonlySet<string> = new Set([
  "$ref",
  "anyOf",
  "const",
  "type",
  "properties",
  "required",
  "additionalProperties",
  "patternProperties",
  "items",
  "minItems",
  "minimum",
  "pattern",
  // annotations
  "$id",
  "$schema",
  "$defs",
  "title",
  "description",
]);

/**
 * A published schema (schema/*.schema.json, generated at build time from the
 * TypeBox definitions), read on first use: loading the schema builder at run
 * time would cost every command-line start tens of milliseconds.
 */
class PublishedSchema {
  private root: Schema | undefined;
  constructor(private readonly file: string) {}

  get document(): Schema {
    this.root ??= JSON.parse(readFileSync(new URL(`../../schema/${this.file}`, import.meta.url), "utf8")) as Schema;
    return this.root;
  }

  definition(ref: string): Schema {
    const defs = (this.document.$defs ?? {}) as Record<string, Schema>;
    const name = ref.replace(/^#\/\$defs\//, "");
    const target = Object.hasOwn(defs, name) ? defs[name] : undefined;
    if (target === undefined) throw new Error(`${this.file} has a dangling reference ${ref}`);
    return target;
  }
}

export const IR_SCHEMA = new PublishedSchema("ir.schema.json");
export const OPTIONS_SCHEMA = new PublishedSchema("options.schema.json");

/** The type of a value, for messages: never its content, which may be a secret. */
export function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "object":
      return "an object";
    case "string":
      return "a string";
    case "number":
      return Number.isFinite(value) ? "a number" : String(value);
    case "boolean":
      return "a boolean";
    case "undefined":
      return "nothing";
    default:
      return `a ${typeof value}`;
  }
}

function discriminatorOf(members: Schema[]): string | undefined {
  const candidates = ["kind", "method", "style"];
  return candidates.find((key) =>
    members.every((m) => {
      const props = m.properties as Record<string, Schema> | undefined;
      return props !== undefined && Object.hasOwn(props, key) && "const" in props[key]!;
    }),
  );
}

/**
 * Deeper values than this are refused rather than walked. The deepest IR a
 * parse makes is well inside it: a Materialize MAP nested in 128 brackets is
 * 3 levels a bracket (entries, index, value), about 390 in all; a SingleStore
 * ALTER LINK value of JSON 100 levels deep, about 310. Every walk over the
 * IR (emitters, checks, redaction, equivalence) takes this depth.
 */
export const MAX_IR_DEPTH = 512;
const MAX_DEPTH = MAX_IR_DEPTH;
/** More values than this are refused rather than walked: shared sub-objects could otherwise multiply the work without end. */
const MAX_VALUES = 5_000_000;

const patternCache = new Map<string, RegExp>();
function patternOf(source: string): RegExp {
  let re = patternCache.get(source);
  if (re === undefined) patternCache.set(source, (re = new RegExp(source, "u")));
  return re;
}

function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

class Walker {
  readonly errors: SchemaError[] = [];
  private visited = 0;
  private exhausted = false;
  constructor(private readonly published: PublishedSchema) {}

  check(schema: Schema, value: unknown, path: string, errors: SchemaError[], depth: number): void {
    if (depth > MAX_DEPTH) {
      errors.push({ path, message: `nested more than ${MAX_DEPTH} levels deep` });
      return;
    }
    if (++this.visited > MAX_VALUES) {
      if (!this.exhausted) errors.push({ path, message: `holds more than ${MAX_VALUES} values` });
      this.exhausted = true;
      return;
    }
    if (typeof schema.$ref === "string") {
      this.check(this.published.definition(schema.$ref), value, path, errors, depth);
      return;
    }
    if (Array.isArray(schema.anyOf)) {
      this.checkUnion(schema.anyOf as Schema[], value, path, errors, depth);
      return;
    }
    if ("const" in schema) {
      if (value !== schema.const) errors.push({ path, message: `expected ${JSON.stringify(schema.const)}, got ${describeType(value)}` });
      return;
    }
    switch (schema.type) {
      case "string":
        if (typeof value !== "string") errors.push({ path, message: `expected a string, got ${describeType(value)}` });
        else if (typeof schema.pattern === "string" && !patternOf(schema.pattern).test(value)) {
          errors.push({ path, message: `does not match ${schema.pattern}` });
        }
        return;
      case "boolean":
        if (typeof value !== "boolean") errors.push({ path, message: `expected a boolean, got ${describeType(value)}` });
        return;
      case "null":
        if (value !== null) errors.push({ path, message: `expected null, got ${describeType(value)}` });
        return;
      case "number":
      case "integer": {
        const integer = schema.type === "integer";
        const minimum = typeof schema.minimum === "number" ? schema.minimum : undefined;
        const expected = `${integer ? "an integer" : "a number"}${minimum !== undefined ? ` >= ${minimum}` : ""}`;
        if (typeof value !== "number" || !Number.isFinite(value)) {
          errors.push({ path, message: `expected ${expected}, got ${describeType(value)}` });
        } else if ((integer && !Number.isInteger(value)) || (minimum !== undefined && value < minimum)) {
          // Numbers in integer fields are never secrets: the value helps.
          errors.push({ path, message: `expected ${expected}, got ${value}` });
        }
        return;
      }
      case "array": {
        if (!Array.isArray(value)) {
          errors.push({ path, message: `expected an array, got ${describeType(value)}` });
          return;
        }
        if (typeof schema.minItems === "number" && value.length < schema.minItems) {
          errors.push({ path, message: `expected at least ${schema.minItems} item(s)` });
        }
        // Every index, holes included: an emitter iterating the array meets them too.
        for (let i = 0; i < value.length; i++) this.check(schema.items as Schema, value[i], `${path}/${i}`, errors, depth + 1);
        return;
      }
      case "object": {
        if (typeof value !== "object" || value === null || Array.isArray(value)) {
          errors.push({ path, message: `expected an object, got ${describeType(value)}` });
          return;
        }
        const record = value as Record<string, unknown>;
        const patterns = schema.patternProperties as Record<string, Schema> | undefined;
        if (patterns !== undefined) {
          const valueSchema = Object.values(patterns)[0]!;
          for (const [key, item] of Object.entries(record)) this.check(valueSchema, item, `${path}/${escapeKey(key)}`, errors, depth + 1);
          return;
        }
        const properties = (schema.properties ?? {}) as Record<string, Schema>;
        for (const key of (schema.required ?? []) as string[]) {
          if (own(record, key) === undefined) errors.push({ path: `${path}/${escapeKey(key)}`, message: "is required" });
        }
        for (const [key, item] of Object.entries(record)) {
          const propertySchema = own(properties, key) as Schema | undefined;
          if (propertySchema === undefined) {
            if (schema.additionalProperties === false) {
              const known = Object.keys(properties).join(", ");
              errors.push({ path: `${path}/${escapeKey(key)}`, message: `unknown property (expected one of: ${known})` });
            }
            continue;
          }
          if (item === undefined) continue;
          this.check(propertySchema, item, `${path}/${escapeKey(key)}`, errors, depth + 1);
        }
        return;
      }
      default:
        return;
    }
  }

  private checkUnion(members: Schema[], value: unknown, path: string, errors: SchemaError[], depth: number): void {
    const resolved = members.map((m) => (typeof m.$ref === "string" ? this.published.definition(m.$ref) : m));
    const key = discriminatorOf(resolved);
    if (key !== undefined && typeof value === "object" && value !== null && !Array.isArray(value)) {
      const tag = own(value as Record<string, unknown>, key);
      const member = resolved.find((m) => (m.properties as Record<string, Schema>)[key]!.const === tag);
      if (member === undefined) {
        const allowed = resolved.map((m) => JSON.stringify((m.properties as Record<string, Schema>)[key]!.const));
        errors.push({
          path: `${path}/${key}`,
          message:
            tag === undefined
              ? `is required (one of ${allowed.join(", ")})`
              : typeof tag === "string"
                ? `unknown ${key} ${JSON.stringify(tag)} (expected one of ${allowed.join(", ")})`
                : `expected one of ${allowed.join(", ")}, got ${describeType(tag)}`,
        });
        return;
      }
      this.check(member, value, path, errors, depth);
      return;
    }
    let best: SchemaError[] | undefined;
    for (const member of resolved) {
      const memberErrors: SchemaError[] = [];
      this.check(member, value, path, memberErrors, depth);
      if (memberErrors.length === 0) return;
      // Prefer the member that got furthest into the value.
      if (best === undefined || deepest(memberErrors) > deepest(best)) best = memberErrors;
    }
    const shallow = best === undefined || deepest(best) <= path.length;
    if (shallow) {
      const expected = resolved.map(summarise).join(" or ");
      errors.push({ path, message: `expected ${expected}, got ${describeType(value)}` });
    } else {
      // One at a time: a spread passes every error as an argument, and there may be more than an engine takes.
      for (const e of best!) errors.push(e);
    }
  }
}

function deepest(errors: SchemaError[]): number {
  let deepest = -Infinity;
  for (const e of errors) deepest = Math.max(deepest, e.path.length);
  return deepest;
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

/** Validates a value against a published schema's root, or one of its definitions. */
export function validateAgainst(published: PublishedSchema, value: unknown, definition?: string): SchemaError[] {
  const walker = new Walker(published);
  const root = definition === undefined ? published.document : published.definition(definition);
  walker.check(root, value, "", walker.errors, 0);
  return walker.errors;
}

/** The published IR schema document (for field-paths.ts). */
export function programSchema(): Schema {
  return IR_SCHEMA.document;
}

/**
 * Validates a value against a part of the published IR schema (a field's
 * schema from `field-paths.ts`). Error paths are relative to the value.
 */
export function validateValue(schema: Record<string, unknown>, value: unknown): SchemaError[] {
  const walker = new Walker(IR_SCHEMA);
  walker.check(schema, value, "", walker.errors, 0);
  return walker.errors;
}

/** Validates a Program given as parsed JSON. Returns the errors (empty when valid). */
export function validateProgram(value: unknown): SchemaError[] {
  try {
    return validateAgainst(IR_SCHEMA, value);
  } catch (e) {
    // A defect of connbridge (a dangling reference, a schema file missing), never of the value.
    return [{ path: "", message: `internal error (${e instanceof Error ? e.name : "unknown"}) while validating; please report it` }];
  }
}
