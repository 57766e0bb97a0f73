// Every field of every connection kind and statement kind, enumerated from the
// IR's JSON Schema rather than listed by hand: the schema-walk test and the
// checking of supplied fields (`--set NAME:FIELD=VALUE`) follow the schema, so
// a field added to `schema.ts` is covered the day it is added.
//
// Paths are plain IR paths from the connection (or the statement): dotted
// keys, `[]` for the items of an array, `*` for the values of a map
// (`sasl.password`, `brokers[].address`, `headers.*`). Where a path goes
// through a union of objects (an auth method, a tunnel kind), the `key`
// names the alternative after `@`: `auth@access_key.secretAccessKey`,
// `tunnel@ssh.connection`, the catalogue convention of `shared/paths.ts`.
//
// The walker reads plain JSON Schema: the TypeBox definitions themselves
// (tests) or the schema published at build time (run time, read on first use,
// so that the command line never loads the schema builder).
import type { ConnectionKind, StatementKind } from "./schema.js";
import { programSchema } from "./validate.js";

type Schema = Record<string, unknown>;

/** What a field holds, as far as writing or supplying a value is concerned. */
export type FieldShape =
  | "string"
  | "integer"
  | "number"
  | "boolean"
  /** one of a few string literals (`values`) */
  | "enum"
  /** a string or `{ secret: ObjectName }` */
  | "textOrSecret"
  | "objectName"
  | "identifier"
  /** any JSON value */
  | "json"
  /** a dialect-neutral option value (`Value`) */
  | "value"
  /** a string or null */
  | "nullableString"
  | "stringList"
  | "objectList"
  /** an array of object names or other atoms */
  | "list"
  | "object"
  /** a union of objects told apart by a discriminator (`method`, `kind`) */
  | "union"
  /** an object of free keys (`headers`, `properties`) */
  | "map"
  /** per-dialect extras */
  | "extras";

/** A union alternative taken on the way to a field. */
export interface Alternative {
  /** Plain path of the union field (`auth`, `brokers[].tunnel`). */
  at: string;
  /** The property that tells the alternatives apart (`method`, `kind`). */
  discriminator: string;
  value: string;
}

export interface FieldPath {
  /** Plain path: `auth.secretAccessKey`, `brokers[].address`, `headers.*`. */
  path: string;
  /** The path with the alternatives made explicit: `auth@access_key.secretAccessKey`; an alternative itself is `auth@implicit`. */
  key: string;
  shape: FieldShape;
  /** The field's own schema (references resolved). */
  schema: Schema;
  /** Whether its parent object requires it. */
  required: boolean;
  /** The union alternatives on the way, outermost first. */
  alternatives: Alternative[];
  /** The literals of an `enum`. */
  values?: string[];
  /** For a union: the discriminator and the alternatives. */
  union?: { discriminator: string; values: string[] };
  /** For a list of objects whose items have one required text field (`brokers` → `address`): that field. */
  itemText?: string;
  /** For a list: the shape of its items. */
  itemShape?: FieldShape;
}

/** Recursive definitions: atoms as far as field paths are concerned. */
const ATOMS: Record<string, FieldShape> = { JsonValue: "json", Value: "value" };
/** Statement properties that are positions and comments, not fields. */
const STATEMENT_BOOKKEEPING = new Set(["kind", "span", "comments", "fieldSpans", "sensitiveSpans"]);

class Walker {
  constructor(private readonly defs: Record<string, Schema>) {}

  /** The schema a node stands for, or the atom shape of a recursive definition. */
  resolve(node: Schema): Schema | FieldShape {
    let current = node;
    for (let hops = 0; typeof current.$ref === "string"; hops++) {
      const name = current.$ref.replace(/^#\/\$defs\//, "");
      if (ATOMS[name] !== undefined) return ATOMS[name]!;
      const target = this.defs[name];
      if (target === undefined || hops > 32) throw new Error(`IR schema has a dangling reference ${current.$ref}`);
      current = target;
    }
    if (typeof current.$id === "string" && ATOMS[current.$id] !== undefined) return ATOMS[current.$id]!;
    return current;
  }

  members(node: Schema): Schema[] {
    return ((node.anyOf ?? []) as Schema[]).map((m) => {
      const r = this.resolve(m);
      return typeof r === "string" ? { $atom: r } : r;
    });
  }

  /** The discriminator a union of objects shares, if any. */
  discriminator(members: Schema[]): string | undefined {
    return ["kind", "method"].find((key) =>
      members.every((m) => {
        const p = (m.properties as Record<string, Schema> | undefined)?.[key];
        return p !== undefined && typeof p.const === "string";
      }),
    );
  }

  classify(node: Schema | FieldShape): { shape: FieldShape; schema: Schema; values?: string[] } {
    if (typeof node === "string") return { shape: node, schema: {} };
    if (Array.isArray(node.anyOf)) {
      const members = this.members(node);
      if (members.every((m) => typeof m.const === "string")) return { shape: "enum", schema: node, values: members.map((m) => m.const as string) };
      const isString = (m: Schema) => m.type === "string";
      if (members.length === 2 && members.some(isString) && members.some((m) => (m.properties as Schema | undefined)?.secret !== undefined)) {
        return { shape: "textOrSecret", schema: node };
      }
      if (members.length === 2 && members.some(isString) && members.some((m) => m.type === "null")) return { shape: "nullableString", schema: node };
      if (this.discriminator(members) !== undefined) return { shape: "union", schema: node };
      return { shape: "json", schema: node };
    }
    switch (node.type) {
      case "string":
        return { shape: "string", schema: node };
      case "integer":
        return { shape: "integer", schema: node };
      case "number":
        return { shape: "number", schema: node };
      case "boolean":
        return { shape: "boolean", schema: node };
      case "array": {
        const items = this.classify(this.resolve(node.items as Schema));
        if (items.shape === "string") return { shape: "stringList", schema: node };
        if (items.shape === "object" || items.shape === "union") return { shape: "objectList", schema: node };
        return { shape: "list", schema: node };
      }
      case "object": {
        const properties = (node.properties ?? {}) as Record<string, Schema>;
        if (node.patternProperties !== undefined) return { shape: "map", schema: node };
        if (properties.parts !== undefined && properties.catalogId !== undefined) return { shape: "objectName", schema: node };
        if (properties.value !== undefined && properties.quoted !== undefined) return { shape: "identifier", schema: node };
        return { shape: "object", schema: node };
      }
      default:
        return { shape: "json", schema: node };
    }
  }

  /** Entries for the properties of an object, below `path`/`key`. */
  properties(node: Schema, path: string, key: string, alternatives: Alternative[], skip: ReadonlySet<string>, out: FieldPath[]): void {
    const required = new Set((node.required ?? []) as string[]);
    for (const [name, child] of Object.entries((node.properties ?? {}) as Record<string, Schema>)) {
      if (skip.has(name)) continue;
      const join = (prefix: string) => (prefix === "" ? name : `${prefix}.${name}`);
      this.field(child, join(path), join(key), required.has(name), alternatives, out);
    }
  }

  field(node: Schema, path: string, key: string, required: boolean, alternatives: Alternative[], out: FieldPath[]): void {
    const leafName = path.slice(path.lastIndexOf(".") + 1);
    if (leafName === "extras") {
      out.push({ path, key, shape: "extras", schema: node, required, alternatives });
      return;
    }
    const resolved = this.resolve(node);
    const { shape, schema, values } = this.classify(resolved);
    const entry: FieldPath = { path, key, shape, schema, required, alternatives };
    if (values !== undefined) entry.values = values;
    out.push(entry);
    switch (shape) {
      case "object":
        this.properties(schema, path, key, alternatives, new Set(["span"]), out);
        return;
      case "union":
        this.union(entry, out);
        return;
      case "map": {
        const patterns = schema.patternProperties as Record<string, Schema>;
        this.field(Object.values(patterns)[0]!, `${path}.*`, `${key}.*`, false, alternatives, out);
        return;
      }
      case "objectList":
      case "list": {
        const items = this.resolve(schema.items as Schema);
        const item = this.classify(items);
        entry.itemShape = item.shape;
        if (item.shape === "object") {
          const required = (item.schema.required ?? []) as string[];
          const props = (item.schema.properties ?? {}) as Record<string, Schema>;
          const only = required.length === 1 ? required[0]! : undefined;
          if (only !== undefined && this.classify(this.resolve(props[only]!)).shape === "string") entry.itemText = only;
          this.properties(item.schema, `${path}[]`, `${key}[]`, alternatives, new Set(["span"]), out);
        } else if (item.shape === "union") {
          const union: FieldPath = { path: `${path}[]`, key: `${key}[]`, shape: "union", schema: item.schema, required: true, alternatives };
          this.union(union, out, false);
        }
        return;
      }
      case "stringList":
        entry.itemShape = "string";
        return;
      default:
        return;
    }
  }

  /** The alternatives of a union field: one entry per alternative, then its fields. */
  union(entry: FieldPath, out: FieldPath[], listed = true): void {
    const members = this.members(entry.schema);
    const discriminator = this.discriminator(members)!;
    const values = members.map((m) => ((m.properties as Record<string, Schema>)[discriminator]!.const as string));
    entry.union = { discriminator, values };
    if (!listed) out.push(entry);
    members.forEach((member, i) => {
      const value = values[i]!;
      const alternatives = [...entry.alternatives, { at: entry.path, discriminator, value }];
      const key = `${entry.key}@${value}`;
      out.push({ path: entry.path, key, shape: "object", schema: member, required: false, alternatives });
      this.properties(member, entry.path, key, alternatives, new Set([discriminator, "span"]), out);
    });
  }
}

export interface FieldIndex {
  /** Connection kinds in schema order. */
  kinds: ConnectionKind[];
  /** Every field of a connection kind, `kind` itself excepted. */
  connection(kind: ConnectionKind): readonly FieldPath[];
  /** Statement kinds in schema order. */
  statementKinds: StatementKind[];
  /** Every field of a statement kind, its positions, comments and connection excepted. */
  statement(kind: StatementKind): readonly FieldPath[];
}

/**
 * The field index of a Program schema: the TypeBox `ProgramSchema` or the
 * published JSON Schema document (with its `$defs`).
 */
export function fieldIndex(programSchema: object): FieldIndex {
  const root = programSchema as Schema;
  const defs = (root.$defs ?? {}) as Record<string, Schema>;
  const walker = new Walker(defs);
  const statementUnion = walker.resolve((root.properties as Record<string, Schema>).statements!.items as Schema) as Schema;
  const statements = walker.members(statementUnion);
  const tagOf = (m: Schema) => (m.properties as Record<string, Schema>).kind!.const as string;
  const create = statements.find((m) => tagOf(m) === "create_connection")!;
  const connections = walker.members(walker.resolve((create.properties as Record<string, Schema>).connection!) as Schema);

  const byKind = new Map<string, FieldPath[]>();
  for (const member of connections) {
    const out: FieldPath[] = [];
    walker.properties(member, "", "", [], new Set(["kind"]), out);
    byKind.set(tagOf(member), out);
  }
  const byStatement = new Map<string, FieldPath[]>();
  for (const member of statements) {
    const out: FieldPath[] = [];
    walker.properties(member, "", "", [], new Set([...STATEMENT_BOOKKEEPING, "connection"]), out);
    byStatement.set(tagOf(member), out);
  }
  return {
    kinds: [...byKind.keys()] as ConnectionKind[],
    connection: (kind) => byKind.get(kind) ?? [],
    statementKinds: [...byStatement.keys()] as StatementKind[],
    statement: (kind) => byStatement.get(kind) ?? [],
  };
}

let published: FieldIndex | undefined;

/** The field index of the published IR schema, built on first use. */
export function irFields(): FieldIndex {
  published ??= fieldIndex(programSchema());
  return published;
}

/**
 * The plain path pattern of a value's path: array indices become `[]`
 * (`brokers[0].tunnel.port` → `brokers[].tunnel.port`).
 */
export function patternOf(instancePath: string): string {
  return instancePath.replace(/\[\d+\]/g, "[]");
}

/** Whether `pattern` is `path` or one of its ancestors (`tls` covers `tls.key`, `brokers` covers `brokers[].address`). */
export function covers(pattern: string, path: string): boolean {
  if (!path.startsWith(pattern)) return false;
  const next = path.charAt(pattern.length);
  return next === "" || next === "." || next === "[";
}
