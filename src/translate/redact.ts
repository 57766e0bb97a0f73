// Redaction: no sensitive value reaches redacted output, whatever holds it.
//
// * IR (`redactProgram`): sensitive fields by the sensitivity table; settings
//   only one platform knows, kept in extras, by their names (a credentials
//   clause is secret whole, as the platform treats it); options of ALTER by
//   their names; secret values; secrets embedded in any other string (a URL's
//   password, `AccountKey=...`); and the strings of statements kept as written,
//   whose meaning is not known.
// * Source text (`maskedSource`): the spans the lowering marked sensitive are
//   replaced by the mask, so kept originals and code frames show the rest.
import { literalContentsOf } from "../dialects/shared/literals.js";
import { isSensitiveName, maskRanges, redactEmbedded, REDACTED, sensitiveSites } from "../ir/sensitivity.js";
import type { Connection, DialectId, JsonValue, Program, Span, Statement, Value } from "../ir/schema.js";

/** Whether the name of an ALTER change or a kept setting names a credentials clause or a secret setting. */
function sensitiveSetting(name: string): boolean {
  const [clause, key] = name.split("::");
  if (clause === "CREDENTIALS" || clause === "credentials") return true;
  return isSensitiveName(key ?? clause ?? name);
}

/** Every string of a JSON value: masked whole, or with embedded secrets masked. */
function redactJson(value: JsonValue, all: boolean): JsonValue {
  if (typeof value === "string") return all ? REDACTED : redactEmbedded(value);
  if (typeof value === "number" || typeof value === "boolean") return all ? REDACTED : value;
  if (value === null) return value;
  if (Array.isArray(value)) return value.map((v) => redactJson(v, all));
  const out: Record<string, JsonValue> = {};
  for (const [k, v] of Object.entries(value)) {
    Object.defineProperty(out, k, { value: redactJson(v, all || isSensitiveName(k)), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** A statement-language value (options, ALTER changes) with its strings masked. */
function redactValue(value: Value, all: boolean): Value {
  switch (value.kind) {
    case "string":
      return { kind: "string", value: all ? REDACTED : redactEmbedded(value.value) };
    case "number":
    case "hex":
    case "interval":
      return all ? { kind: "string", value: REDACTED } : value;
    case "list":
      return { kind: "list", items: value.items.map((v) => redactValue(v, all)) };
    case "map":
      return { kind: "map", entries: value.entries.map((e) => ({ key: e.key, value: redactValue(e.value, all || sensitiveSetting(e.key)) })) };
    case "kafka_broker":
      return { kind: "kafka_broker", broker: { ...value.broker, address: redactEmbedded(value.broker.address) } };
    default:
      return value;
  }
}

/**
 * Settings kept in a dialect's extras: `{option, value}` options and
 * `{key, value}` keys are masked by name (every entry of a credentials list);
 * a credentials value that is not an object is masked whole; every other
 * string loses its embedded secrets. Spans and layout are structure.
 */
function redactExtras(extras: unknown, inCredentials: boolean): unknown {
  if (typeof extras === "string") return inCredentials ? REDACTED : redactEmbedded(extras);
  if (typeof extras !== "object" || extras === null) return extras;
  if (Array.isArray(extras)) return extras.map((e) => redactExtras(e, inCredentials));
  const entry = extras as Record<string, unknown>;
  const name = typeof entry.option === "string" ? entry.option : typeof entry.key === "string" ? entry.key : undefined;
  if (name !== undefined && "value" in entry) {
    const all = inCredentials || sensitiveSetting(name);
    const value = entry.value;
    const redacted = isValue(value) && typeof entry.option === "string" ? redactValue(value, all) : redactJson(value as JsonValue, all);
    return { ...entry, value: redacted };
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(entry)) {
    const credentials = inCredentials || k === "credentials" || k === "credentialsValue";
    out[k] = k === "layout" || k === "span" ? v : redactExtras(v, credentials);
  }
  return out;
}

function isValue(value: unknown): value is Value {
  return typeof value === "object" && value !== null && typeof (value as { kind?: unknown }).kind === "string";
}

/** Every string field of a connection that is not sensitive, with embedded secrets masked. */
function redactEmbeddedFields(node: unknown): void {
  if (typeof node !== "object" || node === null) return;
  const holder = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(holder)) {
    if (key === "extras" || key === "kind" || key === "method") continue;
    if (typeof value === "string") holder[key] = redactEmbedded(value);
    else redactEmbeddedFields(value);
  }
}

function redactConnection(connection: Connection): void {
  for (const site of sensitiveSites(connection)) if (typeof site.value === "string") site.set(REDACTED);
  redactEmbeddedFields(connection);
  if (connection.extras !== undefined) connection.extras = redactExtras(connection.extras, false) as Connection["extras"];
}

/** A text kept as written with every string in it masked (its meaning is not known). */
export function maskAllStrings(text: string, dialect: DialectId): string {
  return maskRanges(text, literalContentsOf(dialect)(text));
}

/** Masks every sensitive value of one statement in place. */
export function redactStatement(statement: Statement): void {
  switch (statement.kind) {
    case "create_connection":
      redactConnection(statement.connection);
      if (statement.description !== undefined) statement.description = redactEmbedded(statement.description);
      break;
    case "alter_connection":
      if (statement.action.kind === "change") {
        statement.action.changes = statement.action.changes.map((change) =>
          change.kind === "set" && change.value !== undefined ? { ...change, value: redactValue(change.value, sensitiveSetting(change.option)) } : change,
        );
      }
      break;
    case "create_secret":
      statement.value = { kind: "text", value: REDACTED };
      break;
    case "alter_secret":
      if (statement.action.kind === "set_value") statement.action = { kind: "set_value", value: { kind: "text", value: REDACTED } };
      break;
    case "comment_on":
      if (statement.comment !== null) statement.comment = redactEmbedded(statement.comment);
      break;
    case "verbatim":
      statement.text = maskAllStrings(statement.text, statement.dialect);
      break;
    default:
      break;
  }
  if ("extras" in statement && statement.extras !== undefined) statement.extras = redactExtras(statement.extras, false) as typeof statement.extras;
}

/** Masks every sensitive value of a program in place. */
export function redactProgram(program: Program): void {
  for (const statement of program.statements) redactStatement(statement);
}

/**
 * A statement's source text with the spans its lowering marked sensitive
 * replaced by the mask; `base` is the text's offset in the source.
 */
export function maskedSource(text: string, base: number, spans: readonly Span[] | undefined): string {
  if (spans === undefined || spans.length === 0) return text;
  const ranges = spans
    .map((s): [number, number] => [Math.max(0, s.start.offset - base), Math.min(text.length, s.end.offset - base)])
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  return maskRanges(text, ranges);
}
