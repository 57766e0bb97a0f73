// Moving CONFIG / CREDENTIALS keys into IR connection fields and back.
//
// `placeKeys` types each key's JSON value as the catalogue says and stores it
// at the key's IR field. What does not fit — keys the IR does not model, a
// value of the wrong JSON type, a key given more than once, a second auth
// method — is kept in `extras.singlestore.config` / `.credentials` in order,
// so nothing is lost and the checker can say what is wrong. Enumerated values
// go through the catalogue's vocabularies: the IR holds the concept. How the
// keys were spelt (order, clause, numbers written as strings, number texts,
// a value's spelling) goes to `extras.singlestore.layout`, which never counts
// as meaning.
//
// `keysOf` is the inverse, for the emitter and the checker: the keys of each
// clause, in source order where the IR has one, else in catalogue order and
// clause. A key stays in the clause it was written in, even a secret in
// CONFIG: moving it is a translation or an explicit fix (fix.ts).
import type {
  Connection,
  JsonValue,
  SecretRef,
  SingleStoreClauseLayout,
  SingleStoreConnectionExtras,
  SingleStoreKeptKey,
  SingleStoreKeyLayout,
  SingleStoreLayout,
  Span,
  TextOrSecret,
} from "../../ir/schema.js";
import { keyEntry, KEYS, OPEN_CONFIG_FIELD, type Clause, type KeyEntry, type KeyValueType, type LinkType } from "./catalog.js";
import { defineKey, jsonValueOf, type JsonNode, type NumberText } from "./json.js";
import { fieldPathOf, getPath, setPath, type Fields } from "../shared/paths.js";
import { readTerm, spellingsOf, writeTerm } from "../shared/vocabulary.js";

// ---- The extras shape ---------------------------------------------------------------

// Defined by the IR schema, which validates IR JSON from elsewhere.
/** A key kept as written because the IR has no field for it (or it did not fit the field). */
export type KeptKey = SingleStoreKeptKey;
/** Spelling of one key, in source order within its clause. */
export type KeyLayout = SingleStoreKeyLayout;
export type ClauseLayout = SingleStoreClauseLayout;
export type { SingleStoreConnectionExtras, SingleStoreLayout };

export function singlestoreExtras(connection: Connection): SingleStoreConnectionExtras | undefined {
  return connection.extras?.singlestore as SingleStoreConnectionExtras | undefined;
}

/** Separator of the clause and the key in the option of an ALTER LINK one-key change (`CONFIG::sasl.password`). */
export const KEY_SEPARATOR = "::";

/** The clause of an ALTER LINK change option, and the key of the one-key form. */
export function parseChangeOption(option: string): { clause: Clause; key?: string } | undefined {
  const at = option.indexOf(KEY_SEPARATOR);
  const clause = at < 0 ? option : option.slice(0, at);
  if (clause !== "CONFIG" && clause !== "CREDENTIALS") return undefined;
  return at < 0 ? { clause } : { clause, key: option.slice(at + KEY_SEPARATOR.length) };
}

const CLAUSE_LIST = { CONFIG: "config", CREDENTIALS: "credentials" } as const;

// ---- Reading: JSON → IR -------------------------------------------------------------

interface Typed {
  field: unknown;
  form?: "string" | "json";
  spelling?: string;
}

const DIGITS = /^-?[0-9]+$/;

/** Types a JSON value for a catalogue key; undefined when it does not fit the IR field. */
function typeValue(entry: KeyEntry, node: JsonNode): Typed | undefined {
  const usual = entry.writtenAsString ? "string" : "json";
  switch (entry.type) {
    case "text": {
      if (node.type !== "string") return undefined;
      if (entry.vocabulary === undefined) return { field: node.value };
      const read = readTerm(entry.vocabulary, node.value);
      return read.spelling === undefined ? { field: read.value } : { field: read.value, spelling: read.spelling };
    }
    case "integer": {
      const text = node.type === "number" ? node.text : node.type === "string" && DIGITS.test(node.value) ? node.value : undefined;
      if (text === undefined) return undefined;
      const n = Number(text);
      // A string must print back as itself; a JSON number keeps its text in the layout.
      if (!Number.isSafeInteger(n) || (node.type === "string" && String(n) !== text)) return undefined;
      const form = node.type === "string" ? "string" : "json";
      return form === usual ? { field: n } : { field: n, form };
    }
    case "boolean": {
      const value = node.type === "boolean" ? node.value : node.type === "string" && (node.value === "true" || node.value === "false") ? node.value === "true" : undefined;
      if (value === undefined) return undefined;
      const form = node.type === "string" ? "string" : "json";
      return form === usual ? { field: value } : { field: value, form };
    }
    case "commaList":
      return node.type === "string" ? { field: node.value.split(",") } : undefined;
    case "spaceList":
      return node.type === "string" ? { field: node.value.split(" ") } : undefined;
    case "stringMap": {
      if (node.type !== "object" || node.entries.some((e) => e.value.type !== "string")) return undefined;
      const keys = new Set(node.entries.map((e) => e.key));
      if (keys.size !== node.entries.length) return undefined;
      const map: Record<string, string> = {};
      for (const e of node.entries) defineKey(map, e.key, (e.value as { value: string }).value);
      return { field: map };
    }
    case "json":
      return undefined;
  }
}

/** One `"key": value` of a CONFIG or CREDENTIALS object, as parsed. */
export interface SourceKey {
  clause: Clause;
  key: string;
  value: JsonNode;
  span?: Span;
}

/**
 * Places the keys of both clauses into the fields of a connection of `type`,
 * filling `fields` (the connection object) and returning the extras.
 */
export function placeKeys(type: LinkType, fields: Fields, keys: SourceKey[]): SingleStoreConnectionExtras {
  const extras: SingleStoreConnectionExtras = {};
  const layout: SingleStoreLayout = {};
  const count = new Map<string, number>();
  for (const k of keys) count.set(k.key, (count.get(k.key) ?? 0) + 1);
  const openField = OPEN_CONFIG_FIELD[type];

  for (const k of keys) {
    const numbers: NumberText[] = [];
    const entry = keyEntry(type, k.key);
    const keyLayout: KeyLayout = { key: k.key };
    // A key given twice has no single value: every occurrence is kept as written.
    const unique = count.get(k.key) === 1;
    let placed = false;
    if (unique && entry?.path !== undefined) {
      const typed = typeValue(entry, k.value);
      if (typed !== undefined && setPath(fields, entry.path, typed.field)) {
        placed = true;
        if (typed.form !== undefined) keyLayout.form = typed.form;
        if (typed.spelling !== undefined) keyLayout.spelling = typed.spelling;
        if (k.value.type === "number" && String(typed.field) !== k.value.text) numbers.push({ path: [], text: k.value.text });
      }
    } else if (unique && entry === undefined && openField !== undefined && k.clause === "CONFIG") {
      let open = fields[openField] as Record<string, JsonValue> | undefined;
      if (open === undefined) fields[openField] = open = {};
      defineKey(open, k.key, jsonValueOf(k.value, numbers));
      placed = true;
    }
    if (!placed) {
      const list = (extras[CLAUSE_LIST[k.clause]] ??= []);
      list.push({ key: k.key, value: jsonValueOf(k.value, numbers) });
    }
    if (numbers.length > 0) keyLayout.numbers = numbers;
    if (k.span !== undefined) keyLayout.span = k.span;
    (layout[CLAUSE_LIST[k.clause]] ??= []).push(keyLayout);
  }
  extras.layout = layout;
  return extras;
}

// ---- Writing: IR → keys ---------------------------------------------------------------

/** A key to write, with the IR fields it says (for loss reporting). */
export interface OutputKey {
  clause: Clause;
  key: string;
  /** The JSON value; absent when the IR holds a secret reference SingleStore cannot say. */
  value?: JsonValue;
  /** IR paths of secret references met on the way (reported by the emitter). */
  secretReferences: string[];
  consumed: string[];
  /** The catalogue entry, for catalogue keys. */
  entry?: KeyEntry;
  /** Whether it came from `extras.singlestore` (kept as written). */
  kept: boolean;
  layout?: KeyLayout;
  span?: Span;
  /**
   * Set when the value is outside the key's vocabulary and was not read from
   * SingleStore text (whose values the checker judges): the emitter reports it.
   */
  unknownTerm?: { field: string; value: string; spellings: string[] };
}

function isSecretRef(value: unknown): value is SecretRef {
  return typeof value === "object" && value !== null && "secret" in value;
}

/** The JSON a field value is written as; secret references are left out and listed. */
function jsonOfField(entry: KeyEntry, field: unknown, written: KeyLayout | undefined, path: string, refs: string[]): JsonValue | undefined {
  const asString = (written?.form ?? (entry.writtenAsString ? "string" : "json")) === "string";
  switch (entry.type) {
    case "text":
      if (isSecretRef(field)) {
        refs.push(path);
        return undefined;
      }
      if (typeof field !== "string") return undefined;
      return entry.vocabulary === undefined ? field : writeTerm(entry.vocabulary, field, written?.spelling).text;
    case "integer":
    case "boolean":
      if (typeof field !== (entry.type === "integer" ? "number" : "boolean")) return undefined;
      return asString ? String(field) : (field as number | boolean);
    case "commaList":
    case "spaceList":
      return Array.isArray(field) ? field.join(entry.type === "commaList" ? "," : " ") : undefined;
    case "stringMap": {
      if (typeof field !== "object" || field === null) return undefined;
      const map: Record<string, JsonValue> = {};
      for (const [name, value] of Object.entries(field as Record<string, TextOrSecret>)) {
        if (isSecretRef(value)) refs.push(`${path}.${name}`);
        else defineKey(map, name, value);
      }
      return map;
    }
    case "json":
      return field as JsonValue;
  }
}

/** Auth alternatives that say "no credentials in the link": nothing to write, nothing lost. */
const IMPLICIT_AUTH = new Set(["implicit"]);

/**
 * The keys of a connection's CONFIG and CREDENTIALS, each list in source
 * order where the layout has one, otherwise in catalogue order with kept keys
 * last.
 */
export function keysOf(type: LinkType, connection: Connection): { config: OutputKey[]; credentials: OutputKey[]; consumed: string[] } {
  const fields = connection as unknown as Fields;
  const extras = singlestoreExtras(connection);
  const layout = extras?.layout ?? {};
  const slots = { CONFIG: slotsOf(layout.config), CREDENTIALS: slotsOf(layout.credentials) };
  const clauseOfLayout = (key: string): Clause | undefined =>
    slots.CONFIG.has(key) ? "CONFIG" : slots.CREDENTIALS.has(key) ? "CREDENTIALS" : undefined;
  const layoutFor = (clause: Clause, key: string): KeyLayout | undefined => {
    const first = slots[clause].get(key)?.[0];
    return first === undefined ? undefined : layout[CLAUSE_LIST[clause]]![first];
  };
  const out: OutputKey[] = [];
  const consumed: string[] = [];

  for (const entry of KEYS[type]) {
    if (entry.path === undefined) continue;
    const field = getPath(fields, entry.path);
    if (field === undefined) continue;
    const clause = clauseOfLayout(entry.key) ?? entry.clause;
    const fieldPath = fieldPathOf(entry.path);
    const written = layoutFor(clause, entry.key);
    const refs: string[] = [];
    const value = jsonOfField(entry, field, written, fieldPath, refs);
    consumed.push(fieldPath);
    const key: OutputKey = { clause, key: entry.key, ...(value !== undefined ? { value } : {}), secretReferences: refs, consumed: [fieldPath], entry, kept: false };
    if (entry.vocabulary !== undefined && typeof field === "string" && written === undefined && !writeTerm(entry.vocabulary, field).known) {
      key.unknownTerm = { field: fieldPath, value: field, spellings: spellingsOf(entry.vocabulary) };
    }
    out.push(key);
  }
  const auth = fields.auth as { method?: string } | undefined;
  if (auth?.method !== undefined && IMPLICIT_AUTH.has(auth.method)) consumed.push("auth");

  const openField = OPEN_CONFIG_FIELD[type];
  if (openField !== undefined && typeof fields[openField] === "object" && fields[openField] !== null) {
    for (const [key, value] of Object.entries(fields[openField] as Record<string, JsonValue>)) {
      out.push({ clause: "CONFIG", key, value, secretReferences: [], consumed: [openField], kept: false });
    }
    consumed.push(openField);
  }
  for (const clause of ["CONFIG", "CREDENTIALS"] as const) {
    for (const kept of extras?.[CLAUSE_LIST[clause]] ?? []) {
      const entry = keyEntry(type, kept.key);
      out.push({ clause, key: kept.key, value: kept.value, secretReferences: [], consumed: [], ...(entry ? { entry } : {}), kept: true });
    }
  }

  const byClause = { config: [] as OutputKey[], credentials: [] as OutputKey[] };
  for (const clause of ["CONFIG", "CREDENTIALS"] as const) {
    const written = layout[CLAUSE_LIST[clause]] ?? [];
    const used = new Map<string, number>();
    const ranked = out
      .filter((k) => k.clause === clause)
      .map((k, index) => {
        // The k-th occurrence of a key takes the k-th layout slot of that key.
        const nth = used.get(k.key) ?? 0;
        used.set(k.key, nth + 1);
        const slot = slots[clause].get(k.key)?.[nth];
        if (slot !== undefined) {
          k.layout = written[slot]!;
          if (k.layout.span !== undefined) k.span = k.layout.span;
        }
        return { k, rank: slot ?? written.length + index };
      });
    ranked.sort((a, b) => a.rank - b.rank);
    byClause[CLAUSE_LIST[clause]] = ranked.map((r) => r.k);
  }
  return { ...byClause, consumed };
}

/** The positions of each key in a clause's layout, in order: one look-up per key, however many there are. */
function slotsOf(written: readonly KeyLayout[] | undefined): Map<string, number[]> {
  const slots = new Map<string, number[]>();
  (written ?? []).forEach((l, i) => {
    const list = slots.get(l.key);
    if (list === undefined) slots.set(l.key, [i]);
    else list.push(i);
  });
  return slots;
}

/** Whether a JSON value has the type a catalogue key expects (for the checker's messages). */
export function fitsType(type: KeyValueType, value: JsonValue): boolean {
  switch (type) {
    case "text":
    case "commaList":
    case "spaceList":
      return typeof value === "string";
    case "integer":
      return (typeof value === "number" && Number.isSafeInteger(value)) || (typeof value === "string" && DIGITS.test(value) && String(Number(value)) === value);
    case "boolean":
      return typeof value === "boolean" || value === "true" || value === "false";
    case "stringMap":
      return typeof value === "object" && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === "string");
    case "json":
      return true;
  }
}

export function describeType(type: KeyValueType): string {
  switch (type) {
    case "text":
    case "commaList":
    case "spaceList":
      return "a string";
    case "integer":
      return "an integer";
    case "boolean":
      return "true or false";
    case "stringMap":
      return "an object of strings";
    case "json":
      return "a JSON value";
  }
}
