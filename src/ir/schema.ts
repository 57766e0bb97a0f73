// The connbridge intermediate representation, defined once as JSON Schema
// (TypeBox) so that the TypeScript types, the published schema and the
// validator of IR JSON from elsewhere cannot drift apart.
//
// Conventions:
// * Fields are named for the concept (`brokers`, `tls.ca`, `region`), never
//   for one vendor's spelling. Everything is optional where a platform lets a
//   statement omit it: the IR records what was said; the dialect checks say
//   what is missing.
// * Source positions live only under keys named `span`, and in a statement's
//   `fieldSpans` and `sensitiveSpans`.
// * Values a platform can give as a secret reference are `TextOrSecret`:
//   a plain string literal or `{ secret: ObjectName }`. Which fields are
//   sensitive is data, in `sensitivity.ts`.
// * What only one platform can say lives in `extras[dialect]`. Its `layout`
//   key holds spelling choices (option order, bare identifiers) that do not
//   change meaning and are never reported as lost. The shapes the dialects
//   read are part of the schema, so valid IR never surprises an emitter.
// * Text that an emitter prints as it is (numbers, hex digits, catalog ids)
//   has a pattern: only what reads back as one token passes. Comment text is
//   free: emitters re-encode it by their dialect's comment rules.
import { Type, type Static, type TSchema } from "@sinclair/typebox";

const closed = { additionalProperties: false } as const;
const Opt = Type.Optional;

export const DialectIdSchema = Type.Union(
  [
    Type.Literal("materialize"),
    Type.Literal("flink"),
    Type.Literal("cockroachdb"),
    Type.Literal("databend"),
    Type.Literal("singlestore"),
  ],
  { $id: "DialectId" },
);
export type DialectId = Static<typeof DialectIdSchema>;

export const JsonValueSchema = Type.Recursive(
  (Self) =>
    Type.Union([
      Type.Null(),
      Type.Boolean(),
      Type.Number(),
      Type.String(),
      Type.Array(Self),
      Type.Record(Type.String(), Self),
    ]),
  { $id: "JsonValue" },
);
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export const PositionSchema = Type.Object(
  {
    line: Type.Integer({ minimum: 1, description: "1-based line" }),
    column: Type.Integer({ minimum: 1, description: "1-based column, in UTF-16 code units" }),
    offset: Type.Integer({ minimum: 0, description: "0-based offset into the source text, in UTF-16 code units" }),
  },
  closed,
);
export type Position = Static<typeof PositionSchema>;

export const SpanSchema = Type.Object({ start: PositionSchema, end: PositionSchema }, closed);
export type Span = Static<typeof SpanSchema>;

export const IdentifierSchema = Type.Object(
  {
    value: Type.String({ description: "the name after the source dialect's case folding" }),
    quoted: Type.Boolean({ description: "whether the source quoted it (quoting preserves case)" }),
  },
  closed,
);
export type Identifier = Static<typeof IdentifierSchema>;

export const ObjectNameSchema = Type.Object(
  {
    parts: Type.Array(IdentifierSchema, { minItems: 1 }),
    // Both are printed as they are: only what Materialize's lexer reads back as one token passes.
    catalogId: Opt(
      Type.String({
        pattern: '^(([A-Za-z_]|[^\\x00-\\x7f])([A-Za-z0-9_$]|[^\\x00-\\x7f])*|"([^"]|"")+")$',
        description: "Materialize catalog id of the `[u1 AS name]` form, as written",
      }),
    ),
    version: Opt(
      Type.String({ pattern: "^([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?$", description: "Materialize `VERSION n` of the catalog-id form" }),
    ),
  },
  closed,
);
export type ObjectName = Static<typeof ObjectNameSchema>;

export const CommentSchema = Type.Union(
  [
    Type.Object(
      {
        style: Type.Literal("line"),
        // Any text: each emitter re-encodes it by its dialect's comment rules (a line break starts a new comment).
        text: Type.String({ description: "comment text without its delimiter" }),
        span: Opt(SpanSchema),
      },
      closed,
    ),
    Type.Object(
      {
        style: Type.Literal("block"),
        text: Type.String({ description: "comment text without its delimiters" }),
        span: Opt(SpanSchema),
      },
      closed,
    ),
  ],
  { $id: "Comment" },
);
export type Comment = Static<typeof CommentSchema>;

export const SecretRefSchema = Type.Object({ secret: ObjectNameSchema }, closed);
export type SecretRef = Static<typeof SecretRefSchema>;

export const TextOrSecretSchema = Type.Union([Type.String(), SecretRefSchema]);
export type TextOrSecret = Static<typeof TextOrSecretSchema>;

// ---- Vocabularies ---------------------------------------------------------
//
// Enumerated fields hold a concept, one canonical spelling per concept, never
// one platform's spelling: each dialect's catalogue maps its own spellings to
// these and back. A value no dialect's table knows is kept as written (and
// reported where it is emitted).

/** SASL mechanisms (Kafka), spelt as librdkafka and the Kafka protocol spell them. */
export const SASL_MECHANISMS = ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "OAUTHBEARER", "GSSAPI", "AWS_MSK_IAM"] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

/** Kafka security protocols. */
export const SECURITY_PROTOCOLS = ["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] as const;
export type SecurityProtocol = (typeof SECURITY_PROTOCOLS)[number];

/**
 * TLS modes of database connections, one vocabulary for the Postgres and
 * MySQL families (libpq's `sslmode` words): disable — no TLS; allow — TLS
 * only if the server insists; prefer — TLS if the server offers it; require
 * — TLS, any certificate; verify-ca — TLS, certificate chain verified;
 * verify-full — also the host name. MySQL's disabled, preferred, required,
 * verify_ca and verify_identity are disable, prefer, require, verify-ca and
 * verify-full.
 */
export const TLS_MODES = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"] as const;
export type TlsMode = (typeof TLS_MODES)[number];

const outsideVocabulary = "; a value outside this list is kept as written";

// ---- Networking -----------------------------------------------------------

export const TunnelSchema = Type.Union(
  [
    Type.Object(
      { kind: Type.Literal("ssh"), connection: ObjectNameSchema },
      { ...closed, description: "route through an SSH bastion connection" },
    ),
    Type.Object(
      {
        kind: Type.Literal("privatelink"),
        connection: ObjectNameSchema,
        availabilityZone: Opt(Type.String()),
        port: Opt(Type.Integer()),
      },
      { ...closed, description: "route through an AWS PrivateLink connection" },
    ),
  ],
  { $id: "Tunnel" },
);
export type Tunnel = Static<typeof TunnelSchema>;

export const TlsSchema = Type.Object(
  {
    enabled: Opt(Type.Boolean()),
    mode: Opt(Type.String({ description: `TLS mode: ${TLS_MODES.join(", ")} (verify-ca checks the certificate chain, verify-full also the host name)${outsideVocabulary}` })),
    ca: Opt(TextOrSecretSchema),
    certificate: Opt(TextOrSecretSchema),
    key: Opt(TextOrSecretSchema),
    keyPassword: Opt(TextOrSecretSchema),
    caFile: Opt(Type.String({ description: "path of a CA file on the server" })),
    certificateFile: Opt(Type.String()),
    keyFile: Opt(Type.String()),
    insecureSkipVerify: Opt(Type.Boolean()),
  },
  { ...closed, $id: "Tls" },
);
export type Tls = Static<typeof TlsSchema>;

// ---- Authentication ---------------------------------------------------------

export const AwsAuthSchema = Type.Union(
  [
    Type.Object(
      {
        method: Type.Literal("access_key"),
        accessKeyId: Opt(TextOrSecretSchema),
        secretAccessKey: Opt(TextOrSecretSchema),
        sessionToken: Opt(TextOrSecretSchema),
      },
      closed,
    ),
    Type.Object(
      {
        method: Type.Literal("assume_role"),
        roleArn: Opt(Type.String()),
        sessionName: Opt(Type.String()),
        externalId: Opt(TextOrSecretSchema),
      },
      closed,
    ),
    Type.Object({ method: Type.Literal("implicit") }, closed),
    Type.Object(
      { method: Type.Literal("connection"), connection: ObjectNameSchema },
      { ...closed, description: "credentials of a separate AWS connection" },
    ),
  ],
  { $id: "AwsAuth" },
);
export type AwsAuth = Static<typeof AwsAuthSchema>;

export const HttpAuthSchema = Type.Union(
  [
    Type.Object({ method: Type.Literal("none") }, closed),
    Type.Object(
      { method: Type.Literal("basic"), username: Opt(TextOrSecretSchema), password: Opt(TextOrSecretSchema) },
      closed,
    ),
    Type.Object({ method: Type.Literal("bearer"), token: Opt(TextOrSecretSchema) }, closed),
    Type.Object({ method: Type.Literal("api_key"), apiKey: Opt(TextOrSecretSchema) }, closed),
    Type.Object(
      {
        method: Type.Literal("oauth2"),
        tokenEndpoint: Opt(Type.String()),
        clientId: Opt(TextOrSecretSchema),
        clientSecret: Opt(TextOrSecretSchema),
        scope: Opt(Type.String()),
      },
      closed,
    ),
    Type.Object(
      { method: Type.Literal("headers"), headers: Type.Record(Type.String(), TextOrSecretSchema) },
      closed,
    ),
    Type.Object(
      {
        method: Type.Literal("aws"),
        accessKeyId: Opt(TextOrSecretSchema),
        secretAccessKey: Opt(TextOrSecretSchema),
        sessionToken: Opt(TextOrSecretSchema),
      },
      closed,
    ),
    Type.Object(
      { method: Type.Literal("gcp_service_key"), serviceKey: Opt(TextOrSecretSchema) },
      closed,
    ),
  ],
  { $id: "HttpAuth" },
);
export type HttpAuth = Static<typeof HttpAuthSchema>;

export const GcpAuthSchema = Type.Union(
  [
    Type.Object({ method: Type.Literal("implicit") }, closed),
    Type.Object(
      {
        method: Type.Literal("service_account_key"),
        key: Opt(TextOrSecretSchema),
        encoding: Opt(Type.Union([Type.Literal("json"), Type.Literal("base64")])),
      },
      closed,
    ),
    Type.Object(
      { method: Type.Literal("hmac"), accessId: Opt(TextOrSecretSchema), secretKey: Opt(TextOrSecretSchema) },
      closed,
    ),
    Type.Object(
      { method: Type.Literal("assume_role"), serviceAccount: Opt(Type.String()), delegates: Opt(Type.Array(Type.String())) },
      closed,
    ),
    Type.Object({ method: Type.Literal("bearer_token"), token: Opt(TextOrSecretSchema) }, closed),
  ],
  { $id: "GcpAuth" },
);
export type GcpAuth = Static<typeof GcpAuthSchema>;

export const AzureAuthSchema = Type.Union(
  [
    Type.Object({ method: Type.Literal("implicit") }, closed),
    Type.Object({ method: Type.Literal("account_key"), accountKey: Opt(TextOrSecretSchema) }, closed),
    Type.Object(
      {
        method: Type.Literal("client_secret"),
        clientId: Opt(Type.String()),
        clientSecret: Opt(TextOrSecretSchema),
        tenantId: Opt(Type.String()),
      },
      closed,
    ),
    Type.Object({ method: Type.Literal("sas_token"), token: Opt(TextOrSecretSchema) }, closed),
  ],
  { $id: "AzureAuth" },
);
export type AzureAuth = Static<typeof AzureAuthSchema>;

// ---- Connections --------------------------------------------------------------

export const KafkaBrokerSchema = Type.Object(
  { address: Type.String({ description: "host:port" }), tunnel: Opt(TunnelSchema) },
  { ...closed, $id: "KafkaBroker" },
);
export type KafkaBroker = Static<typeof KafkaBrokerSchema>;

export const KafkaBrokerRuleSchema = Type.Object(
  {
    pattern: Type.String({ description: "host pattern; `*` only as a leading and/or trailing wildcard" }),
    tunnel: TunnelSchema,
  },
  { ...closed, $id: "KafkaBrokerRule" },
);
export type KafkaBrokerRule = Static<typeof KafkaBrokerRuleSchema>;

/** Numeric literal text as SQL writes it (JSON numbers included); printed as it is, so nothing else may pass. */
const SQL_NUMBER = "^-?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?$";

/** A dialect-neutral option value, used where the meaning depends on context
 *  (ALTER on a connection whose type is not known, options kept verbatim). */
export const ValueSchema = Type.Recursive(
  (Self) =>
    Type.Union([
      Type.Object({ kind: Type.Literal("string"), value: Type.String() }, closed),
      Type.Object(
        { kind: Type.Literal("number"), value: Type.String({ pattern: SQL_NUMBER, description: "numeric literal text" }) },
        closed,
      ),
      Type.Object({ kind: Type.Literal("boolean"), value: Type.Boolean() }, closed),
      Type.Object({ kind: Type.Literal("null") }, closed),
      Type.Object({ kind: Type.Literal("hex"), value: Type.String({ pattern: "^[^']*$", description: "the text between X' and '" }) }, closed),
      Type.Object({ kind: Type.Literal("interval"), value: Type.String() }, closed),
      Type.Object({ kind: Type.Literal("identifier"), name: ObjectNameSchema }, closed),
      Type.Object({ kind: Type.Literal("secret"), name: ObjectNameSchema }, closed),
      Type.Object({ kind: Type.Literal("list"), items: Type.Array(Self) }, closed),
      Type.Object(
        { kind: Type.Literal("map"), entries: Type.Array(Type.Object({ key: Type.String(), value: Self }, closed)) },
        closed,
      ),
      Type.Object({ kind: Type.Literal("tunnel"), tunnel: TunnelSchema }, closed),
      Type.Object({ kind: Type.Literal("kafka_broker"), broker: KafkaBrokerSchema }, closed),
      Type.Object({ kind: Type.Literal("kafka_broker_rule"), rule: KafkaBrokerRuleSchema }, closed),
    ]),
  { $id: "Value" },
);
export type Value = Static<typeof ValueSchema>;

// ---- Dialect extras ---------------------------------------------------------
//
// What only one platform can say, keyed by dialect id. Every shape an emitter
// or checker reads is spelt out here, per dialect and per place (connection,
// CREATE, ALTER), so that IR accepted by the schema never surprises them.
// Dialects without an implementation yet keep open JSON, which code reads
// only generically (loss reporting, redaction).

export const OpenExtrasSchema = Type.Record(Type.String(), JsonValueSchema, {
  $id: "OpenExtras",
  description: "settings of a dialect connbridge does not implement yet, kept as JSON",
});
export type OpenExtras = Static<typeof OpenExtrasSchema>;

/** Option names as the Materialize lowering spells them: upper-case keywords and numbers, one space apart. */
const MZ_OPTION_NAME = "^[A-Z][A-Z0-9_]*( [A-Z0-9_]+)*$";

export const MaterializeOptionSchema = Type.Object(
  {
    option: Type.String({ pattern: MZ_OPTION_NAME, description: "the option's name, e.g. `SASL PASSWORD`" }),
    value: Opt(ValueSchema),
    span: Opt(SpanSchema),
  },
  { ...closed, $id: "MaterializeOption", description: "an option as written, before it is typed" },
);
export type MaterializeOption = Static<typeof MaterializeOptionSchema>;

export const MaterializeLayoutEntrySchema = Type.Object(
  {
    option: Type.String(),
    form: Opt(Type.Literal("identifier", { description: "a text value written as an identifier rather than a string" })),
    list: Opt(Type.Literal(true, { description: "BROKERS was used for a single broker" })),
    spelling: Opt(Type.String({ description: "an enumerated value as written, where writing its IR value would not give it back (`scram-sha-256`)" })),
    unset: Opt(Type.Literal(true, { description: "the value says \"not set\" (`ENDPOINT ''`): the IR has no field for it" })),
    span: Opt(SpanSchema),
  },
  { ...closed, $id: "MaterializeLayoutEntry", description: "spelling of one option in the source" },
);
export type MaterializeLayoutEntry = Static<typeof MaterializeLayoutEntrySchema>;

export const MaterializeConnectionExtrasSchema = Type.Object(
  {
    layout: Opt(Type.Object({ options: Type.Array(MaterializeLayoutEntrySchema) }, closed)),
    options: Opt(
      Type.Array(MaterializeOptionSchema, { description: "options kept verbatim: not valid for the type, mistyped, repeated or conflicting" }),
    ),
  },
  { ...closed, $id: "MaterializeConnectionExtras" },
);
export type MaterializeConnectionExtras = Static<typeof MaterializeConnectionExtrasSchema>;

export const MaterializeStatementExtrasSchema = Type.Object(
  { with: Opt(Type.Array(MaterializeOptionSchema, { description: "`WITH (VALIDATE ...)` options as written" })) },
  { ...closed, $id: "MaterializeStatementExtras" },
);
export type MaterializeStatementExtras = Static<typeof MaterializeStatementExtrasSchema>;

/** A JSON number's text (RFC 8259). */
const JSON_NUMBER = "^-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?$";

export const NumberTextSchema = Type.Object(
  {
    path: Type.Array(Type.Union([Type.String(), Type.Integer({ minimum: 0 })]), {
      description: "keys and array indexes from the value to the number; empty for the value itself",
    }),
    text: Type.String({ pattern: JSON_NUMBER }),
  },
  { ...closed, $id: "NumberText", description: "source text of a JSON number that JSON.stringify would print differently" },
);
export type NumberText = Static<typeof NumberTextSchema>;

const ClauseSchema = Type.Union([Type.Literal("CONFIG"), Type.Literal("CREDENTIALS")]);

export const SingleStoreKeptKeySchema = Type.Object(
  { key: Type.String(), value: JsonValueSchema },
  { ...closed, $id: "SingleStoreKeptKey", description: "a key kept as written: the IR has no field for it, or it did not fit the field" },
);
export type SingleStoreKeptKey = Static<typeof SingleStoreKeptKeySchema>;

export const SingleStoreKeyLayoutSchema = Type.Object(
  {
    key: Type.String(),
    form: Opt(
      Type.Union([Type.Literal("string"), Type.Literal("json")], {
        description: "the JSON type a boolean or integer field was written in, where it is not the catalogue's usual one",
      }),
    ),
    numbers: Opt(Type.Array(NumberTextSchema)),
    spelling: Opt(Type.String({ description: "an enumerated value as written, where writing its IR value would not give it back (`sasl_ssl`)" })),
    span: Opt(SpanSchema),
  },
  { ...closed, $id: "SingleStoreKeyLayout", description: "spelling of one key, in source order within its clause" },
);
export type SingleStoreKeyLayout = Static<typeof SingleStoreKeyLayoutSchema>;

export const SingleStoreClauseLayoutSchema = Type.Object(
  {
    clause: ClauseSchema,
    empty: Opt(Type.Literal(true, { description: "`CREDENTIALS ''`: an empty string rather than a JSON object" })),
    numbers: Opt(Type.Array(NumberTextSchema, { description: "number texts of a clause value that is not an object" })),
    span: Opt(SpanSchema),
  },
  { ...closed, $id: "SingleStoreClauseLayout" },
);
export type SingleStoreClauseLayout = Static<typeof SingleStoreClauseLayoutSchema>;

export const SingleStoreLayoutSchema = Type.Object(
  {
    clauses: Opt(Type.Array(SingleStoreClauseLayoutSchema, { description: "CONFIG and CREDENTIALS clauses in source order" })),
    config: Opt(Type.Array(SingleStoreKeyLayoutSchema, { description: "keys of the CONFIG object, in source order" })),
    credentials: Opt(Type.Array(SingleStoreKeyLayoutSchema, { description: "keys of the CREDENTIALS object, in source order" })),
  },
  { ...closed, $id: "SingleStoreLayout" },
);
export type SingleStoreLayout = Static<typeof SingleStoreLayoutSchema>;

/** A JSON value other than an object: what a CONFIG or CREDENTIALS clause holds when it is not a JSON object. */
export type NonObjectJsonValue = Exclude<JsonValue, { [key: string]: JsonValue }>;
const NonObjectJsonSchema = Type.Unsafe<NonObjectJsonValue>(
  Type.Union([Type.Null(), Type.Boolean(), Type.Number(), Type.String(), Type.Array(JsonValueSchema)]),
);

export const SingleStoreConnectionExtrasSchema = Type.Object(
  {
    config: Opt(Type.Array(SingleStoreKeptKeySchema, { description: "CONFIG keys not modelled by the IR, in order" })),
    credentials: Opt(Type.Array(SingleStoreKeptKeySchema, { description: "CREDENTIALS keys not modelled by the IR, in order" })),
    configValue: Opt(NonObjectJsonSchema),
    credentialsValue: Opt(NonObjectJsonSchema),
    layout: Opt(SingleStoreLayoutSchema),
  },
  { ...closed, $id: "SingleStoreConnectionExtras" },
);
export type SingleStoreConnectionExtras = Static<typeof SingleStoreConnectionExtrasSchema>;

export const SingleStoreAlterChangeLayoutSchema = Type.Object(
  {
    empty: Opt(Type.Literal(true, { description: "`SET CREDENTIALS ''`: an empty string rather than a JSON object" })),
    quotedKey: Opt(Type.Literal(true, { description: "the key of `::key = ...` was back-quoted" })),
  },
  { ...closed, $id: "SingleStoreAlterChangeLayout", description: "spelling of one ALTER LINK SET clause" },
);
export type SingleStoreAlterChangeLayout = Static<typeof SingleStoreAlterChangeLayoutSchema>;

export const SingleStoreAlterExtrasSchema = Type.Object(
  { layout: Opt(Type.Object({ changes: Type.Array(SingleStoreAlterChangeLayoutSchema) }, closed)) },
  { ...closed, $id: "SingleStoreAlterExtras" },
);
export type SingleStoreAlterExtras = Static<typeof SingleStoreAlterExtrasSchema>;

/** Extras of one place in the IR: the implemented dialects' shapes there, open JSON for the others. */
function extrasOf<P extends Record<string, TSchema>>(implemented: P, $id: string, description: string) {
  return Type.Object(
    {
      ...implemented,
      flink: Opt(OpenExtrasSchema),
      cockroachdb: Opt(OpenExtrasSchema),
      databend: Opt(OpenExtrasSchema),
    },
    { ...closed, $id, description },
  );
}

export const ConnectionExtrasSchema = extrasOf(
  { materialize: Opt(MaterializeConnectionExtrasSchema), singlestore: Opt(SingleStoreConnectionExtrasSchema) },
  "ConnectionExtras",
  "per-dialect settings of a connection, keyed by dialect id",
);
export type ConnectionExtras = Static<typeof ConnectionExtrasSchema>;

export const CreateConnectionExtrasSchema = extrasOf(
  { materialize: Opt(MaterializeStatementExtrasSchema) },
  "CreateConnectionExtras",
  "per-dialect clauses of CREATE CONNECTION, keyed by dialect id",
);
export type CreateConnectionExtras = Static<typeof CreateConnectionExtrasSchema>;

export const AlterConnectionExtrasSchema = extrasOf(
  { materialize: Opt(MaterializeStatementExtrasSchema), singlestore: Opt(SingleStoreAlterExtrasSchema) },
  "AlterConnectionExtras",
  "per-dialect clauses and spelling of ALTER CONNECTION, keyed by dialect id",
);
export type AlterConnectionExtras = Static<typeof AlterConnectionExtrasSchema>;

export const DropExtrasSchema = extrasOf({}, "DropExtras", "per-dialect clauses of DROP, keyed by dialect id");
export type DropExtras = Static<typeof DropExtrasSchema>;

/** Any place's extras: what code that reads extras generically (loss reporting, redaction) accepts. */
export type Extras = ConnectionExtras | CreateConnectionExtras | AlterConnectionExtras | DropExtras;

// ---- Connections, continued -------------------------------------------------------

const common = { extras: Opt(ConnectionExtrasSchema) };

function connection<K extends string, P extends Record<string, TSchema>>(kind: K, properties: P, description: string) {
  return Type.Object({ kind: Type.Literal(kind), ...properties, ...common }, { ...closed, description });
}

export const KafkaSaslSchema = Type.Object(
  {
    mechanism: Opt(Type.String({ description: `SASL mechanism: ${SASL_MECHANISMS.join(", ")}${outsideVocabulary}` })),
    username: Opt(TextOrSecretSchema),
    password: Opt(TextOrSecretSchema),
    oauth: Opt(
      Type.Object(
        {
          clientId: Opt(TextOrSecretSchema),
          clientSecret: Opt(TextOrSecretSchema),
          tokenEndpoint: Opt(Type.String()),
          scopes: Opt(Type.Array(Type.String())),
          grantType: Opt(Type.String()),
        },
        closed,
      ),
    ),
    awsIam: Opt(
      Type.Object({ region: Opt(Type.String()), roleArn: Opt(Type.String()), sessionName: Opt(Type.String()) }, closed),
    ),
    kerberos: Opt(
      Type.Object(
        {
          serviceName: Opt(Type.String()),
          principal: Opt(Type.String()),
          keytab: Opt(Type.String()),
          realm: Opt(Type.String()),
          config: Opt(Type.String()),
        },
        closed,
      ),
    ),
  },
  { ...closed, $id: "KafkaSasl" },
);

export const KafkaConnectionSchema = connection(
  "kafka",
  {
    brokers: Opt(Type.Array(KafkaBrokerSchema, { description: "bootstrap brokers, each with an optional tunnel" })),
    brokerRules: Opt(Type.Array(KafkaBrokerRuleSchema, { description: "tunnels for brokers discovered at run time" })),
    tunnel: Opt(TunnelSchema),
    securityProtocol: Opt(Type.String({ description: `security protocol: ${SECURITY_PROTOCOLS.join(", ")}${outsideVocabulary}` })),
    sasl: Opt(KafkaSaslSchema),
    tls: Opt(TlsSchema),
    awsConnection: Opt(ObjectNameSchema),
    progressTopic: Opt(Type.String()),
    progressTopicReplicationFactor: Opt(Type.Integer()),
    topic: Opt(Type.Object({ name: Opt(Type.String()), prefix: Opt(Type.String()) }, closed)),
  },
  "Apache Kafka (and Kafka-compatible services)",
);

export const SchemaRegistryConnectionSchema = connection(
  "schema_registry",
  {
    url: Opt(Type.String()),
    username: Opt(TextOrSecretSchema),
    password: Opt(TextOrSecretSchema),
    port: Opt(Type.Integer()),
    tls: Opt(TlsSchema),
    tunnel: Opt(TunnelSchema),
  },
  "Confluent Schema Registry",
);

const databaseFields = {
  host: Opt(Type.String()),
  port: Opt(Type.Integer()),
  user: Opt(TextOrSecretSchema),
  password: Opt(TextOrSecretSchema),
  tls: Opt(TlsSchema),
  tunnel: Opt(TunnelSchema),
};

export const PostgresConnectionSchema = connection(
  "postgres",
  { ...databaseFields, database: Opt(Type.String()) },
  "PostgreSQL (and wire-compatible databases)",
);
export const MySqlConnectionSchema = connection(
  "mysql",
  { ...databaseFields, database: Opt(Type.String()), awsConnection: Opt(ObjectNameSchema) },
  "MySQL",
);
export const SqlServerConnectionSchema = connection(
  "sql_server",
  { ...databaseFields, database: Opt(Type.String()) },
  "Microsoft SQL Server",
);

export const AwsConnectionSchema = connection(
  "aws",
  { auth: Opt(AwsAuthSchema), endpoint: Opt(Type.String()), region: Opt(Type.String()) },
  "AWS credentials",
);

export const AwsPrivatelinkConnectionSchema = connection(
  "aws_privatelink",
  {
    serviceName: Opt(Type.String()),
    availabilityZones: Opt(Type.Array(Type.String())),
    port: Opt(Type.Integer()),
  },
  "AWS PrivateLink endpoint service",
);

export const SshTunnelConnectionSchema = connection(
  "ssh_tunnel",
  {
    host: Opt(Type.String()),
    port: Opt(Type.Integer()),
    user: Opt(Type.String()),
    publicKey1: Opt(Type.String()),
    publicKey2: Opt(Type.String()),
  },
  "SSH bastion host",
);

export const IcebergCatalogConnectionSchema = connection(
  "iceberg_catalog",
  {
    catalogType: Opt(Type.String({ description: "rest, s3tablesrest, ..." })),
    url: Opt(Type.String()),
    warehouse: Opt(Type.String()),
    awsConnection: Opt(ObjectNameSchema),
    credential: Opt(TextOrSecretSchema),
    scope: Opt(Type.String()),
  },
  "Apache Iceberg catalog",
);

export const S3ConnectionSchema = connection(
  "s3",
  {
    bucket: Opt(Type.String()),
    path: Opt(Type.String()),
    region: Opt(Type.String()),
    endpoint: Opt(Type.String()),
    auth: Opt(AwsAuthSchema),
    virtualHostStyle: Opt(Type.Boolean()),
    forcePathStyle: Opt(Type.Boolean()),
    masterKey: Opt(TextOrSecretSchema),
    serverSideEncryption: Opt(
      Type.Object(
        {
          algorithm: Opt(Type.String()),
          kmsKeyId: Opt(Type.String()),
          customerAlgorithm: Opt(Type.String()),
          customerKey: Opt(TextOrSecretSchema),
          customerKeyMd5: Opt(Type.String()),
        },
        closed,
      ),
    ),
  },
  "Amazon S3 and S3-compatible object storage",
);

export const GcsConnectionSchema = connection(
  "gcs",
  { bucket: Opt(Type.String()), path: Opt(Type.String()), endpoint: Opt(Type.String()), auth: Opt(GcpAuthSchema) },
  "Google Cloud Storage",
);

export const AzureBlobConnectionSchema = connection(
  "azure_blob",
  {
    container: Opt(Type.String()),
    path: Opt(Type.String()),
    accountName: Opt(Type.String()),
    endpoint: Opt(Type.String()),
    environment: Opt(Type.String()),
    auth: Opt(AzureAuthSchema),
  },
  "Azure Blob Storage",
);

export const ObjectStorageConnectionSchema = connection(
  "object_storage",
  {
    provider: Type.Union([Type.Literal("oss"), Type.Literal("obs"), Type.Literal("cos")]),
    bucket: Opt(Type.String()),
    path: Opt(Type.String()),
    endpoint: Opt(Type.String()),
    accessKeyId: Opt(TextOrSecretSchema),
    secretAccessKey: Opt(TextOrSecretSchema),
    roleArn: Opt(Type.String()),
  },
  "Alibaba OSS, Huawei OBS or Tencent COS",
);

export const HdfsConnectionSchema = connection(
  "hdfs",
  {
    protocol: Opt(Type.Union([Type.Literal("hdfs"), Type.Literal("webhdfs")])),
    nameNode: Opt(Type.String()),
    path: Opt(Type.String()),
    user: Opt(Type.String()),
    kerberos: Opt(Type.Object({ principal: Opt(Type.String()), keytab: Opt(Type.String()) }, closed)),
    delegationToken: Opt(TextOrSecretSchema),
    properties: Opt(Type.Record(Type.String(), JsonValueSchema, { description: "Hadoop client properties" })),
  },
  "HDFS or WebHDFS",
);

export const HttpConnectionSchema = connection(
  "http",
  {
    url: Opt(Type.String()),
    auth: Opt(HttpAuthSchema),
    headers: Opt(Type.Record(Type.String(), TextOrSecretSchema)),
    tls: Opt(TlsSchema),
  },
  "HTTP endpoint: REST APIs, HTTP storage, webhooks",
);

export const WebhookConnectionSchema = connection(
  "webhook",
  { url: Opt(Type.String()), auth: Opt(HttpAuthSchema), tls: Opt(TlsSchema) },
  "HTTP POST sink",
);

export const MongoDbConnectionSchema = connection(
  "mongodb",
  {
    endpoint: Opt(Type.String({ description: "connection string (mongodb+srv://...)" })),
    hosts: Opt(Type.Array(Type.String())),
    user: Opt(TextOrSecretSchema),
    password: Opt(TextOrSecretSchema),
    authSource: Opt(Type.String()),
    tls: Opt(TlsSchema),
  },
  "MongoDB",
);

export const PubSubConnectionSchema = connection(
  "pubsub",
  {
    projectId: Opt(Type.String()),
    region: Opt(Type.String()),
    topic: Opt(Type.String()),
    auth: Opt(GcpAuthSchema),
  },
  "Google Cloud Pub/Sub",
);

export const KmsConnectionSchema = connection(
  "kms",
  {
    provider: Type.Union([Type.Literal("aws"), Type.Literal("gcp"), Type.Literal("azure")]),
    keyId: Opt(Type.String()),
    region: Opt(Type.String()),
    vault: Opt(Type.String()),
    awsAuth: Opt(AwsAuthSchema),
    gcpAuth: Opt(GcpAuthSchema),
    azureAuth: Opt(AzureAuthSchema),
  },
  "Key management service (encrypted backups)",
);

export const LocalStorageConnectionSchema = connection(
  "local_storage",
  {
    scheme: Type.Union([Type.Literal("nodelocal"), Type.Literal("userfile"), Type.Literal("fs")]),
    node: Opt(Type.String()),
    path: Opt(Type.String()),
  },
  "storage local to the cluster (node-local directory, user file table, file system)",
);

export const IpfsConnectionSchema = connection("ipfs", { endpoint: Opt(Type.String()) }, "IPFS gateway");

export const HuggingFaceConnectionSchema = connection(
  "huggingface",
  {
    repo: Opt(Type.String()),
    repoType: Opt(Type.String()),
    revision: Opt(Type.String()),
    token: Opt(TextOrSecretSchema),
  },
  "Hugging Face repository",
);

export const JdbcConnectionSchema = connection(
  "jdbc",
  { url: Opt(Type.String()), username: Opt(TextOrSecretSchema), password: Opt(TextOrSecretSchema) },
  "JDBC database reached by URL",
);

export const AiServiceConnectionSchema = connection(
  "ai_service",
  {
    service: Type.String({ description: "openai, azureopenai, bedrock, sagemaker, googleai, vertexai, azureml, anthropic, ..." }),
    endpoint: Opt(Type.String()),
    auth: Opt(HttpAuthSchema),
  },
  "hosted model or AI service",
);

export const VectorStoreConnectionSchema = connection(
  "vector_store",
  {
    service: Type.String({ description: "pinecone, elastic, couchbase, s3vectors, cosmosdb, ..." }),
    endpoint: Opt(Type.String()),
    auth: Opt(HttpAuthSchema),
  },
  "vector or search database",
);

export const McpServerConnectionSchema = connection(
  "mcp_server",
  {
    endpoint: Opt(Type.String()),
    sseEndpoint: Opt(Type.String()),
    transport: Opt(Type.String()),
    auth: Opt(HttpAuthSchema),
  },
  "Model Context Protocol server",
);

export const ConnectionSchema = Type.Union(
  [
    KafkaConnectionSchema,
    SchemaRegistryConnectionSchema,
    PostgresConnectionSchema,
    MySqlConnectionSchema,
    SqlServerConnectionSchema,
    AwsConnectionSchema,
    AwsPrivatelinkConnectionSchema,
    SshTunnelConnectionSchema,
    IcebergCatalogConnectionSchema,
    S3ConnectionSchema,
    GcsConnectionSchema,
    AzureBlobConnectionSchema,
    ObjectStorageConnectionSchema,
    HdfsConnectionSchema,
    HttpConnectionSchema,
    WebhookConnectionSchema,
    MongoDbConnectionSchema,
    PubSubConnectionSchema,
    KmsConnectionSchema,
    LocalStorageConnectionSchema,
    IpfsConnectionSchema,
    HuggingFaceConnectionSchema,
    JdbcConnectionSchema,
    AiServiceConnectionSchema,
    VectorStoreConnectionSchema,
    McpServerConnectionSchema,
  ],
  { $id: "Connection" },
);
export type Connection = Static<typeof ConnectionSchema>;
export type ConnectionKind = Connection["kind"];
export type ConnectionOf<K extends ConnectionKind> = Extract<Connection, { kind: K }>;
export type KafkaConnection = ConnectionOf<"kafka">;

// ---- Statements -----------------------------------------------------------

const statementBase = {
  span: Opt(SpanSchema),
  comments: Opt(Type.Array(CommentSchema, { description: "comments before and inside the statement" })),
  fieldSpans: Opt(
    Type.Record(Type.String(), SpanSchema, {
      description:
        "source span of the option or key that said each field, by IR path from the statement " +
        "(`connection.sasl.password`, `connection.brokers[0]`, `connection.extras.singlestore.credentials[0]`), " +
        "so that diagnostics point at the field",
    }),
  ),
  sensitiveSpans: Opt(
    Type.Array(SpanSchema, {
      description: "source spans of values that must never be shown (passwords, keys, secret values, credentials in URLs)",
    }),
  ),
};

function statement<K extends string, P extends Record<string, TSchema>>(kind: K, properties: P, description: string) {
  return Type.Object({ kind: Type.Literal(kind), ...properties, ...statementBase }, { ...closed, description });
}

export const ExpressionSchema = Type.Object(
  {
    dialect: DialectIdSchema,
    sql: Type.String({ description: "the expression's canonical text in that dialect" }),
  },
  { ...closed, $id: "Expression" },
);
export type Expression = Static<typeof ExpressionSchema>;

export const SecretValueSchema = Type.Union(
  [
    Type.Object(
      { kind: Type.Literal("text"), value: Type.String({ description: "the secret's value itself (no SQL escaping)" }) },
      closed,
    ),
    Type.Object(
      {
        kind: Type.Literal("expression"),
        expression: ExpressionSchema,
        value: Opt(Type.String({ description: "the expression's value, where it is a constant" })),
      },
      closed,
    ),
  ],
  { $id: "SecretValue" },
);
export type SecretValue = Static<typeof SecretValueSchema>;

export const ConnectionChangeSchema = Type.Union(
  [
    Type.Object(
      {
        kind: Type.Literal("set"),
        option: Type.String({ description: "the option, in the source dialect's canonical spelling" }),
        value: Opt(ValueSchema),
        span: Opt(SpanSchema),
      },
      closed,
    ),
    Type.Object({ kind: Type.Literal("reset"), option: Type.String(), span: Opt(SpanSchema) }, closed),
    Type.Object({ kind: Type.Literal("rotate_keys"), span: Opt(SpanSchema) }, closed),
  ],
  { $id: "ConnectionChange" },
);
export type ConnectionChange = Static<typeof ConnectionChangeSchema>;

export const ObjectTypeSchema = Type.Union([Type.Literal("connection"), Type.Literal("secret")]);
export type ObjectType = Static<typeof ObjectTypeSchema>;

export const CreateConnectionSchema = statement(
  "create_connection",
  {
    name: ObjectNameSchema,
    ifNotExists: Opt(Type.Boolean()),
    orReplace: Opt(Type.Boolean()),
    temporary: Opt(Type.Boolean()),
    description: Opt(Type.String({ description: "COMMENT / DESCRIPTION text" })),
    connection: ConnectionSchema,
    extras: Opt(CreateConnectionExtrasSchema),
  },
  "create a connection",
);

export const AlterConnectionSchema = statement(
  "alter_connection",
  {
    name: ObjectNameSchema,
    ifExists: Opt(Type.Boolean()),
    action: Type.Union([
      Type.Object({ kind: Type.Literal("rename"), newName: ObjectNameSchema }, closed),
      Type.Object({ kind: Type.Literal("owner"), owner: IdentifierSchema }, closed),
      Type.Object({ kind: Type.Literal("change"), changes: Type.Array(ConnectionChangeSchema, { minItems: 1 }) }, closed),
    ]),
    extras: Opt(AlterConnectionExtrasSchema),
  },
  "change a connection",
);

export const DropSchema = statement(
  "drop",
  {
    objectType: ObjectTypeSchema,
    names: Type.Array(ObjectNameSchema, { minItems: 1 }),
    ifExists: Opt(Type.Boolean()),
    cascade: Opt(Type.Boolean()),
    extras: Opt(DropExtrasSchema),
  },
  "drop connections or secrets",
);

export const CreateSecretSchema = statement(
  "create_secret",
  { name: ObjectNameSchema, ifNotExists: Opt(Type.Boolean()), value: SecretValueSchema },
  "create a named secret",
);

export const AlterSecretSchema = statement(
  "alter_secret",
  {
    name: ObjectNameSchema,
    ifExists: Opt(Type.Boolean()),
    action: Type.Union([
      Type.Object({ kind: Type.Literal("set_value"), value: SecretValueSchema }, closed),
      Type.Object({ kind: Type.Literal("rename"), newName: ObjectNameSchema }, closed),
      Type.Object({ kind: Type.Literal("owner"), owner: IdentifierSchema }, closed),
    ]),
  },
  "change a secret",
);

export const ShowSchema = statement(
  "show",
  {
    objectType: Type.Union([Type.Literal("connections"), Type.Literal("secrets")]),
    from: Opt(ObjectNameSchema),
    like: Opt(Type.String()),
    notLike: Opt(Type.Boolean()),
    where: Opt(ExpressionSchema),
  },
  "list connections or secrets",
);

export const ShowCreateConnectionSchema = statement(
  "show_create_connection",
  { name: ObjectNameSchema, redacted: Opt(Type.Boolean()) },
  "print a connection's definition",
);

export const DescribeConnectionSchema = statement(
  "describe_connection",
  { name: ObjectNameSchema, extended: Opt(Type.Boolean()) },
  "describe a connection",
);

export const ValidateConnectionSchema = statement(
  "validate_connection",
  { name: ObjectNameSchema },
  "check that a connection can reach its service",
);

export const CommentOnSchema = statement(
  "comment_on",
  { objectType: ObjectTypeSchema, name: ObjectNameSchema, comment: Type.Union([Type.String(), Type.Null()]) },
  "set or clear the comment of a connection or secret",
);

export const VerbatimSchema = statement(
  "verbatim",
  {
    dialect: DialectIdSchema,
    text: Type.String({ description: "the statement exactly as written, without its terminator" }),
  },
  "a statement outside connbridge's scope, passed through unchanged",
);

export const StatementSchema = Type.Union(
  [
    CreateConnectionSchema,
    AlterConnectionSchema,
    DropSchema,
    CreateSecretSchema,
    AlterSecretSchema,
    ShowSchema,
    ShowCreateConnectionSchema,
    DescribeConnectionSchema,
    ValidateConnectionSchema,
    CommentOnSchema,
    VerbatimSchema,
  ],
  { $id: "Statement" },
);
export type Statement = Static<typeof StatementSchema>;
export type StatementKind = Statement["kind"];
export type StatementOf<K extends StatementKind> = Extract<Statement, { kind: K }>;
export type CreateConnection = StatementOf<"create_connection">;

export const ProgramSchema = Type.Object(
  {
    statements: Type.Array(StatementSchema),
    // The dialect the program was read from: its implicit defaults (Materialize's
    // Kafka security protocol, ...) apply to fields the program leaves out, and
    // emitting into another dialect writes them out.
    source: Opt(DialectIdSchema),
    trailingComments: Opt(Type.Array(CommentSchema, { description: "comments after the last statement" })),
  },
  {
    ...closed,
    $id: "Program",
    title: "connbridge IR program",
    description: "An ordered list of connection-DDL statements in connbridge's intermediate representation.",
  },
);
export type Program = Static<typeof ProgramSchema>;
