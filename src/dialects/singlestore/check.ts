// SingleStore's rules for links (spec §5) as a pass over the IR. The keys of
// CONFIG and CREDENTIALS are re-derived from the IR (fields, kept keys and
// their source spans), so the rules see what the server sees whether the IR
// came from SingleStore text, from another dialect or from JSON. Messages
// name keys, never their values.
import { error, warning, type Diagnostic } from "../../diagnostics.js";
import type { JsonValue, ObjectName, Program, Span, Statement, StatementOf, Value } from "../../ir/schema.js";
import { KEYS, keyEntry, looksSecret, OPEN_CONFIG_FIELD, typeOfKind, type Clause, type LinkType } from "./catalog.js";
import { describeType, fitsType, keysOf, parseChangeOption, singlestoreExtras } from "./fields.js";
import { quoteForMessage } from "../shared/antlr-parse.js";
import { identifiersOf } from "../shared/names.js";
import { conceptOf, spellingOf, spellingsOf } from "../shared/vocabulary.js";
import { editDistanceWithin, Suggestions } from "../shared/suggest.js";

const MAX_NAME_PARTS = 2;

type Report = (diagnostic: Diagnostic) => void;

/** MySQL's limit on database and object names, in characters; unverified for link names (spec §1 is silent). */
const MAX_IDENTIFIER_CHARACTERS = 64;

function nameRules(name: ObjectName, span: Span | undefined, report: Report): void {
  if (name.parts.length > MAX_NAME_PARTS) {
    report(error("singlestore.invalid-name", `a link name has at most two parts (database.link), found ${name.parts.length}`, span));
  }
}

/**
 * The names SingleStore text would hold (link and database names), for IR
 * that did not come from SingleStore text: an empty name is refused, as the
 * parser refuses an empty back-quoted name; a name longer than MySQL's
 * 64 characters is a warning until the limit is confirmed for links.
 */
function identifierRules(statement: Statement, report: Report): void {
  for (const { path, identifier } of identifiersOf(statement, "singlestore")) {
    if (!PRINTED_NAME.test(path)) continue;
    const value = identifier.value;
    if (value.length === 0) {
      report({ ...error("singlestore.invalid-name", "an identifier cannot be empty", statement.span), path });
    } else if (value.length > MAX_IDENTIFIER_CHARACTERS && [...value].length > MAX_IDENTIFIER_CHARACTERS) {
      report({
        ...warning(
          "singlestore.name-too-long",
          `identifier ${quoteForMessage(value)} is longer than ${MAX_IDENTIFIER_CHARACTERS} characters, MySQL's limit for names`,
          statement.span,
        ),
        path,
      });
    }
  }
}

/** Paths of the names a SingleStore statement prints: the link's, DROP's, and SHOW LINKS ON's database (references inside a connection are not printed). */
const PRINTED_NAME = /^(name|names\[\d+\]|from)\.parts\[\d+\]$/;

/** The JSON type of a value, for messages that must not show the value. */
function jsonTypeName(value: JsonValue): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return typeof value === "string" ? "a string" : typeof value === "number" ? "a number" : "a boolean";
}

/** Optimal string alignment distance: edits, with a swap of neighbours counting as one. */
export function editDistance(a: string, b: string): number {
  return editDistanceWithin(a, b, Math.max(a.length, b.length));
}

/** Each link type's catalogue keys, indexed for suggestions (built on first use). */
const keySuggestions = new Map<LinkType, Suggestions>();

/** The closest catalogue key of a type, when it is close enough to be a typo. */
export function suggestKey(type: LinkType, key: string): string | undefined {
  let suggestions = keySuggestions.get(type);
  if (suggestions === undefined) {
    suggestions = new Suggestions(KEYS[type].map((e) => e.key));
    keySuggestions.set(type, suggestions);
  }
  return suggestions.closest(key);
}

interface CheckedKey {
  clause: Clause;
  key: string;
  value?: JsonValue;
  /** Whether the value was kept as written (it did not fit the IR field). */
  kept: boolean;
  span: Span | undefined;
  /** A value outside the key's vocabulary that did not come from SingleStore text: the emitter reports it. */
  foreignTerm?: true;
}

/** Rules on the keys of a link of a known type: secrets shown in CONFIG, unknown keys, repeats, value types. */
function keyRules(type: LinkType, keys: CheckedKey[], report: Report): void {
  const seen = new Set<string>();
  for (const k of keys) {
    const entry = keyEntry(type, k.key);
    const name = quoteForMessage(k.key);
    if (seen.has(k.key)) {
      report(warning("singlestore.duplicate-key", `${name} is given more than once`, k.span));
    }
    seen.add(k.key);
    if (entry === undefined && !(k.clause === "CONFIG" && OPEN_CONFIG_FIELD[type] !== undefined)) {
      const suggestion = suggestKey(type, k.key);
      report(
        warning(
          "singlestore.unknown-key",
          `${name} is not a known ${type} link key`,
          k.span,
          suggestion !== undefined ? `did you mean ${quoteForMessage(suggestion)}?` : undefined,
        ),
      );
    }
    if (k.clause === "CONFIG" && (entry?.secret ?? looksSecret(k.key))) {
      const documented = entry?.clause === "CONFIG";
      report(
        warning(
          "singlestore.secret-in-config",
          `${name} holds a secret, but CONFIG is shown by SHOW LINKS and INFORMATION_SCHEMA.LINKS`,
          k.span,
          documented ? "SingleStore documents this key in CONFIG; keep the link's privileges tight" : "move it to CREDENTIALS",
        ),
      );
    }
    const vocabulary = entry?.vocabulary;
    if (entry?.refusedBy !== undefined && vocabulary !== undefined && !k.foreignTerm && typeof k.value === "string" && conceptOf(vocabulary, k.value) === undefined) {
      // The value is not named: a mistyped key may hold anything.
      const near = conceptOf(vocabulary, k.value.toUpperCase()) ?? conceptOf(vocabulary, k.value.toLowerCase());
      report(
        warning(
          "singlestore.invalid-value",
          `${name} is not one of ${spellingsOf(vocabulary).join(", ")}, which ${entry.refusedBy} ${vocabulary.comparison === "exact" ? "compares exactly" : "accepts in any case"}`,
          k.span,
          near !== undefined ? `write ${quoteForMessage(spellingOf(vocabulary, near)!)}` : undefined,
        ),
      );
    }
    if (entry !== undefined && k.kept && k.value !== undefined && !fitsType(entry.type, k.value)) {
      const found = entry.type === "stringMap" && jsonTypeName(k.value) === "an object" ? "an object with a value that is not a string" : jsonTypeName(k.value);
      report(warning("singlestore.invalid-value", `${name} expects ${describeType(entry.type)}, found ${found}`, k.span));
    }
  }
}

function clauseSpan(statement: StatementOf<"create_connection">, clause: Clause): Span | undefined {
  return singlestoreExtras(statement.connection)?.layout?.clauses?.find((c) => c.clause === clause)?.span ?? statement.span;
}

function createRules(statement: StatementOf<"create_connection">, known: Map<string, LinkType>, report: Report): void {
  const span = statement.span;
  nameRules(statement.name, span, report);
  if (statement.orReplace && statement.ifNotExists) {
    report(error("singlestore.conflicting-clauses", "OR REPLACE and IF NOT EXISTS cannot be used together", span));
  }
  const connection = statement.connection;
  const type = typeOfKind(connection.kind);
  // A kind SingleStore lacks is the emitter's to report (it says what is not emitted).
  if (type === undefined) return;
  const earlier = known.get(nameKey(statement.name));
  if (statement.orReplace && earlier !== undefined && earlier !== type) {
    report(error("singlestore.link-type-change", `CREATE OR REPLACE cannot change the link's type from ${earlier} to ${type}`, span, "drop the link first"));
  }
  known.set(nameKey(statement.name), type);
  const extras = singlestoreExtras(connection);
  const clauses = extras?.layout?.clauses;
  if (clauses !== undefined && !clauses.some((c) => c.clause === "CREDENTIALS")) {
    report(error("singlestore.missing-credentials", "CREATE LINK requires a CREDENTIALS clause", span, "write CREDENTIALS '{}' when the link needs no credentials"));
  }
  for (const [clause, value] of [["CONFIG", extras?.configValue], ["CREDENTIALS", extras?.credentialsValue]] as const) {
    if (value !== undefined) {
      report(error("singlestore.invalid-json", `${clause} must be a JSON object, found ${jsonTypeName(value)}`, clauseSpan(statement, clause)));
    }
  }
  const keys = keysOf(type, connection);
  keyRules(
    type,
    [...keys.config, ...keys.credentials]
      .sort((a, b) => (a.span?.start.offset ?? Infinity) - (b.span?.start.offset ?? Infinity))
      .map((k) => ({
        clause: k.clause,
        key: k.key,
        ...(k.value !== undefined ? { value: k.value } : {}),
        kept: k.kept,
        span: k.span ?? span,
        ...(k.unknownTerm !== undefined ? { foreignTerm: true as const } : {}),
      })),
    report,
  );
}

function jsonOfValue(value: Value): JsonValue {
  switch (value.kind) {
    case "string":
      return value.value;
    case "number":
      return Number(value.value);
    case "boolean":
      return value.value;
    case "list":
      return value.items.map(jsonOfValue);
    case "map":
      return Object.fromEntries(value.entries.map((e) => [e.key, jsonOfValue(e.value)]));
    default:
      return null;
  }
}

function alterRules(statement: StatementOf<"alter_connection">, known: Map<string, LinkType>, report: Report): void {
  const span = statement.span;
  nameRules(statement.name, span, report);
  const action = statement.action;
  // Actions and options ALTER LINK has no words for are the emitter's to report.
  if (action.kind !== "change") return;
  const seen = new Set<Clause>();
  const type = known.get(nameKey(statement.name));
  action.changes.forEach((change, i) => {
    const at = change.span ?? span;
    const parsed = change.kind === "set" ? parseChangeOption(change.option) : undefined;
    if (parsed === undefined) return;
    if (i === 2) report(error("singlestore.alter-clauses", "ALTER LINK takes at most two SET clauses, one SET CONFIG and one SET CREDENTIALS", at));
    else if (seen.has(parsed.clause)) {
      report(error("singlestore.alter-clauses", `SET ${parsed.clause} is given twice; ALTER LINK takes one SET CONFIG and one SET CREDENTIALS`, at));
    }
    seen.add(parsed.clause);
    const value = (change as { value?: Value }).value;
    if (parsed.key === undefined && value !== undefined && value.kind !== "map") {
      report(error("singlestore.invalid-json", `${parsed.clause} must be a JSON object, found ${jsonTypeName(jsonOfValue(value))}`, at));
    }
    // Keys can be checked when an earlier statement of the program created the link.
    if (type === undefined || value === undefined) return;
    const keys: CheckedKey[] =
      parsed.key !== undefined
        ? [{ clause: parsed.clause, key: parsed.key, value: jsonOfValue(value), kept: true, span: at }]
        : value.kind === "map"
          ? value.entries.map((e) => ({ clause: parsed.clause, key: e.key, value: jsonOfValue(e.value), kept: true, span: at }))
          : [];
    keyRules(type, keys, report);
  });
}

function nameKey(name: ObjectName): string {
  return JSON.stringify(name.parts.map((p) => p.value));
}

function statementRules(statement: Statement, known: Map<string, LinkType>, report: Report): void {
  switch (statement.kind) {
    case "create_connection":
      createRules(statement, known, report);
      return;
    case "alter_connection":
      alterRules(statement, known, report);
      return;
    case "drop":
      for (const name of statement.names) {
        nameRules(name, statement.span, report);
        known.delete(nameKey(name));
      }
      return;
    case "show_create_connection":
      nameRules(statement.name, statement.span, report);
      if (known.get(nameKey(statement.name)) === "HTTP") {
        report(error("singlestore.show-create-http", "SHOW CREATE LINK does not support HTTP links", statement.span));
      }
      return;
    case "show":
      if (statement.from !== undefined && statement.from.parts.length > 1) {
        report(error("singlestore.invalid-name", "SHOW LINKS ON takes a database name (one part)", statement.span));
      }
      return;
    default:
      return;
  }
}

/**
 * Runs the link rules over every statement of a program. Links created
 * earlier in the program are remembered (until dropped), so that later
 * statements about them can be checked against their type.
 */
export function checkProgram(program: Program): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const known = new Map<string, LinkType>();
  for (const statement of program.statements) {
    identifierRules(statement, (d) => diagnostics.push(d));
    statementRules(statement, known, (d) => diagnostics.push(d));
  }
  return diagnostics;
}
