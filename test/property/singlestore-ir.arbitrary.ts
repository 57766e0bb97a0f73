// fast-check arbitraries of IR programs that SingleStore can express: CREATE
// LINK for each of the eight link types with every IR field the catalogue
// (src/dialects/singlestore/catalog.ts, KEYS) maps, keys the IR does not model
// in `extras.singlestore`, ALTER LINK, DROP LINK, SHOW LINKS and SHOW CREATE
// LINK.
//
// What is generated, and why some IR shapes are left out:
// * No `span`. About half the links carry an `extras.singlestore.layout`
//   recording, as text read from SingleStore would, the clause and order of
//   every key: catalogue keys are put in their catalogue clause or in the
//   other one (a secret in CONFIG, a setting in CREDENTIALS), which the
//   emitter must keep. The other half have no layout: the emitter uses the
//   catalogue's key order and clauses.
// * Kept keys are unknown keys (arbitrary text) or catalogue keys the IR
//   does not model, in either clause.
// * Enumerated fields (security protocol, SASL mechanism, SSL mode) hold an
//   IR concept — SingleStore can spell it or not — or text the key's
//   vocabulary does not read: other text is another spelling of a concept,
//   which reads back as the concept.
// * Strings — JSON values, JSON keys, descriptions, names — are arbitrary
//   Unicode (lone surrogates included) with extra weight on quotes,
//   backslashes, control characters, comment delimiters and non-ASCII.
// * Kept keys (`extras.singlestore.config` / `.credentials`) never use a key
//   the catalogue maps to an IR field, nor a key of an HDFS property: such a
//   key would be read back into the field (or, given twice, kept twice).
// * A list the link writes as one string is never empty and its items hold
//   no separator: Kafka OAuth scopes (space) and MongoDB hosts (comma).
// * No secret references (SingleStore has no way to name one), no IR fields a
//   link cannot hold, no structure with no syntax (an empty `tls` object).
import fc from "fast-check";
import type { Comment, Connection, ConnectionChange, Identifier, JsonValue, ObjectName, Program, Statement, Value } from "../../src/ir/schema.js";
import { SASL_MECHANISMS, SECURITY_PROTOCOLS, TLS_MODES } from "../../src/ir/schema.js";
import { KEYS, LINK_TYPES, KIND_OF_TYPE, OPEN_CONFIG_FIELD, keyEntry, type Clause, type LinkType } from "../../src/dialects/singlestore/catalog.js";
import type { SingleStoreLayout } from "../../src/dialects/singlestore/fields.js";
import { getPath } from "../../src/dialects/shared/paths.js";
import { conceptOf } from "../../src/dialects/shared/vocabulary.js";
import { commentedProgramOf, commentOf, lineCommentText, programOf } from "./program.arbitrary.js";

// ---- Text -------------------------------------------------------------------

const SPECIAL_FRAGMENTS = [
  "'", "''", '"', '""', "\\", "\\\\", "\\'", '\\"', "\\n", "\\u0041", "\n", "\r", "\r\n", "\t", "\0", "\x1a", "\b", "\f",
  "`", "``", "{", "}", "[", "]", ":", ",", "::", "*/", "/*", "/*!", "-- ", "--", "#", ";", "\\G", "%", "_", "\\%", "\\_",
  " ", "\u2028", "\uFEFF", "\u00a0", "é", "ß", "İ", "😀", "𝔸", "\u{10FFFF}", "__proto__", "constructor",
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

const textUnit: fc.Arbitrary<string> = fc.oneof(
  { weight: 12, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
  { weight: 6, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }) },
  { weight: 8, arbitrary: fc.constantFrom(...SPECIAL_FRAGMENTS) },
  { weight: 1, arbitrary: loneSurrogate },
);

/** Arbitrary text: JSON values and keys, descriptions. */
export const text: fc.Arbitrary<string> = fc.array(textUnit, { maxLength: 8 }).map((units) => units.join(""));

const nonEmptyText = fc.array(textUnit, { minLength: 1, maxLength: 6 }).map((units) => units.join(""));

// ---- Names -----------------------------------------------------------------------

/** Identifiers: anything non-empty (names are always printed back-quoted). */
export const identifier: fc.Arbitrary<Identifier> = fc
  .tuple(fc.oneof(nonEmptyText, fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_$]{0,8}$/), fc.constantFrom("link", "S3", "kafka", "set", "if", "`")), fc.boolean())
  .map(([value, quoted]) => ({ value, quoted }));

/** `name` or `db.name`. */
export const linkName: fc.Arbitrary<ObjectName> = fc.array(identifier, { minLength: 1, maxLength: 2 }).map((parts) => ({ parts }));

// ---- JSON values ------------------------------------------------------------------

function objectOf<T>(entries: [string, T][]): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

/** A JSON object with distinct keys, `__proto__` included, as an own property. */
function jsonObject<T>(value: fc.Arbitrary<T>, maxLength = 3): fc.Arbitrary<Record<string, T>> {
  return fc.uniqueArray(fc.tuple(text, value), { maxLength, selector: ([k]) => k }).map(objectOf);
}

const finiteNumber = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));

export const jsonValue: fc.Arbitrary<JsonValue> = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { maxDepth: 2, depthIdentifier: "json" },
    text,
    finiteNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 3 }),
    jsonObject(tie("value")),
  ),
})).value;

/** JSON as a dialect-neutral Value (ALTER LINK), numbers as JSON number text. */
const jsonNumberText = fc.oneof(
  finiteNumber.map((n) => JSON.stringify(n)),
  fc.constantFrom("0", "-0", "1.50", "1e3", "-2E-7", "12345678901234567890"),
);

export const jsonAsValue: fc.Arbitrary<Value> = fc.letrec<{ value: Value }>((tie) => ({
  value: fc.oneof(
    { maxDepth: 2, depthIdentifier: "value" },
    text.map((value) => ({ kind: "string" as const, value })),
    jsonNumberText.map((value) => ({ kind: "number" as const, value })),
    fc.boolean().map((value) => ({ kind: "boolean" as const, value })),
    fc.constant({ kind: "null" as const }),
    fc.array(tie("value"), { maxLength: 3 }).map((items) => ({ kind: "list" as const, items })),
    // Map entries may repeat a key: a Value keeps every entry.
    fc.array(fc.record({ key: text, value: tie("value") }), { maxLength: 3 }).map((entries) => ({ kind: "map" as const, entries })),
  ),
})).value;

// ---- Connections, per link type ------------------------------------------------------

/** Records with optional keys, at least one of them present. */
function someOf<T extends Record<string, unknown>>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<Partial<T>> {
  return fc
    .record(model, { requiredKeys: [] })
    .filter((r) => Object.keys(r).length > 0) as unknown as fc.Arbitrary<Partial<T>>;
}

const listItem = (separator: string) => text.map((t) => t.split(separator).join(""));

/** A value of an enumerated key: any IR concept, or text the key's vocabulary does not read. */
function term(type: LinkType, key: string, concepts: readonly string[]): fc.Arbitrary<string> {
  const vocabulary = keyEntry(type, key)!.vocabulary!;
  return fc.oneof(fc.constantFrom(...concepts), text.filter((t) => conceptOf(vocabulary, t) === undefined));
}

const fieldsByType: Record<LinkType, fc.Arbitrary<Record<string, unknown>>> = {
  S3: someOf({
    region: text,
    endpoint: text,
    auth: fc.oneof(
      someOf({ accessKeyId: text, secretAccessKey: text, sessionToken: text }).map((a) => ({ method: "access_key", ...a })),
      text.map((roleArn) => ({ method: "assume_role", roleArn })),
    ),
    serverSideEncryption: someOf({ algorithm: text, kmsKeyId: text, customerAlgorithm: text, customerKey: text, customerKeyMd5: text }),
    forcePathStyle: fc.boolean(),
  }),
  AZURE: someOf({ accountName: text, auth: text.map((accountKey) => ({ method: "account_key", accountKey })) }),
  GCS: someOf({ auth: someOf({ accessId: text, secretKey: text }).map((a) => ({ method: "hmac", ...a })) }),
  HDFS: someOf({
    kerberos: someOf({ principal: text, keytab: text }),
    properties: fc
      .uniqueArray(fc.tuple(text.filter((k) => k !== "kerberos.user" && k !== "kerberos.keytab"), jsonValue), { minLength: 1, maxLength: 3, selector: ([k]) => k })
      .map(objectOf),
  }),
  HTTP: jsonObject(text).map((headers) => ({ headers })),
  KAFKA: someOf({
    securityProtocol: term("KAFKA", "security.protocol", SECURITY_PROTOCOLS),
    sasl: someOf({
      mechanism: term("KAFKA", "sasl.mechanism", SASL_MECHANISMS),
      username: text,
      password: text,
      kerberos: someOf({ serviceName: text, principal: text, keytab: text }),
      oauth: someOf({ clientId: text, clientSecret: text, tokenEndpoint: text, scopes: fc.array(listItem(" "), { minLength: 1, maxLength: 3 }) }),
    }),
    tls: someOf({ caFile: text, certificateFile: text, keyFile: text, keyPassword: text, ca: text, certificate: text, key: text }),
  }),
  MONGODB: someOf({
    hosts: fc.array(listItem(","), { minLength: 1, maxLength: 3 }),
    user: text,
    password: text,
    authSource: text,
    tls: fc.boolean().map((enabled) => ({ enabled })),
  }),
  MYSQL: someOf({ host: text, port: fc.integer(), user: text, password: text, tls: term("MYSQL", "database.ssl.mode", TLS_MODES).map((mode) => ({ mode })) }),
};

/** Keys a kept key must not use: the catalogue's IR fields, and the HDFS properties present. */
function reservedKeys(type: LinkType, fields: Record<string, unknown>): Set<string> {
  const keys = new Set(KEYS[type].filter((e) => e.path !== undefined).map((e) => e.key));
  for (const key of Object.keys((fields.properties as object | undefined) ?? {})) keys.add(key);
  return keys;
}

/** Catalogue keys the IR does not model: kept as written whichever clause they are in. */
const unmodelledKeys = (type: LinkType) => KEYS[type].filter((e) => e.path === undefined).map((e) => e.key);

const keptKeys = (type: LinkType, reserved: Set<string>) => {
  const unmodelled = unmodelledKeys(type);
  const key = unmodelled.length > 0 ? fc.oneof(text, fc.constantFrom(...unmodelled)) : text;
  return fc.array(fc.record({ key: key.filter((k) => !reserved.has(k)), value: jsonValue }), { minLength: 1, maxLength: 3 });
};

const OTHER_CLAUSE: Record<Clause, Clause> = { CONFIG: "CREDENTIALS", CREDENTIALS: "CONFIG" };

interface Kept {
  key: string;
  value: JsonValue;
}

/**
 * Gives a link the layout SingleStore text would: each catalogue key in its
 * catalogue clause or (`misplace`) in the other one, keys in `order` within
 * each clause. Kept keys are listed in the order the layout gives them, as
 * reading the text would list them.
 */
function withLayout(type: LinkType, connection: Record<string, unknown>, misplace: boolean[], order: number[]): void {
  const placed: { clause: Clause; key: string; kept?: Kept }[] = [];
  for (const entry of KEYS[type]) {
    if (entry.path === undefined || getPath(connection, entry.path) === undefined) continue;
    placed.push({ clause: misplace[placed.length % misplace.length] ? OTHER_CLAUSE[entry.clause] : entry.clause, key: entry.key });
  }
  const open = OPEN_CONFIG_FIELD[type];
  for (const key of Object.keys((open !== undefined ? (connection[open] as object | undefined) : undefined) ?? {})) placed.push({ clause: "CONFIG", key });
  const extras = ((connection.extras ??= {}) as { singlestore?: { config?: Kept[]; credentials?: Kept[]; layout?: SingleStoreLayout } });
  const singlestore = (extras.singlestore ??= {});
  for (const kept of singlestore.config ?? []) placed.push({ clause: "CONFIG", key: kept.key, kept });
  for (const kept of singlestore.credentials ?? []) placed.push({ clause: "CREDENTIALS", key: kept.key, kept });
  const ranked = placed.map((p, i) => ({ p, rank: order[i % order.length]! * placed.length + i })).sort((a, b) => a.rank - b.rank);
  const layout: SingleStoreLayout = {};
  const kept: { config: Kept[]; credentials: Kept[] } = { config: [], credentials: [] };
  for (const { p } of ranked) {
    const list = p.clause === "CONFIG" ? "config" : "credentials";
    (layout[list] ??= []).push({ key: p.key });
    if (p.kept !== undefined) kept[list].push(p.kept);
  }
  for (const list of ["config", "credentials"] as const) if (kept[list].length > 0) singlestore[list] = kept[list];
  singlestore.layout = layout;
}

export const connectionsByType: Record<LinkType, fc.Arbitrary<Connection>> = Object.fromEntries(
  LINK_TYPES.map((type) => [
    type,
    fieldsByType[type].chain((fields) => {
      const reserved = reservedKeys(type, fields);
      return fc
        .record({
          kept: fc.record(
            {
              // HDFS keeps unknown CONFIG keys as properties, never as kept keys.
              config: type === "HDFS" ? fc.constant(undefined) : keptKeys(type, reserved),
              credentials: keptKeys(type, reserved),
            },
            { requiredKeys: [] },
          ),
          layout: fc.option(
            fc.record({ misplace: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), order: fc.array(fc.nat(4), { minLength: 1, maxLength: 8 }) }),
            { nil: undefined },
          ),
        })
        .map(({ kept, layout }) => {
          const singlestore: Record<string, unknown> = Object.fromEntries(Object.entries(kept).filter(([, v]) => v !== undefined));
          const connection: Record<string, unknown> = { kind: KIND_OF_TYPE[type], ...fields };
          if (Object.keys(singlestore).length > 0) connection.extras = { singlestore };
          if (layout !== undefined) withLayout(type, connection, layout.misplace, layout.order);
          return connection as unknown as Connection;
        });
    }),
  ]),
) as Record<LinkType, fc.Arbitrary<Connection>>;

// ---- Statements ----------------------------------------------------------------------

const flag = fc.option(fc.constant(true as const), { nil: undefined, freq: 2 });

const createLink: fc.Arbitrary<Statement> = fc
  .constantFrom(...LINK_TYPES)
  .chain((type) => fc.record({ name: linkName, orReplace: flag, ifNotExists: flag, description: fc.option(text, { nil: undefined }), connection: connectionsByType[type] }))
  .map(({ name, orReplace, ifNotExists, description, connection }) => ({
    kind: "create_connection" as const,
    name,
    ...(orReplace ? { orReplace } : {}),
    ...(ifNotExists ? { ifNotExists } : {}),
    ...(description !== undefined ? { description } : {}),
    connection,
  }));

const clause = fc.constantFrom("CONFIG", "CREDENTIALS");

const setChange: fc.Arbitrary<ConnectionChange> = fc.oneof(
  fc.record({
    kind: fc.constant("set" as const),
    option: clause,
    value: fc.array(fc.record({ key: text, value: jsonAsValue }), { maxLength: 3 }).map((entries) => ({ kind: "map" as const, entries })),
  }),
  fc.record({
    kind: fc.constant("set" as const),
    option: fc.tuple(clause, nonEmptyText).map(([c, key]) => `${c}::${key}`),
    value: text.map((value) => ({ kind: "string" as const, value })),
  }),
);

const alterLink: fc.Arbitrary<Statement> = fc
  .record({ name: linkName, changes: fc.array(setChange, { minLength: 1, maxLength: 2 }) })
  .map(({ name, changes }) => ({ kind: "alter_connection" as const, name, action: { kind: "change" as const, changes } }));

const dropLink: fc.Arbitrary<Statement> = linkName.map((name) => ({ kind: "drop" as const, objectType: "connection" as const, names: [name] }));

const showLinks: fc.Arbitrary<Statement> = fc
  .option(identifier, { nil: undefined })
  .map((db) => ({ kind: "show" as const, objectType: "connections" as const, ...(db ? { from: { parts: [db] } } : {}) }));

const showCreateLink: fc.Arbitrary<Statement> = linkName.map((name) => ({ kind: "show_create_connection" as const, name }));

const otherStatement: fc.Arbitrary<Statement> = fc
  .constantFrom("SELECT * FROM t1 INTO LINK demouser_S3 'testing/output'", "CREATE PIPELINE p AS LOAD DATA LINK l 'b:9092/t' INTO TABLE t", "BACKUP DATABASE db TO LINK l 'p'")
  .map((text) => ({ kind: "verbatim" as const, dialect: "singlestore" as const, text }));

export const statementsByKind = {
  create_connection: createLink,
  alter_connection: alterLink,
  drop: dropLink,
  show: showLinks,
  show_create_connection: showCreateLink,
  verbatim: otherStatement,
} as const;

export const STATEMENT_KINDS = Object.keys(statementsByKind) as (keyof typeof statementsByKind)[];

export const statement: fc.Arbitrary<Statement> = fc.oneof(
  { weight: 6, arbitrary: createLink },
  { weight: 2, arbitrary: alterLink },
  { weight: 1, arbitrary: dropLink },
  { weight: 1, arbitrary: showLinks },
  { weight: 1, arbitrary: showCreateLink },
  { weight: 1, arbitrary: otherStatement },
);

export const program: fc.Arbitrary<Program> = programOf(statement);

// ---- Comments ---------------------------------------------------------------------------

/** Block comment text that ends where it should and is neither an executable `/*!` comment nor a `/*+` hint. */
const blockCommentText = text.filter((t) => !t.includes("*/") && !t.startsWith("!") && !t.startsWith("+"));

const comment: fc.Arbitrary<Comment> = commentOf(lineCommentText(text), blockCommentText);

export const commentedProgram: fc.Arbitrary<Program> = commentedProgramOf(statement, comment, {
  statements: { minLength: 1, maxLength: 3 },
  commentsPerStatement: 2,
  someComment: false,
});
