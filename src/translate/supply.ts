// Fields the caller supplies per connection: the `supply` option of
// translate, `--set NAME:FIELD=VALUE` on the command line.
//
// Everything is checked against the IR schema (field-paths.ts), for the kind
// the connection has once planned for the target (a Materialize AWS
// connection bound for a SingleStore S3 link takes a bucket):
//
// * a name no CREATE of the input makes, and a path that is not a field of
//   the kind, are errors (the command line makes them usage errors);
// * a value given as text is typed by the field: integers, booleans, enums,
//   comma-separated lists for lists of strings and for brokers (`b1:9092,b2`),
//   dotted names for references, JSON for objects and lists (text starting
//   with `{` or `[`); a value given as JSON (API) is taken as it is. The
//   typed value is validated against the field's schema; messages name the
//   field and never show the value;
// * replacing a value the source carried is a warning.
//
// A path names a field of the connection (`sasl.password`, `port`,
// `headers.X-Api-Key` for a key of a map). Where a path goes through a union
// (auth methods, tunnel kinds), the alternative is the one the connection
// already has, the only one that has the field, or the one named with `@`
// (`tunnel@ssh.connection`).
import { error, info, warning, type Diagnostic } from "../diagnostics.js";
import { editDistanceWithin } from "../dialects/shared/suggest.js";
import { irFields, type FieldPath } from "../ir/field-paths.js";
import type { Connection, JsonValue, ObjectName, Program, Statement } from "../ir/schema.js";
import { validateValue } from "../ir/validate.js";

/** A supplied value: text (typed by the field) or a JSON value. */
export type SuppliedValue = JsonValue;
/** Connection name → IR field path → value. */
export type Supply = Record<string, Record<string, SuppliedValue>>;

type Fields = Record<string, unknown>;

const nameText = (name: ObjectName) => name.parts.map((p) => p.value).join(".");

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The well-formed entries of a `supply` option, and a diagnostic for each part that is not. */
function readSupply(supply: unknown): { entries: [string, Record<string, unknown>][]; diagnostics: Diagnostic[] } {
  if (supply === undefined) return { entries: [], diagnostics: [] };
  if (!isPlainObject(supply)) {
    return { entries: [], diagnostics: [error("translate.supply-invalid", "supply must be an object: connection name → { field path → value }")] };
  }
  const entries: [string, Record<string, unknown>][] = [];
  const diagnostics: Diagnostic[] = [];
  for (const [name, fields] of Object.entries(supply)) {
    if (isPlainObject(fields)) entries.push([name, fields]);
    else diagnostics.push(error("translate.supply-invalid", `supply for ${JSON.stringify(name)} must be an object of field paths to values`));
  }
  return { entries, diagnostics };
}

/** The closest few of `candidates` to `word`, when close enough to be a typo. */
function closest(word: string, candidates: Iterable<string>): string[] {
  const limit = Math.max(2, Math.floor(word.length / 3));
  return [...new Set(candidates)]
    .map((c) => ({ c, d: editDistanceWithin(word.toLowerCase(), c.toLowerCase(), limit) }))
    .filter((x) => x.d <= limit)
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .slice(0, 3)
    .map((x) => x.c);
}

const didYouMean = (names: string[]) => (names.length === 0 ? undefined : `did you mean ${names.join(", ")}?`);

/** Names for a hint: the first few, and how many there are (an input may create 100,000 connections). */
const LISTED_NAMES = 20;
function listed(names: string[]): string {
  return names.length <= LISTED_NAMES ? names.join(", ") : `${names.slice(0, LISTED_NAMES).join(", ")}, ... (${names.length} in all)`;
}

/**
 * Errors for the parts of `supply` that name no connection the program
 * creates, and for parts that are not objects.
 */
export function unknownSupplyTargets(supply: unknown, program: Program): Diagnostic[] {
  const { entries, diagnostics } = readSupply(supply);
  const created = program.statements.filter((s) => s.kind === "create_connection").map((s) => nameText(s.name));
  const createdNames = new Set(created);
  for (const [name] of entries) {
    if (createdNames.has(name)) continue;
    diagnostics.push(
      error(
        "translate.supply-unknown-connection",
        `a value is supplied for connection ${JSON.stringify(name)}, which the input does not create`,
        undefined,
        didYouMean(closest(name, created)) ?? (created.length > 0 ? `connections created: ${listed(created)}` : "the input creates no connection"),
      ),
    );
  }
  return diagnostics;
}

/** Fields a path can name: not inside a list, not extras, not an alternative as a whole (supply the union instead). */
function suppliable(field: FieldPath): boolean {
  if (field.path.includes("[]") || field.shape === "extras") return false;
  return !(field.shape === "object" && field.alternatives.at(-1)?.at === field.path);
}

interface Resolved {
  field: FieldPath;
  /** The key in a map, for a path that names one entry of it. */
  mapKey?: string;
}

/** Whether the connection's unions agree with a field's alternatives (absent unions agree with anything). */
function agrees(connection: Fields, field: FieldPath): boolean {
  return field.alternatives.every((a) => {
    const value = valueAt(connection, a.at);
    return !isPlainObject(value) || value[a.discriminator] === a.value;
  });
}

function valueAt(root: Fields, path: string): unknown {
  let node: unknown = root;
  for (const step of path.split(".")) node = isPlainObject(node) ? node[step] : undefined;
  return node;
}

/** The field a supplied path names, or why it names none. */
function resolve(connection: Connection, path: string): Resolved | Diagnostic {
  const fields = irFields().connection(connection.kind).filter(suppliable);
  const byKey = path.includes("@");
  const candidates: Resolved[] = [];
  for (const field of fields) {
    const name = byKey ? field.key : field.path;
    if (name === path) candidates.push({ field });
    else if (name.endsWith(".*") && path.startsWith(name.slice(0, -1)) && path.length > name.length - 1) {
      candidates.push({ field, mapKey: path.slice(name.length - 1) });
    }
  }
  // A field of several alternatives (`tunnel.connection`): the one the connection has.
  const pick = candidates.length > 1 ? candidates.filter((c) => agrees(connection as unknown as Fields, c.field)) : candidates;
  if (pick.length === 1) return pick[0]!;
  if (candidates.length > 1) {
    return error(
      "translate.supply-unknown-field",
      `${path} is a field of more than one alternative of a ${connection.kind} connection; say which`,
      undefined,
      `one of: ${candidates.map((c) => c.field.key).join(", ")}`,
    );
  }
  const known = fields.map((f) => f.path);
  return error(
    "translate.supply-unknown-field",
    `${path} is not a field of a ${connection.kind} connection`,
    undefined,
    didYouMean(closest(path, known)) ?? `fields of a ${connection.kind} connection: ${[...new Set(known)].join(", ")}`,
  );
}

/** What a field takes, in words, for messages. */
function expects(field: FieldPath): string {
  switch (field.shape) {
    case "integer":
      return "an integer";
    case "number":
      return "a number";
    case "boolean":
      return "true or false";
    case "enum":
      return `one of ${field.values!.join(", ")}`;
    case "stringList":
      return "a comma-separated list or a JSON array of strings";
    case "objectList":
      return field.itemText !== undefined ? `a comma-separated list of ${field.itemText}es, or a JSON array` : "a JSON array";
    case "list":
      return "a comma-separated list of names, or a JSON array";
    case "objectName":
      return "a name (dotted parts) or a JSON object name";
    case "string":
    case "nullableString":
    case "textOrSecret":
    case "identifier":
    case "json":
      return "text";
    default:
      return "a JSON object";
  }
}

const startsJson = (text: string) => /^\s*[[{]/.test(text);
const commaList = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
const dottedName = (text: string): ObjectName => ({ parts: text.split(".").map((value) => ({ value, quoted: false })) });

/** A text value in the type its field takes; undefined when it cannot be. */
function typeText(field: FieldPath, text: string): { value: unknown } | undefined {
  const json = (): { value: unknown } | undefined => {
    try {
      return { value: JSON.parse(text) as unknown };
    } catch {
      return undefined;
    }
  };
  switch (field.shape) {
    case "string":
    case "nullableString":
      return { value: text };
    case "textOrSecret":
      // A secret reference may be given as JSON; any other text is the value itself.
      if (startsJson(text)) {
        const parsed = json();
        if (isPlainObject(parsed?.value) && "secret" in parsed.value) return parsed;
      }
      return { value: text };
    case "json":
      return startsJson(text) ? json() : { value: text };
    case "enum": {
      const match = field.values!.find((v) => v.toLowerCase() === text.trim().toLowerCase());
      return match === undefined ? undefined : { value: match };
    }
    case "integer": {
      if (!/^\s*-?\d+\s*$/.test(text)) return undefined;
      const n = Number(text);
      return Number.isSafeInteger(n) ? { value: n } : undefined;
    }
    case "number": {
      const n = Number(text);
      return text.trim() !== "" && Number.isFinite(n) ? { value: n } : undefined;
    }
    case "boolean": {
      const t = text.trim().toLowerCase();
      return t === "true" ? { value: true } : t === "false" ? { value: false } : undefined;
    }
    case "stringList":
      return startsJson(text) ? json() : { value: commaList(text) };
    case "objectList":
      if (startsJson(text)) return json();
      return field.itemText === undefined ? undefined : { value: commaList(text).map((item) => ({ [field.itemText!]: item })) };
    case "list":
      if (startsJson(text)) return json();
      return field.itemShape === "objectName" ? { value: commaList(text).map(dottedName) } : undefined;
    case "objectName":
      return startsJson(text) ? json() : { value: dottedName(text.trim()) };
    case "identifier":
      return { value: { value: text, quoted: false } };
    default:
      return startsJson(text) ? json() : undefined;
  }
}

/** Whether a value is plain JSON (the API can be handed anything: functions, big integers, cycles). */
function isJson(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((v) => isJson(v, depth + 1));
  if (isPlainObject(value) && Object.getPrototypeOf(value) === Object.prototype) return Object.values(value).every((v) => isJson(v, depth + 1));
  return false;
}

/** A schema error without what it says of the value: messages never show a supplied value. */
function withoutValue(message: string): string {
  return message.replace(/, got .*$/, "");
}

/**
 * Sets a resolved field in the connection, creating the objects on the way
 * (a union's object with the field's alternative). Returns the value it
 * replaced, or a conflict: a union on the way that holds another alternative.
 */
function place(connection: Fields, target: Resolved, value: unknown): { previous: unknown } | { conflict: string } {
  const { field, mapKey } = target;
  const steps = (field.path.endsWith(".*") ? field.path.slice(0, -2) : field.path).split(".");
  if (mapKey !== undefined) steps.push(mapKey);
  let node = connection;
  let at = "";
  for (const step of steps.slice(0, -1)) {
    at = at === "" ? step : `${at}.${step}`;
    const alternative = field.alternatives.find((a) => a.at === at);
    let next = node[step];
    if (next === undefined) {
      next = alternative === undefined ? {} : { [alternative.discriminator]: alternative.value };
      node[step] = next;
    } else if (!isPlainObject(next)) {
      return { conflict: `${at} is not an object` };
    } else if (alternative !== undefined && next[alternative.discriminator] !== alternative.value) {
      return { conflict: `${at} has ${alternative.discriminator} ${String(next[alternative.discriminator])}, not ${alternative.value}` };
    }
    node = next as Fields;
  }
  const last = steps.at(-1)!;
  const previous = node[last];
  node[last] = value;
  return { previous };
}

/**
 * Applies the fields `supply` holds for one connection (already planned for
 * the target) and says what happened to each. A malformed `supply` is
 * reported once, by unknownSupplyTargets.
 */
export function applySupply(name: string, connection: Connection, statement: Statement, supply: unknown): Diagnostic[] {
  const supplied = isPlainObject(supply) && Object.hasOwn(supply, name) ? supply[name] : undefined;
  if (!isPlainObject(supplied)) return [];
  const diagnostics: Diagnostic[] = [];
  const fields = connection as unknown as Fields;
  for (const [path, given] of Object.entries(supplied)) {
    const resolved = resolve(connection, path);
    if (!("field" in resolved)) {
      diagnostics.push({ ...resolved, message: `${name}: ${resolved.message}`, ...(statement.span ? { span: statement.span } : {}), path: `connection.${path}` });
      continue;
    }
    const { field } = resolved;
    const bad = (reason: string) =>
      diagnostics.push({ ...error("translate.supply-invalid", `${name}: the value supplied for ${path} ${reason}`, statement.span), path: `connection.${path}` });
    if (!isJson(given)) {
      bad("is not a JSON value");
      continue;
    }
    const typed = typeof given === "string" ? typeText(field, given) : { value: given };
    if (typed === undefined) {
      bad(`is not ${expects(field)}`);
      continue;
    }
    const problems = validateValue(field.schema, typed.value);
    if (problems.length > 0) {
      const first = problems[0]!;
      bad(`does not fit: ${first.path === "" ? "" : `${first.path}: `}${withoutValue(first.message)} (${path} takes ${expects(field)})`);
      continue;
    }
    // The whole top-level field is checked once the value is in place (a tunnel needs its connection).
    const top = path.split(/[.@]/)[0]!;
    const before = structuredClone(fields[top]);
    const placed = place(fields, resolved, typed.value);
    if ("conflict" in placed) {
      diagnostics.push({
        ...error("translate.supply-conflict", `${name}: ${path} cannot be supplied: ${placed.conflict}`, statement.span, `supply ${top} as a whole (JSON) to replace it`),
        path: `connection.${path}`,
      });
      continue;
    }
    const topField = irFields().connection(connection.kind).find((f) => f.key === top);
    const incomplete = topField === undefined ? [] : validateValue(topField.schema, fields[top]);
    if (incomplete.length > 0) {
      if (before === undefined) delete fields[top];
      else fields[top] = before;
      const first = incomplete[0]!;
      bad(`leaves ${top} incomplete: ${first.path === "" ? "" : `${first.path}: `}${withoutValue(first.message)}`);
      continue;
    }
    if (placed.previous !== undefined) {
      diagnostics.push({
        ...warning("translate.supply-override", `${name}: ${path} supplied by the caller replaces the value the source carried`, statement.span),
        path: `connection.${path}`,
      });
    } else {
      diagnostics.push({ ...info("translate.supplied", `${name}: ${path} supplied by the caller`, statement.span), path: `connection.${path}` });
    }
  }
  return diagnostics;
}
