// SingleStore link types and their CONFIG / CREDENTIALS keys as data
// (spec/singlestore.md §4). Lowering, the checker and the emitter all read
// these tables: which IR field a key fills, which clause it belongs in,
// whether its value is secret, and how its value is typed.
import type { SaidElsewhere } from "../../ir/meaning.js";
import type { ConnectionKind, SaslMechanism, SecurityProtocol, TlsMode } from "../../ir/schema.js";
import { vocabulary, type Vocabulary } from "../shared/vocabulary.js";

/** Link types as written after `AS`. */
export const LINK_TYPES = ["S3", "AZURE", "GCS", "HDFS", "HTTP", "KAFKA", "MONGODB", "MYSQL"] as const;
export type LinkType = (typeof LINK_TYPES)[number];

export const KIND_OF_TYPE: Record<LinkType, ConnectionKind> = {
  S3: "s3",
  AZURE: "azure_blob",
  GCS: "gcs",
  HDFS: "hdfs",
  HTTP: "http",
  KAFKA: "kafka",
  MONGODB: "mongodb",
  MYSQL: "mysql",
};

export function typeOfKind(kind: ConnectionKind): LinkType | undefined {
  return LINK_TYPES.find((t) => KIND_OF_TYPE[t] === kind);
}

export type Clause = "CONFIG" | "CREDENTIALS";

/**
 * How a key's JSON value is typed:
 * text — a JSON string; integer — a JSON number (or a string of digits);
 * boolean — true/false (or the strings "true"/"false");
 * commaList / spaceList — one JSON string holding a list (`"h1,h2"`, `"read write"`);
 * stringMap — a JSON object of strings (HTTP headers); json — any JSON value.
 */
export type KeyValueType = "text" | "integer" | "boolean" | "commaList" | "spaceList" | "stringMap" | "json";

export interface KeyEntry {
  key: string;
  clause: Clause;
  /** The value must never be shown: it goes in CREDENTIALS and diagnostics never print it. */
  secret: boolean;
  /**
   * IR field the key fills, dotted; a segment `auth@access_key` is an object
   * whose `method` is `access_key`. Keys without a path are known to
   * SingleStore but not modelled by the IR: they live in `extras.singlestore`.
   */
  path?: string;
  type: KeyValueType;
  /** A boolean or integer the documentation writes as a JSON string (`"true"`). */
  writtenAsString?: true;
  /** The spellings of a text value's concepts (enumerated values). */
  vocabulary?: Vocabulary;
  /** Who refuses a value outside the vocabulary (the checker warns), where the spec says one does. */
  refusedBy?: string;
}

interface KeyOptions {
  path?: string;
  type?: KeyValueType;
  secret?: true;
  writtenAsString?: true;
  vocabulary?: Vocabulary;
  refusedBy?: string;
}

function config(key: string, options: KeyOptions = {}): KeyEntry {
  return entry(key, "CONFIG", options);
}

function credentials(key: string, options: KeyOptions = {}): KeyEntry {
  return entry(key, "CREDENTIALS", options);
}

function entry(key: string, clause: Clause, options: KeyOptions): KeyEntry {
  const e: KeyEntry = { key, clause, secret: options.secret === true, type: options.type ?? "text" };
  if (options.path !== undefined) e.path = options.path;
  if (options.writtenAsString) e.writtenAsString = true;
  if (options.vocabulary !== undefined) e.vocabulary = options.vocabulary;
  if (options.refusedBy !== undefined) e.refusedBy = options.refusedBy;
  return e;
}

// ---- Vocabularies ---------------------------------------------------------------

/** librdkafka compares the mechanism exactly (`strcmp`): `scram-sha-256` is refused. */
const SASL_MECHANISM = vocabulary<SaslMechanism>("exact", {
  PLAIN: ["PLAIN"],
  "SCRAM-SHA-256": ["SCRAM-SHA-256"],
  "SCRAM-SHA-512": ["SCRAM-SHA-512"],
  GSSAPI: ["GSSAPI"],
  OAUTHBEARER: ["OAUTHBEARER"],
});

/** librdkafka's enumerated setting, compared in any case (the documentation writes it in lower case). */
const SECURITY_PROTOCOL = vocabulary<SecurityProtocol>("case-insensitive", {
  PLAINTEXT: ["PLAINTEXT"],
  SSL: ["SSL"],
  SASL_PLAINTEXT: ["SASL_PLAINTEXT"],
  SASL_SSL: ["SASL_SSL"],
});

/** The MySQL CDC link's Debezium-style `database.ssl.mode` (documented example: `required`). */
const MYSQL_SSL_MODE = vocabulary<TlsMode>("case-insensitive", {
  disable: ["disabled"],
  prefer: ["preferred"],
  require: ["required"],
  "verify-ca": ["verify_ca"],
  "verify-full": ["verify_identity"],
});

/** Pipeline options the CREATE LINK page points to for file-based sources. */
const FILE_SOURCE_OPTIONS = [config("suffixes", { type: "json" }), config("disable_gunzip", { type: "json" })];

/**
 * librdkafka settings SingleStore passes through (spec §4, KAFKA: "more
 * librdkafka options are accepted"). Listed so that they are not reported as
 * unknown; the IR does not model them.
 */
const LIBRDKAFKA_CONFIG = [
  "client.id", "client.rack", "client.dns.lookup", "debug", "message.max.bytes", "receive.message.max.bytes",
  "max.in.flight.requests.per.connection", "metadata.max.age.ms", "topic.metadata.refresh.interval.ms",
  "topic.metadata.refresh.fast.interval.ms", "topic.metadata.refresh.sparse", "socket.timeout.ms",
  "socket.send.buffer.bytes", "socket.receive.buffer.bytes", "socket.keepalive.enable", "socket.nagle.disable",
  "socket.max.fails", "socket.connection.setup.timeout.ms", "connections.max.idle.ms", "broker.address.ttl",
  "broker.address.family", "reconnect.backoff.ms", "reconnect.backoff.max.ms", "statistics.interval.ms",
  "api.version.request", "api.version.request.timeout.ms", "api.version.fallback.ms", "broker.version.fallback",
  "ssl.cipher.suites", "ssl.curves.list", "ssl.sigalgs.list", "ssl.ca.certificate.stores", "ssl.crl.location",
  "ssl.keystore.location", "ssl.providers", "ssl.engine.location", "ssl.engine.id",
  "enable.ssl.certificate.verification", "ssl.endpoint.identification.algorithm", "sasl.mechanisms",
  "sasl.kerberos.kinit.cmd", "sasl.kerberos.min.time.before.relogin", "sasl.oauthbearer.config",
  "sasl.oauthbearer.method", "sasl.oauthbearer.extensions", "enable.sasl.oauthbearer.unsecure.jwt",
  "group.id", "group.instance.id", "session.timeout.ms", "heartbeat.interval.ms", "max.poll.interval.ms",
  "fetch.wait.max.ms", "fetch.message.max.bytes", "max.partition.fetch.bytes", "fetch.max.bytes",
  "fetch.min.bytes", "fetch.error.backoff.ms", "queued.min.messages", "queued.max.messages.kbytes",
  "isolation.level", "check.crcs", "auto.offset.reset", "allow.auto.create.topics",
  "schema.registry.ssl.ca.location", "schema.registry.ssl.certificate.location", "schema.registry.ssl.key.location",
].map((key) => config(key, { type: "json" }));

/**
 * Per link type, every key SingleStore documents, in the order the emitter
 * writes keys when the IR carries no source order. Keys with a `path` are
 * the IR's; the others are kept in `extras.singlestore`.
 */
export const KEYS: Record<LinkType, readonly KeyEntry[]> = {
  S3: [
    config("region", { path: "region" }),
    config("endpoint_url", { path: "endpoint" }),
    config("x-amz-server-side-encryption", { path: "serverSideEncryption.algorithm" }),
    config("x-amz-server-side-encryption-aws-kms-key-id", { path: "serverSideEncryption.kmsKeyId" }),
    config("x-amz-server-side-encryption-customer-algorithm", { path: "serverSideEncryption.customerAlgorithm" }),
    // Documented in CONFIG although it is a secret (spec §4, §5): the checker warns.
    config("x-amz-server-side-encryption-customer-key", { path: "serverSideEncryption.customerKey", secret: true }),
    config("x-amz-server-side-encryption-customer-key-MD5", { path: "serverSideEncryption.customerKeyMd5" }),
    config("s3_force_path_style", { path: "forcePathStyle", type: "boolean", writtenAsString: true }),
    config("multipart_chunk_size_mb", { type: "json" }),
    config("request_payer", { type: "json" }),
    config("compatibility_mode", { type: "json" }),
    ...FILE_SOURCE_OPTIONS,
    credentials("aws_access_key_id", { path: "auth@access_key.accessKeyId" }),
    credentials("aws_secret_access_key", { path: "auth@access_key.secretAccessKey", secret: true }),
    credentials("aws_session_token", { path: "auth@access_key.sessionToken", secret: true }),
    credentials("role_arn", { path: "auth@assume_role.roleArn" }),
  ],
  AZURE: [
    ...FILE_SOURCE_OPTIONS,
    credentials("account_name", { path: "accountName" }),
    credentials("account_key", { path: "auth@account_key.accountKey", secret: true }),
  ],
  GCS: [
    ...FILE_SOURCE_OPTIONS,
    credentials("access_id", { path: "auth@hmac.accessId" }),
    credentials("secret_key", { path: "auth@hmac.secretKey", secret: true }),
  ],
  HDFS: [
    config("kerberos.user", { path: "kerberos.principal" }),
    config("kerberos.keytab", { path: "kerberos.keytab" }),
  ],
  HTTP: [credentials("headers", { path: "headers", type: "stringMap", secret: true })],
  KAFKA: [
    config("security.protocol", { path: "securityProtocol", vocabulary: SECURITY_PROTOCOL, refusedBy: "librdkafka" }),
    config("sasl.mechanism", { path: "sasl.mechanism", vocabulary: SASL_MECHANISM, refusedBy: "librdkafka" }),
    config("ssl.ca.location", { path: "tls.caFile" }),
    config("ssl.certificate.location", { path: "tls.certificateFile" }),
    config("ssl.key.location", { path: "tls.keyFile" }),
    // librdkafka's in-line PEM settings, for certificates given as text rather than files.
    config("ssl.ca.pem", { path: "tls.ca" }),
    config("ssl.certificate.pem", { path: "tls.certificate" }),
    config("sasl.kerberos.service.name", { path: "sasl.kerberos.serviceName" }),
    config("sasl.kerberos.principal", { path: "sasl.kerberos.principal" }),
    config("sasl.kerberos.keytab", { path: "sasl.kerberos.keytab" }),
    config("sasl.oauthbearer.client.id", { path: "sasl.oauth.clientId" }),
    config("sasl.oauthbearer.token.endpoint.url", { path: "sasl.oauth.tokenEndpoint" }),
    config("sasl.oauthbearer.scope", { path: "sasl.oauth.scopes", type: "spaceList" }),
    config("spoof.dns", { type: "json" }),
    config("operation.timeout.ms", { type: "json" }),
    config("sasl.kerberos.ccache", { type: "json" }),
    config("sasl.kerberos.cache", { type: "json" }),
    config("sasl.kerberos.disable.kinit", { type: "json" }),
    ...LIBRDKAFKA_CONFIG,
    credentials("sasl.username", { path: "sasl.username" }),
    credentials("sasl.password", { path: "sasl.password", secret: true }),
    credentials("ssl.key.password", { path: "tls.keyPassword", secret: true }),
    credentials("ssl.key.pem", { path: "tls.key", secret: true }),
    credentials("sasl.oauthbearer.client.secret", { path: "sasl.oauth.clientSecret", secret: true }),
    credentials("ssl.keystore.password", { type: "json", secret: true }),
    credentials("schema.registry.username", { type: "json" }),
    credentials("schema.registry.password", { type: "json", secret: true }),
    credentials("schema.registry.ssl.key.password", { type: "json", secret: true }),
  ],
  MONGODB: [
    config("mongodb.hosts", { path: "hosts", type: "commaList" }),
    config("mongodb.authsource", { path: "authSource" }),
    config("mongodb.ssl.enabled", { path: "tls.enabled", type: "boolean", writtenAsString: true }),
    config("collection.include.list", { type: "json" }),
    config("collection.exclude.list", { type: "json" }),
    config("database.include.list", { type: "json" }),
    config("database.exclude.list", { type: "json" }),
    config("mongodb.members.auto.discover", { type: "json" }),
    config("mongodb.ssl.invalid.hostname.allowed", { type: "json" }),
    credentials("mongodb.user", { path: "user" }),
    credentials("mongodb.password", { path: "password", secret: true }),
  ],
  MYSQL: [
    config("database.hostname", { path: "host" }),
    config("database.port", { path: "port", type: "integer" }),
    config("database.ssl.mode", { path: "tls.mode", vocabulary: MYSQL_SSL_MODE }),
    config("database.include.list", { type: "json" }),
    config("database.exclude.list", { type: "json" }),
    config("table.include.list", { type: "json" }),
    config("table.exclude.list", { type: "json" }),
    credentials("database.user", { path: "user" }),
    credentials("database.password", { path: "password", secret: true }),
  ],
};

/**
 * Fields SingleStore says outside the link: a link that leaves them out
 * loses nothing of its meaning (their loss is a warning, with this hint).
 */
export const SAID_ELSEWHERE: Partial<Record<ConnectionKind, readonly SaidElsewhere[]>> = {
  kafka: [
    {
      path: "brokers",
      where: "SingleStore names Kafka brokers in the pipeline that uses the link: LOAD DATA LINK <link> '<broker:port>/<topic>'",
    },
  ],
};

/** Where CONFIG keys the catalogue does not list go in the IR, for types whose CONFIG is open-ended. */
export const OPEN_CONFIG_FIELD: Partial<Record<LinkType, string>> = {
  // Any Hadoop client property ("Advanced HDFS Pipeline Mode").
  HDFS: "properties",
};

const keyIndex = new Map<LinkType, Map<string, KeyEntry>>();

/** The catalogue entry of a key for a link type (keys are case-sensitive). */
export function keyEntry(type: LinkType, key: string): KeyEntry | undefined {
  let index = keyIndex.get(type);
  if (index === undefined) {
    index = new Map(KEYS[type].map((e) => [e.key, e]));
    keyIndex.set(type, index);
  }
  return index.get(key);
}

/**
 * Whether a key the catalogue does not know looks secret (spec §5):
 * `*password*`, `*secret*`, `*_key` but not `*_key_id`, tokens, headers.
 */
export function looksSecret(key: string): boolean {
  const k = key.toLowerCase();
  return (
    k.includes("password") ||
    k.includes("secret") ||
    (k.endsWith("_key") && !k.endsWith("_key_id")) ||
    /(^|[._-])token($|[._-])/.test(k) ||
    k === "headers"
  );
}

/** MySQL reserved words among the statement keywords: names that are one of these need back-quotes. */
export const RESERVED_WORDS = new Set([
  "ALTER", "AS", "CREATE", "DROP", "EXISTS", "IF", "NOT", "ON", "OR", "REPLACE", "SET", "SHOW",
]);

/** The secret keys of a link type, for recognising a misspelt one (`sasl.passwrd`). */
export function secretKeysOf(type: LinkType): readonly string[] {
  let keys = secretKeys.get(type);
  if (keys === undefined) {
    keys = KEYS[type].filter((e) => e.secret).map((e) => e.key);
    secretKeys.set(type, keys);
  }
  return keys;
}

/** One list per type: callers that compare many names with it reuse what they derive from it. */
const secretKeys = new Map<LinkType, readonly string[]>();

/** The secret keys of every link type (ALTER LINK does not say the type). */
export const ALL_SECRET_KEYS: readonly string[] = [...new Set(LINK_TYPES.flatMap(secretKeysOf))];
