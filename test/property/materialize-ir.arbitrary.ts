// fast-check arbitraries of IR programs that Materialize can express: every
// statement kind the Materialize dialect parses, every connection type with
// the fields the catalogue (src/dialects/materialize/catalog.ts, FIELDS) maps,
// and ALTER CONNECTION changes spelt with Materialize option names.
//
// What is generated, and why some IR shapes are left out:
// * No `span` anywhere and no `extras.materialize.layout`: generated IR has no
//   source, so the emitter uses the catalogue's option order and prints text
//   fields as string literals.
// * Identifiers: `quoted: false` only for lower-case ASCII identifiers
//   (`[a-z_][a-z0-9_]*`) that the printer does not have to quote (spec §6.1),
//   because Materialize folds unquoted identifiers to lower case; `quoted:
//   true` for anything else a quoted identifier can hold (non-empty, no NUL,
//   at most 255 UTF-8 bytes, not "." or ".."), including values that would
//   also be valid bare.
// * Strings: arbitrary Unicode (any code point, lone surrogates included)
//   with extra weight on quotes, newlines, backslashes, dollar quotes,
//   comment delimiters and non-BMP characters. Nothing is excluded from
//   string values except where Materialize's grammar itself has no way to
//   say it: a MATCHING broker pattern may hold `*` only at its ends, and a
//   hex literal holds hex digits.
// * Structure Materialize has no syntax for is not generated: a connection
//   with no option at all, empty `tls`/`sasl`/`auth` objects, an empty broker
//   list, `false` for the flags (`ifNotExists`, `cascade`, ...: the syntax can
//   only say "present"), an AVAILABILITY ZONE on a top-level AWS PRIVATELINK
//   tunnel, `notLike` on SHOW, multi-part names after RENAME TO, and the
//   `[id AS name]` catalog-id form where the grammar wants a plain item name.
// * Enumerated fields (security protocol, SASL mechanism, SSL mode) hold an
//   IR concept — Materialize can spell it or not — or text the option's
//   vocabulary does not read: other text is another spelling of a concept,
//   which reads back as the concept. An AWS endpoint is never empty: `ENDPOINT
//   ''` means "no endpoint".
import fc from "fast-check";
import type {
  Comment,
  Connection,
  ConnectionChange,
  Identifier,
  KafkaBroker,
  KafkaBrokerRule,
  ObjectName,
  Program,
  SecretRef,
  Statement,
  TextOrSecret,
  Tunnel,
  StatementOf,
  Value,
} from "../../src/ir/schema.js";
import { SASL_MECHANISMS, SECURITY_PROTOCOLS, TLS_MODES } from "../../src/ir/schema.js";
import { FIELDS, OPTION_ORDER, QUOTED_KEYWORDS, vocabularyOf, type MzConnectionType, type MzOptionName } from "../../src/dialects/materialize/catalog.js";
import { conceptOf } from "../../src/dialects/shared/vocabulary.js";
import { commentedProgramOf, commentOf, lineCommentText, programOf } from "./program.arbitrary.js";

// ---- Text -------------------------------------------------------------------

const SPECIAL_FRAGMENTS = [
  "'", "''", '"', '""', "\\", "\\n", "\n", "\r", "\r\n", "\t", " ", "  ",
  "$$", "$a$", "$", "$1", "*/", "/*", "--", ";", "E'", "X'", "=>", "(", ")", ",", ".",
  "\0", "\u2028", "\uFEFF", "\u00a0", "é", "İ", "ß", "Σ", "😀", "𝔸", "\u{10FFFF}",
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

/** One unit of arbitrary text: a code point, a lone surrogate or a troublesome fragment. */
const textUnit: fc.Arbitrary<string> = fc.oneof(
  { weight: 12, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
  { weight: 6, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }) },
  { weight: 8, arbitrary: fc.constantFrom(...SPECIAL_FRAGMENTS) },
  { weight: 1, arbitrary: loneSurrogate },
);

/** Arbitrary text for option values, secret values, comments on objects and the like. */
export const text: fc.Arbitrary<string> = fc
  .array(textUnit, { maxLength: 8 })
  .map((units) => units.join(""));

// ---- Identifiers and names --------------------------------------------------------

const KEYWORDISH = [
  "kafka", "secret", "secrets", "connection", "to", "as", "is", "and", "or", "like", "interval", "map",
  "broker", "brokers", "matching", "version", "host", "port", "user", "username", "ssh", "tunnel",
  "aws", "privatelink", "validate", "drop", "reset", "rotate", "keys", "owner", "rename", "comment",
  "exists", "if", "cascade", "restrict", "redacted", "show", "create", "alter", "e", "x", "u1",
  // keywords the printer must quote (§6.1); only ever generated with quoted: true
  "with", "select", "from", "where", "set", "using", "not", "null", "true", "false", "on", "cast", "year",
];

const utf8 = new TextEncoder();

function isBareSafe(value: string): boolean {
  return /^[a-z_][a-z0-9_]*$/.test(value) && !QUOTED_KEYWORDS.has(value.toUpperCase());
}

/** A lower-case identifier that prints bare and re-lexes to itself. */
export const bareIdentifier: fc.Arbitrary<Identifier> = fc
  .oneof(fc.stringMatching(/^[a-z_][a-z0-9_]{0,10}$/), fc.constantFrom(...KEYWORDISH))
  .filter(isBareSafe)
  .map((value) => ({ value, quoted: false }));

function isQuotable(value: string): boolean {
  return value.length > 0 && !value.includes("\0") && value !== "." && value !== ".." && utf8.encode(value).length <= 255;
}

const identifierText: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.array(textUnit, { minLength: 1, maxLength: 6 }).map((u) => u.join("")) },
  { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_$]{0,8}$/) },
  { weight: 1, arbitrary: fc.constantFrom(...KEYWORDISH, "Kafka", "SECRET", "a b", "a.b", "...", '"', "-", "1a", "$1") },
  { weight: 1, arbitrary: fc.constantFrom("x".repeat(255), "é".repeat(127), "😀".repeat(63), "a".repeat(253) + "é") },
);

/** A quoted identifier: anything a delimited identifier may hold. */
export const quotedIdentifier: fc.Arbitrary<Identifier> = identifierText
  .filter(isQuotable)
  .map((value) => ({ value, quoted: true }));

export const identifier: fc.Arbitrary<Identifier> = fc.oneof(
  { weight: 3, arbitrary: bareIdentifier },
  { weight: 2, arbitrary: quotedIdentifier },
);

/** A plain item name (`ident { . ident }`), 1 to 3 parts as the planner allows. */
export const itemName: fc.Arbitrary<ObjectName> = fc
  .array(identifier, { minLength: 1, maxLength: 3 })
  .map((parts) => ({ parts }));

/** A one-part name (RENAME TO takes a single identifier). */
export const simpleName: fc.Arbitrary<ObjectName> = identifier.map((id) => ({ parts: [id] }));

/** The `[u1 AS db.schema.name VERSION n]` form: a bare catalog id and at least two parts. */
const catalogIdName: fc.Arbitrary<ObjectName> = fc
  .record(
    {
      catalogId: fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,5}$/),
      parts: fc.array(identifier, { minLength: 2, maxLength: 3 }),
      version: fc.stringMatching(/^[0-9]{1,3}(\.[0-9]{1,2})?$/),
    },
    { requiredKeys: ["catalogId", "parts"] },
  )
  .map(({ catalogId, parts, version }) => ({ parts, catalogId, ...(version !== undefined ? { version } : {}) }));

/** A name where the grammar takes `raw_name`: references, SHOW CREATE, VALIDATE. */
export const rawName: fc.Arbitrary<ObjectName> = fc.oneof(
  { weight: 4, arbitrary: itemName },
  { weight: 1, arbitrary: catalogIdName },
);

// ---- Shared pieces ------------------------------------------------------------------

export const secretRef: fc.Arbitrary<SecretRef> = rawName.map((secret) => ({ secret }));
export const textOrSecret: fc.Arbitrary<TextOrSecret> = fc.oneof(text, secretRef);
const port = fc.integer({ min: 0, max: 65535 });
const int32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });

/** Records with optional keys, at least one of them present. */
function someOf<T extends Record<string, unknown>>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<Partial<T>> {
  return fc
    .record(model, { requiredKeys: [] })
    .filter((r) => Object.keys(r).length > 0) as unknown as fc.Arbitrary<Partial<T>>;
}

const sshTunnel: fc.Arbitrary<Tunnel> = rawName.map((connection) => ({ kind: "ssh" as const, connection }));

/** Top-level `AWS PRIVATELINK = name [(PORT n)]`: no availability zone at this position. */
const privatelinkTunnel: fc.Arbitrary<Tunnel> = fc
  .record({ connection: rawName, port }, { requiredKeys: ["connection"] })
  .map((t) => ({ kind: "privatelink" as const, ...t }));

/** Broker-level PrivateLink: `USING AWS PRIVATELINK name [(AVAILABILITY ZONE = 'z', PORT = n)]`. */
const brokerPrivatelinkTunnel: fc.Arbitrary<Tunnel> = fc
  .record({ connection: rawName, availabilityZone: text, port }, { requiredKeys: ["connection"] })
  .map((t) => ({ kind: "privatelink" as const, ...t }));

const connectionTunnel = fc.oneof(sshTunnel, privatelinkTunnel);

export const kafkaBroker: fc.Arbitrary<KafkaBroker> = fc.record(
  { address: text, tunnel: fc.oneof(sshTunnel, brokerPrivatelinkTunnel) },
  { requiredKeys: ["address"] },
);

/** `*` may appear in a pattern only as one leading and/or one trailing wildcard. */
const brokerPattern = fc
  .tuple(fc.boolean(), text, fc.boolean())
  .map(([lead, body, trail]) => `${lead ? "*" : ""}${body.replace(/\*/g, "")}${trail ? "*" : ""}`);

export const kafkaBrokerRule: fc.Arbitrary<KafkaBrokerRule> = fc.record({
  pattern: brokerPattern,
  tunnel: brokerPrivatelinkTunnel,
});

const tlsCerts = { ca: textOrSecret, certificate: textOrSecret, key: textOrSecret };
/** A value of an enumerated option: any IR concept, or text the option's vocabulary does not read. */
function term(type: MzConnectionType, option: MzOptionName, concepts: readonly string[]): fc.Arbitrary<string> {
  const vocabulary = vocabularyOf(type, option)!;
  return fc.oneof(fc.constantFrom(...concepts), text.filter((t) => conceptOf(vocabulary, t) === undefined));
}

// ---- Connections, per type ---------------------------------------------------------

const databaseFields = (type: MzConnectionType) => ({
  host: text,
  port,
  user: textOrSecret,
  password: textOrSecret,
  tls: someOf({ mode: term(type, "SSL MODE", TLS_MODES), ...tlsCerts }),
  tunnel: connectionTunnel,
});

export const connectionsByType: Record<MzConnectionType, fc.Arbitrary<Connection>> = {
  KAFKA: someOf({
    brokers: fc.array(kafkaBroker, { minLength: 1, maxLength: 3 }),
    brokerRules: fc.array(kafkaBrokerRule, { minLength: 1, maxLength: 2 }),
    tunnel: connectionTunnel,
    securityProtocol: term("KAFKA", "SECURITY PROTOCOL", SECURITY_PROTOCOLS),
    sasl: someOf({ mechanism: term("KAFKA", "SASL MECHANISMS", SASL_MECHANISMS), username: textOrSecret, password: textOrSecret }),
    tls: someOf(tlsCerts),
    awsConnection: rawName,
    progressTopic: text,
    progressTopicReplicationFactor: int32,
  }).map((f) => ({ kind: "kafka" as const, ...f })),
  "CONFLUENT SCHEMA REGISTRY": someOf({
    url: text,
    username: textOrSecret,
    password: textOrSecret,
    port,
    tls: someOf(tlsCerts),
    tunnel: connectionTunnel,
  }).map((f) => ({ kind: "schema_registry" as const, ...f })),
  POSTGRES: someOf({ ...databaseFields("POSTGRES"), database: text }).map((f) => ({ kind: "postgres" as const, ...f })),
  MYSQL: someOf({ ...databaseFields("MYSQL"), awsConnection: rawName }).map((f) => ({ kind: "mysql" as const, ...f })),
  "SQL SERVER": someOf({ ...databaseFields("SQL SERVER"), database: text }).map((f) => ({ kind: "sql_server" as const, ...f })),
  AWS: someOf({
    auth: fc.oneof(
      someOf({ accessKeyId: textOrSecret, secretAccessKey: textOrSecret, sessionToken: textOrSecret }).map((a) => ({
        method: "access_key" as const,
        ...a,
      })),
      someOf({ roleArn: text, sessionName: text }).map((a) => ({ method: "assume_role" as const, ...a })),
    ),
    endpoint: text.filter((t) => t !== ""),
    region: text,
  }).map((f) => ({ kind: "aws" as const, ...f })),
  "AWS PRIVATELINK": someOf({
    serviceName: text,
    availabilityZones: fc.array(text, { maxLength: 3 }),
    port,
  }).map((f) => ({ kind: "aws_privatelink" as const, ...f })),
  "SSH TUNNEL": someOf({ host: text, port, user: text, publicKey1: text, publicKey2: text }).map((f) => ({
    kind: "ssh_tunnel" as const,
    ...f,
  })),
  "ICEBERG CATALOG": someOf({
    catalogType: text,
    url: text,
    warehouse: text,
    awsConnection: rawName,
    credential: textOrSecret,
    scope: text,
  }).map((f) => ({ kind: "iceberg_catalog" as const, ...f })),
};

export const CONNECTION_TYPE_LIST = Object.keys(connectionsByType) as MzConnectionType[];

// ---- Option values ---------------------------------------------------------------------

/** Numeric literal text in the form the lowering keeps: optional `-`, exponent as `E`. */
const numberText = fc
  .tuple(
    fc.boolean(),
    fc.oneof(
      fc.stringMatching(/^[0-9]{1,6}$/),
      fc.stringMatching(/^[0-9]{1,3}\.[0-9]{0,3}$/),
      fc.stringMatching(/^\.[0-9]{1,3}$/),
    ),
    fc.option(fc.stringMatching(/^E[+-]?[0-9]{1,3}$/), { nil: undefined }),
  )
  .map(([neg, digits, exp]) => `${neg ? "-" : ""}${digits}${exp ?? ""}`);

/** Values that may appear anywhere an option value may (no tunnels or brokers). */
export const genericValue: fc.Arbitrary<Value> = fc.letrec<{ value: Value }>((tie) => ({
  value: fc.oneof(
    { maxDepth: 2, depthIdentifier: "value" },
    fc.record({ kind: fc.constant("string" as const), value: text }),
    fc.record({ kind: fc.constant("number" as const), value: numberText }),
    fc.record({ kind: fc.constant("boolean" as const), value: fc.boolean() }),
    fc.constant({ kind: "null" as const }),
    fc.record({ kind: fc.constant("hex" as const), value: fc.stringMatching(/^[0-9a-fA-F]{0,8}$/) }),
    fc.record({ kind: fc.constant("interval" as const), value: text }),
    fc.record({ kind: fc.constant("identifier" as const), name: rawName }),
    fc.record({ kind: fc.constant("secret" as const), name: rawName }),
    fc.record({ kind: fc.constant("list" as const), items: fc.array(tie("value"), { maxLength: 3 }) }),
    fc.record({
      kind: fc.constant("map" as const),
      entries: fc.array(fc.record({ key: text, value: tie("value") }), { maxLength: 3 }),
    }),
  ),
})).value;

/** Option names that take a plain value (`value_option_name`, USERNAME excepted: it reads as USER). */
export const VALUE_OPTIONS = OPTION_ORDER.filter(
  (o) => !["AWS CONNECTION", "SSH TUNNEL", "AWS PRIVATELINK", "BROKER", "BROKERS"].includes(o),
);
/** Every option name ALTER CONNECTION ... DROP (...) accepts. */
export const ALL_OPTIONS: readonly string[] = OPTION_ORDER;

const brokerListItem: fc.Arbitrary<Value> = fc.oneof(
  { weight: 3, arbitrary: kafkaBroker.map((broker) => ({ kind: "kafka_broker" as const, broker })) },
  { weight: 1, arbitrary: kafkaBrokerRule.map((rule) => ({ kind: "kafka_broker_rule" as const, rule })) },
);

/** `SET (<option> [= value])` with a value of the shape the option's syntax has. */
const setChange: fc.Arbitrary<ConnectionChange> = fc.oneof(
  fc
    .record({ option: fc.constantFrom(...VALUE_OPTIONS), value: genericValue }, { requiredKeys: ["option"] })
    .map((c) => ({ kind: "set" as const, ...c })),
  fc.record({
    kind: fc.constant("set" as const),
    option: fc.constantFrom("AWS CONNECTION", "SSH TUNNEL"),
    value: rawName.map((name) => ({ kind: "identifier" as const, name })),
  }),
  fc.record({
    kind: fc.constant("set" as const),
    option: fc.constant("AWS PRIVATELINK"),
    value: privatelinkTunnel.map((tunnel) => ({ kind: "tunnel" as const, tunnel })),
  }),
  fc.record({
    kind: fc.constant("set" as const),
    option: fc.constant("BROKER"),
    value: kafkaBroker.map((broker) => ({ kind: "kafka_broker" as const, broker })),
  }),
  fc.record({
    kind: fc.constant("set" as const),
    option: fc.constant("BROKERS"),
    value: fc.array(brokerListItem, { minLength: 1, maxLength: 3 }).map((items) => ({ kind: "list" as const, items })),
  }),
);

export const connectionChange: fc.Arbitrary<ConnectionChange> = fc.oneof(
  { weight: 4, arbitrary: setChange },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("reset" as const), option: fc.constantFrom(...ALL_OPTIONS) }) },
  { weight: 1, arbitrary: fc.constant({ kind: "rotate_keys" as const }) },
);

/** `WITH (VALIDATE [= value], ...)`, kept in `extras.materialize.with`. */
const withOptions = fc.array(
  fc.record({ option: fc.constant("VALIDATE"), value: genericValue }, { requiredKeys: ["option"] }),
  { minLength: 1, maxLength: 2 },
);

/**
 * Options kept verbatim in `extras.materialize.options`: names the type does
 * not accept (with any value or none), and accepted names written without a
 * value. Neither is ever placed into a field, so they print back verbatim.
 */
function verbatimOptions(type: MzConnectionType) {
  const accepted = FIELDS[type] as Record<string, string | undefined>;
  const foreign = VALUE_OPTIONS.filter((o) => accepted[o] === undefined);
  const own = VALUE_OPTIONS.filter((o) => accepted[o] !== undefined);
  return fc.array(
    fc.oneof(
      fc.record({ option: fc.constantFrom(...foreign), value: genericValue }, { requiredKeys: ["option"] }),
      fc.record({ option: fc.constantFrom(...own) }),
    ),
    { minLength: 1, maxLength: 2 },
  );
}

const flag = fc.option(fc.constant(true as const), { nil: undefined, freq: 2 });

function withFlags<T extends object, K extends string>(base: T, flags: Record<K, true | undefined>): T & Partial<Record<K, true>> {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(flags)) if (v) out[k] = true;
  return out as T & Partial<Record<K, true>>;
}

// ---- Statements ---------------------------------------------------------------------------

const createConnection: fc.Arbitrary<Statement> = fc
  .constantFrom(...CONNECTION_TYPE_LIST)
  .chain((type) =>
    fc.record(
      {
        name: itemName,
        ifNotExists: flag,
        connection: connectionsByType[type],
        verbatim: fc.option(verbatimOptions(type), { nil: undefined, freq: 5 }),
        with: fc.option(withOptions, { nil: undefined, freq: 5 }),
      },
    ),
  )
  .map(({ name, ifNotExists, connection, verbatim, with: w }) => {
    const conn = verbatim ? ({ ...connection, extras: { materialize: { options: verbatim } } } as Connection) : connection;
    return {
      ...withFlags({ kind: "create_connection" as const, name }, { ifNotExists }),
      connection: conn,
      ...(w ? { extras: { materialize: { with: w } } } : {}),
    } as Statement;
  });

const alterConnection: fc.Arbitrary<Statement> = fc
  .record({
    name: itemName,
    ifExists: flag,
    action: fc.oneof(
      simpleName.map((newName) => ({ kind: "rename" as const, newName })),
      identifier.map((owner) => ({ kind: "owner" as const, owner })),
      fc.array(connectionChange, { minLength: 1, maxLength: 3 }).map((changes) => ({ kind: "change" as const, changes })),
    ),
    with: fc.option(withOptions, { nil: undefined, freq: 5 }),
  })
  .map(({ name, ifExists, action, with: w }) => {
    const statement: StatementOf<"alter_connection"> = withFlags({ kind: "alter_connection" as const, name, action }, { ifExists });
    if (w && action.kind === "change") statement.extras = { materialize: { with: w } };
    return statement;
  });

const drop: fc.Arbitrary<Statement> = fc
  .record({
    objectType: fc.constantFrom("connection" as const, "secret" as const),
    names: fc.array(itemName, { minLength: 1, maxLength: 3 }),
    ifExists: flag,
    cascade: flag,
  })
  .map(({ objectType, names, ifExists, cascade }) => withFlags({ kind: "drop" as const, objectType, names }, { ifExists, cascade }));

const secretText = text.map((value) => ({ kind: "text" as const, value }));

const createSecret: fc.Arbitrary<Statement> = fc
  .record({ name: itemName, ifNotExists: flag, value: secretText })
  .map(({ name, ifNotExists, value }) => withFlags({ kind: "create_secret" as const, name, value }, { ifNotExists }));

const alterSecret: fc.Arbitrary<Statement> = fc
  .record({
    name: itemName,
    ifExists: flag,
    action: fc.oneof(
      secretText.map((value) => ({ kind: "set_value" as const, value })),
      simpleName.map((newName) => ({ kind: "rename" as const, newName })),
      identifier.map((owner) => ({ kind: "owner" as const, owner })),
    ),
  })
  .map(({ name, ifExists, action }) => withFlags({ kind: "alter_secret" as const, name, action }, { ifExists }));

// SHOW ... WHERE <expr>: the IR keeps the expression as canonical Materialize
// text, so the generator builds small expressions and prints them the way the
// dialect does (single spaces, upper-case keywords, `<>` for inequality).

function printIdentifier(id: Identifier): string {
  return isBareSafe(id.value) ? id.value : `"${id.value.replace(/"/g, '""')}"`;
}
function printName(name: ObjectName): string {
  return name.parts.map(printIdentifier).join(".");
}
function quote(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

const column = fc.array(identifier, { minLength: 1, maxLength: 2 }).map((parts) => printName({ parts }));
const literalSql = fc.oneof(
  text.map(quote),
  fc.stringMatching(/^[0-9]{1,4}$/),
  fc.constantFrom("true", "false", "NULL"),
);
const whereSql: fc.Arbitrary<string> = fc.letrec<{ expr: string; atom: string }>((tie) => ({
  atom: fc.oneof(
    { maxDepth: 2, depthIdentifier: "where" },
    fc.tuple(column, fc.constantFrom("=", "<>", "<", ">", "<=", ">="), literalSql).map(([c, op, l]) => `${c} ${op} ${l}`),
    fc.tuple(column, fc.boolean(), text).map(([c, not, p]) => `${c} ${not ? "NOT " : ""}LIKE ${quote(p)}`),
    fc.tuple(column, fc.boolean()).map(([c, not]) => `${c} IS ${not ? "NOT " : ""}NULL`),
    tie("expr").map((e) => `(${e})`),
  ),
  expr: fc.oneof(
    { maxDepth: 2, depthIdentifier: "where" },
    tie("atom"),
    fc.tuple(tie("atom"), fc.constantFrom("AND", "OR"), tie("atom")).map(([a, op, b]) => `${a} ${op} ${b}`),
    tie("atom").map((a) => `NOT ${a}`),
  ),
})).expr;

const show: fc.Arbitrary<Statement> = fc
  .record(
    {
      objectType: fc.constantFrom("connections" as const, "secrets" as const),
      from: itemName,
      filter: fc.oneof(
        text.map((like) => ({ like })),
        whereSql.map((sql) => ({ where: { dialect: "materialize" as const, sql } })),
      ),
    },
    { requiredKeys: ["objectType"] },
  )
  .map(({ objectType, from, filter }) => ({
    kind: "show" as const,
    objectType,
    ...(from ? { from } : {}),
    ...(filter ?? {}),
  }));

const showCreateConnection: fc.Arbitrary<Statement> = fc
  .record({ name: rawName, redacted: flag })
  .map(({ name, redacted }) => withFlags({ kind: "show_create_connection" as const, name }, { redacted }));

const validateConnection: fc.Arbitrary<Statement> = rawName.map((name) => ({ kind: "validate_connection" as const, name }));

const commentOn: fc.Arbitrary<Statement> = fc.record({
  kind: fc.constant("comment_on" as const),
  objectType: fc.constantFrom("connection" as const, "secret" as const),
  name: itemName,
  comment: fc.oneof({ weight: 4, arbitrary: text }, { weight: 1, arbitrary: fc.constant(null) }),
});

export const MATERIALIZE_STATEMENT_KINDS = [
  "create_connection",
  "alter_connection",
  "drop",
  "create_secret",
  "alter_secret",
  "show",
  "show_create_connection",
  "validate_connection",
  "comment_on",
] as const;

export const statementsByKind: Record<(typeof MATERIALIZE_STATEMENT_KINDS)[number], fc.Arbitrary<Statement>> = {
  create_connection: createConnection,
  alter_connection: alterConnection,
  drop,
  create_secret: createSecret,
  alter_secret: alterSecret,
  show,
  show_create_connection: showCreateConnection,
  validate_connection: validateConnection,
  comment_on: commentOn,
};

export const statement: fc.Arbitrary<Statement> = fc.oneof(
  { weight: 6, arbitrary: createConnection },
  { weight: 3, arbitrary: alterConnection },
  { weight: 1, arbitrary: drop },
  { weight: 1, arbitrary: createSecret },
  { weight: 1, arbitrary: alterSecret },
  { weight: 1, arbitrary: show },
  { weight: 1, arbitrary: showCreateConnection },
  { weight: 1, arbitrary: validateConnection },
  { weight: 1, arbitrary: commentOn },
);

/** A program of a few statements, no comments. */
export const program: fc.Arbitrary<Program> = programOf(statement);

// ---- Comments ----------------------------------------------------------------------------

/** Whether `/*text*\/` lexes as exactly one (nesting) block comment. */
export function isWellFormedBlockComment(body: string): boolean {
  const s = `/*${body}*/`;
  let depth = 1;
  let i = 2;
  while (depth > 0) {
    if (i >= s.length) return false;
    if (s[i] === "/" && s[i + 1] === "*") {
      depth++;
      i += 2;
    } else if (s[i] === "*" && s[i + 1] === "/") {
      depth--;
      i += 2;
    } else {
      i++;
    }
  }
  return i === s.length;
}

/** Block comment text: arbitrary text and nested comments, balanced. */
const blockCommentText: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: text },
      { weight: 1, arbitrary: text.map((t) => `/*${t}*/`) },
      { weight: 1, arbitrary: fc.constantFrom("*", "/", "**", "//", "/**/", "/* /* */ */", "* /", "/ *") },
    ),
    { maxLength: 3 },
  )
  .map((parts) => parts.join(""))
  .filter(isWellFormedBlockComment);

export const comment: fc.Arbitrary<Comment> = commentOf(lineCommentText(text), blockCommentText);

/** A program whose statements carry leading comments, possibly with trailing comments too. */
export const commentedProgram: fc.Arbitrary<Program> = commentedProgramOf(statement, comment, {
  statements: { minLength: 0, maxLength: 3 },
  commentsPerStatement: 3,
  someComment: true,
});
