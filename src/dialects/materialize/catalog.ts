// Materialize's connection types and options as data (spec/materialize.md
// §3, §4, §6.4). The lowering, the checker and the emitter all read these
// tables; per-type rules that are not tabular live in check.ts.
import type { ConnectionKind, SaslMechanism, SecurityProtocol, TlsMode } from "../../ir/schema.js";
import { isSensitive } from "../../ir/sensitivity.js";
import { fieldPathOf } from "../shared/paths.js";
import { vocabulary, type Vocabulary } from "../shared/vocabulary.js";

/** Connection types as the platform prints them after `TO`. */
export const CONNECTION_TYPES = [
  "KAFKA",
  "CONFLUENT SCHEMA REGISTRY",
  "POSTGRES",
  "MYSQL",
  "SQL SERVER",
  "AWS",
  "AWS PRIVATELINK",
  "SSH TUNNEL",
  "ICEBERG CATALOG",
] as const;
export type MzConnectionType = (typeof CONNECTION_TYPES)[number];

export const KIND_OF_TYPE: Record<MzConnectionType, ConnectionKind> = {
  KAFKA: "kafka",
  "CONFLUENT SCHEMA REGISTRY": "schema_registry",
  POSTGRES: "postgres",
  MYSQL: "mysql",
  "SQL SERVER": "sql_server",
  AWS: "aws",
  "AWS PRIVATELINK": "aws_privatelink",
  "SSH TUNNEL": "ssh_tunnel",
  "ICEBERG CATALOG": "iceberg_catalog",
};

export function typeOfKind(kind: ConnectionKind): MzConnectionType | undefined {
  return CONNECTION_TYPES.find((t) => KIND_OF_TYPE[t] === kind);
}

/**
 * How the planner types an option's value (§3):
 * text — string literal or one bare identifier; textOrSecret — also `SECRET name`;
 * secret — only `SECRET name`; port — number 0..65535; int — any integer;
 * textList — sequence of text; object — a reference to another connection;
 * privatelink — reference with optional `(PORT n)`; brokers — BROKER/BROKERS.
 */
export type MzValueType =
  | "text"
  | "textOrSecret"
  | "secret"
  | "port"
  | "int"
  | "textList"
  | "object"
  | "privatelink"
  | "brokers";

/** Every option name, in the planner's canonical order (§6.4). */
export const OPTION_ORDER = [
  "ACCESS KEY ID",
  "ASSUME ROLE ARN",
  "ASSUME ROLE SESSION NAME",
  "AVAILABILITY ZONES",
  "AWS CONNECTION",
  "AWS PRIVATELINK",
  "BROKER",
  "BROKERS",
  "CREDENTIAL",
  "DATABASE",
  "ENDPOINT",
  "HOST",
  "PASSWORD",
  "PORT",
  "PROGRESS TOPIC",
  "PROGRESS TOPIC REPLICATION FACTOR",
  "PUBLIC KEY 1",
  "PUBLIC KEY 2",
  "REGION",
  "SASL MECHANISMS",
  "SASL PASSWORD",
  "SASL USERNAME",
  "SCOPE",
  "SECRET ACCESS KEY",
  "SECURITY PROTOCOL",
  "SERVICE NAME",
  "SSH TUNNEL",
  "SSL CERTIFICATE",
  "SSL CERTIFICATE AUTHORITY",
  "SSL KEY",
  "SSL MODE",
  "SESSION TOKEN",
  "CATALOG TYPE",
  "URL",
  "USER",
  "WAREHOUSE",
] as const;
export type MzOptionName = (typeof OPTION_ORDER)[number];

export const OPTION_VALUE_TYPE: Record<MzOptionName, MzValueType> = {
  "ACCESS KEY ID": "textOrSecret",
  "ASSUME ROLE ARN": "text",
  "ASSUME ROLE SESSION NAME": "text",
  "AVAILABILITY ZONES": "textList",
  "AWS CONNECTION": "object",
  "AWS PRIVATELINK": "privatelink",
  BROKER: "brokers",
  BROKERS: "brokers",
  CREDENTIAL: "textOrSecret",
  DATABASE: "text",
  ENDPOINT: "text",
  HOST: "text",
  PASSWORD: "secret",
  PORT: "port",
  "PROGRESS TOPIC": "text",
  "PROGRESS TOPIC REPLICATION FACTOR": "int",
  "PUBLIC KEY 1": "text",
  "PUBLIC KEY 2": "text",
  REGION: "text",
  "SASL MECHANISMS": "text",
  "SASL PASSWORD": "secret",
  "SASL USERNAME": "textOrSecret",
  SCOPE: "text",
  "SECRET ACCESS KEY": "secret",
  "SECURITY PROTOCOL": "text",
  "SERVICE NAME": "text",
  "SSH TUNNEL": "object",
  "SSL CERTIFICATE": "textOrSecret",
  "SSL CERTIFICATE AUTHORITY": "textOrSecret",
  "SSL KEY": "secret",
  "SSL MODE": "text",
  "SESSION TOKEN": "textOrSecret",
  "CATALOG TYPE": "text",
  URL: "text",
  USER: "textOrSecret",
  WAREHOUSE: "text",
};

/**
 * Where each allowed option lives in the IR, per connection type (§4.10).
 * Paths are dotted; a segment `auth@access_key` is an object whose `method`
 * is `access_key`. `tunnel`, `brokers` and the reference options have
 * dedicated handling (see fields.ts). The key set is the planner's
 * allowed-option matrix; the emitter prints options in this order when the
 * IR carries no source order.
 */
export const FIELDS: Record<MzConnectionType, Partial<Record<MzOptionName, string>>> = {
  KAFKA: {
    BROKER: "brokers",
    BROKERS: "brokers",
    "AWS PRIVATELINK": "tunnel",
    "SSH TUNNEL": "tunnel",
    "SECURITY PROTOCOL": "securityProtocol",
    "SASL MECHANISMS": "sasl.mechanism",
    "SASL USERNAME": "sasl.username",
    "SASL PASSWORD": "sasl.password",
    "SSL CERTIFICATE AUTHORITY": "tls.ca",
    "SSL CERTIFICATE": "tls.certificate",
    "SSL KEY": "tls.key",
    "AWS CONNECTION": "awsConnection",
    "PROGRESS TOPIC": "progressTopic",
    "PROGRESS TOPIC REPLICATION FACTOR": "progressTopicReplicationFactor",
  },
  "CONFLUENT SCHEMA REGISTRY": {
    URL: "url",
    USER: "username",
    PASSWORD: "password",
    "SSL CERTIFICATE AUTHORITY": "tls.ca",
    "SSL CERTIFICATE": "tls.certificate",
    "SSL KEY": "tls.key",
    "AWS PRIVATELINK": "tunnel",
    "SSH TUNNEL": "tunnel",
    PORT: "port",
  },
  POSTGRES: {
    HOST: "host",
    PORT: "port",
    DATABASE: "database",
    USER: "user",
    PASSWORD: "password",
    "SSL MODE": "tls.mode",
    "SSL CERTIFICATE AUTHORITY": "tls.ca",
    "SSL CERTIFICATE": "tls.certificate",
    "SSL KEY": "tls.key",
    "AWS PRIVATELINK": "tunnel",
    "SSH TUNNEL": "tunnel",
  },
  MYSQL: {
    HOST: "host",
    PORT: "port",
    USER: "user",
    PASSWORD: "password",
    "SSL MODE": "tls.mode",
    "SSL CERTIFICATE AUTHORITY": "tls.ca",
    "SSL CERTIFICATE": "tls.certificate",
    "SSL KEY": "tls.key",
    "AWS CONNECTION": "awsConnection",
    "AWS PRIVATELINK": "tunnel",
    "SSH TUNNEL": "tunnel",
  },
  "SQL SERVER": {
    HOST: "host",
    PORT: "port",
    DATABASE: "database",
    USER: "user",
    PASSWORD: "password",
    "SSL MODE": "tls.mode",
    "SSL CERTIFICATE AUTHORITY": "tls.ca",
    "SSL CERTIFICATE": "tls.certificate",
    "SSL KEY": "tls.key",
    "AWS PRIVATELINK": "tunnel",
    "SSH TUNNEL": "tunnel",
  },
  AWS: {
    "ACCESS KEY ID": "auth@access_key.accessKeyId",
    "SECRET ACCESS KEY": "auth@access_key.secretAccessKey",
    "SESSION TOKEN": "auth@access_key.sessionToken",
    "ASSUME ROLE ARN": "auth@assume_role.roleArn",
    "ASSUME ROLE SESSION NAME": "auth@assume_role.sessionName",
    ENDPOINT: "endpoint",
    REGION: "region",
  },
  "AWS PRIVATELINK": {
    "SERVICE NAME": "serviceName",
    "AVAILABILITY ZONES": "availabilityZones",
    PORT: "port",
  },
  "SSH TUNNEL": {
    HOST: "host",
    PORT: "port",
    USER: "user",
    "PUBLIC KEY 1": "publicKey1",
    "PUBLIC KEY 2": "publicKey2",
  },
  "ICEBERG CATALOG": {
    "CATALOG TYPE": "catalogType",
    URL: "url",
    WAREHOUSE: "warehouse",
    "AWS CONNECTION": "awsConnection",
    CREDENTIAL: "credential",
    SCOPE: "scope",
  },
};

// ---- Vocabularies (§4.1, §4.3–§4.5, §7.1) ---------------------------------------
//
// Values are compared after a bare identifier is folded to lower case, so
// `SSL MODE REQUIRE` is `require` even where the comparison is exact.

/** The planner upper-cases the mechanism; librdkafka knows others, but Materialize only configures these. */
const SASL_MECHANISM = vocabulary<SaslMechanism>("case-insensitive", {
  PLAIN: ["PLAIN"],
  "SCRAM-SHA-256": ["SCRAM-SHA-256"],
  "SCRAM-SHA-512": ["SCRAM-SHA-512"],
});

const SECURITY_PROTOCOL = vocabulary<SecurityProtocol>("case-insensitive", {
  PLAINTEXT: ["PLAINTEXT"],
  SSL: ["SSL"],
  SASL_PLAINTEXT: ["SASL_PLAINTEXT"],
  SASL_SSL: ["SASL_SSL"],
});

/** Postgres compares SSL MODE exactly: `'REQUIRE'` is refused. `prefer` is refused too. */
const POSTGRES_SSL_MODE = vocabulary<TlsMode>("exact", {
  disable: ["disable"],
  require: ["require", "required"],
  "verify-ca": ["verify-ca", "verify_ca"],
  "verify-full": ["verify-full", "verify_full"],
});

/** MySQL's own words, any case; `preferred` is refused. */
const MYSQL_SSL_MODE = vocabulary<TlsMode>("case-insensitive", {
  disable: ["disabled"],
  require: ["required", "require"],
  "verify-ca": ["verify_ca", "verify-ca"],
  "verify-full": ["verify_identity", "verify-identity"],
});

/**
 * SQL Server: `verify` checks the server's certificate against the system
 * CAs, `verify_ca` against SSL CERTIFICATE AUTHORITY (unverified: whether it
 * checks the host name too, as verify-full would).
 */
const SQL_SERVER_SSL_MODE = vocabulary<TlsMode>("case-insensitive", {
  disable: ["disabled"],
  require: ["required"],
  "verify-ca": ["verify_ca"],
  "verify-full": ["verify"],
});

/** Options whose values go through a vocabulary, per connection type. */
export const VOCABULARIES: Partial<Record<MzConnectionType, Partial<Record<MzOptionName, Vocabulary>>>> = {
  KAFKA: { "SASL MECHANISMS": SASL_MECHANISM, "SECURITY PROTOCOL": SECURITY_PROTOCOL },
  POSTGRES: { "SSL MODE": POSTGRES_SSL_MODE },
  MYSQL: { "SSL MODE": MYSQL_SSL_MODE },
  "SQL SERVER": { "SSL MODE": SQL_SERVER_SSL_MODE },
};

export function vocabularyOf(type: MzConnectionType, option: string): Vocabulary | undefined {
  const table = VOCABULARIES[type];
  return table !== undefined && Object.hasOwn(table, option) ? table[option as MzOptionName] : undefined;
}

/**
 * Text values that mean "not set" (§4.6): `ENDPOINT ''` leaves the AWS
 * connection without a custom endpoint. The IR has no field for them.
 */
export const UNSET_VALUES: Partial<Record<MzConnectionType, Partial<Record<MzOptionName, string>>>> = {
  AWS: { ENDPOINT: "" },
};

export function unsetValueOf(type: MzConnectionType, option: string): string | undefined {
  const table = UNSET_VALUES[type];
  return table !== undefined && Object.hasOwn(table, option) ? table[option as MzOptionName] : undefined;
}

/** Options a type accepts whose IR field holds plain text only (no secret reference). */
export const TEXT_ONLY_FIELDS: Partial<Record<MzConnectionType, MzOptionName[]>> = {
  "SSH TUNNEL": ["USER"],
};

export function optionRank(option: string): number {
  const i = (OPTION_ORDER as readonly string[]).indexOf(option);
  return i < 0 ? OPTION_ORDER.length : i;
}

/** Keywords that force quoting of an otherwise bare identifier (§6.1). */
export const QUOTED_KEYWORDS = new Set(
  (
    "WITH SELECT FROM WHERE GROUP HAVING QUALIFY WINDOW ORDER LIMIT OFFSET FETCH OPTIONS RETURNING " +
    "UNION EXCEPT INTERSECT TRUE FALSE NULL ARRAY CASE CAST NOT ON JOIN INNER CROSS FULL LEFT RIGHT " +
    "NATURAL USING SET OUTER YEAR MONTH DAY HOUR MINUTE SECOND"
  ).split(" "),
);

/** IR fields each connection kind needs (§4), for translation into Materialize. */
export const REQUIRED_FIELDS: Partial<Record<ConnectionKind, readonly string[]>> = {
  kafka: ["brokers|tunnel"],
  schema_registry: ["url"],
  postgres: ["host", "database", "user"],
  mysql: ["host", "user"],
  sql_server: ["host", "database", "user", "password"],
  aws: ["auth"],
  aws_privatelink: ["serviceName", "availabilityZones"],
  ssh_tunnel: ["host", "user"],
  iceberg_catalog: ["catalogType", "url"],
};

/** Options whose value is a secret in some connection type: sensitivity read off the IR fields they fill. */
export const SENSITIVE_OPTIONS: ReadonlySet<string> = new Set(
  CONNECTION_TYPES.flatMap((type) =>
    Object.entries(FIELDS[type])
      .filter(([, path]) => isSensitive(KIND_OF_TYPE[type], fieldPathOf(path)))
      .map(([option]) => option),
  ),
);
