// Which IR fields a statement cannot lose without meaning something else, as
// data. Emitters read this table to decide the severity of a loss.
//
// The rule. A field is meaning-critical when the statement written without it
// would still run but do something else:
//
// * authentication — it decides who the connection is or how it proves it:
//   auth methods and credentials, SASL, the AWS connection whose identity is
//   borrowed, a TLS client certificate and key, user names. Without it the
//   target authenticates another way, as another principal, or anonymously.
// * destination — it decides where the connection goes: host, port, URL,
//   endpoint, brokers, region, account. Without it the target connects to a
//   default place.
// * route — it decides the network path: SSH tunnels, PrivateLink, broker
//   rules. Without it the target connects directly, to whatever answers at
//   that address from its own network.
// * transport — it decides whether and how the channel is secured: the Kafka
//   security protocol, TLS on/off and its verification mode, the protocol a
//   service is spoken with. Without it the target applies its own default,
//   which may be weaker or another protocol.
//
// Not critical (a warning, an error under `strict`): what a connection reads
// or writes once connected (database, bucket, path, topics), tuning, the
// trust anchor (`tls.ca`, `tls.caFile`: without it the target verifies
// against its own roots and fails closed rather than trusting more), turning
// verification off (`tls.insecureSkipVerify`: losing it also fails closed),
// encryption-at-rest settings, and settings only one platform knows
// (`extras.<dialect>`), whose meaning is that platform's catalogue's to say.
//
// Paths are plain patterns (`field-paths.ts`); a pattern covers the fields
// below it (`sasl` covers `sasl.password`, `brokers[].tunnel` covers
// `brokers[0].tunnel.port`). A target that says a field elsewhere than in
// the statement (SingleStore names Kafka brokers in the pipeline that uses a
// link) declares it in its own catalogue; the loss is then a warning.
import { covers, patternOf } from "./field-paths.js";
import type { ConnectionKind } from "./schema.js";

export type Concern = "authentication" | "destination" | "route" | "transport";

type MeaningTable = Readonly<Record<string, Concern>>;

/** A TLS client certificate is an identity; mode and on/off decide how the channel is secured. */
const TLS: MeaningTable = {
  "tls.enabled": "transport",
  "tls.mode": "transport",
  "tls.certificate": "authentication",
  "tls.key": "authentication",
  "tls.keyPassword": "authentication",
  "tls.certificateFile": "authentication",
  "tls.keyFile": "authentication",
};

const DATABASE: MeaningTable = {
  host: "destination",
  port: "destination",
  user: "authentication",
  password: "authentication",
  tunnel: "route",
  ...TLS,
};

const HTTP_SERVICE: MeaningTable = { endpoint: "destination", auth: "authentication" };

/**
 * Per connection kind, the meaning-critical fields. Every kind has an entry,
 * so that a new kind cannot be added without deciding.
 */
export const MEANING_CRITICAL: Readonly<Record<ConnectionKind, MeaningTable>> = {
  kafka: {
    brokers: "destination",
    "brokers[].tunnel": "route",
    brokerRules: "route",
    tunnel: "route",
    securityProtocol: "transport",
    sasl: "authentication",
    awsConnection: "authentication",
    ...TLS,
  },
  schema_registry: { url: "destination", port: "destination", username: "authentication", password: "authentication", tunnel: "route", ...TLS },
  postgres: DATABASE,
  mysql: { ...DATABASE, awsConnection: "authentication" },
  sql_server: DATABASE,
  aws: { auth: "authentication", endpoint: "destination", region: "destination" },
  aws_privatelink: { serviceName: "destination", availabilityZones: "route", port: "destination" },
  ssh_tunnel: { host: "destination", port: "destination", user: "authentication" },
  iceberg_catalog: {
    catalogType: "authentication",
    url: "destination",
    awsConnection: "authentication",
    credential: "authentication",
    scope: "authentication",
  },
  s3: { auth: "authentication", endpoint: "destination", region: "destination" },
  gcs: { auth: "authentication", endpoint: "destination" },
  azure_blob: { auth: "authentication", accountName: "destination", endpoint: "destination", environment: "destination" },
  object_storage: {
    provider: "destination",
    endpoint: "destination",
    accessKeyId: "authentication",
    secretAccessKey: "authentication",
    roleArn: "authentication",
  },
  hdfs: {
    protocol: "transport",
    nameNode: "destination",
    user: "authentication",
    kerberos: "authentication",
    delegationToken: "authentication",
  },
  http: { url: "destination", auth: "authentication", headers: "authentication", ...TLS },
  webhook: { url: "destination", auth: "authentication", ...TLS },
  mongodb: {
    endpoint: "destination",
    hosts: "destination",
    user: "authentication",
    password: "authentication",
    authSource: "authentication",
    ...TLS,
  },
  pubsub: { auth: "authentication", region: "destination" },
  kms: {
    provider: "destination",
    region: "destination",
    vault: "destination",
    awsAuth: "authentication",
    gcpAuth: "authentication",
    azureAuth: "authentication",
  },
  local_storage: { scheme: "destination", node: "destination" },
  ipfs: { endpoint: "destination" },
  huggingface: { token: "authentication" },
  jdbc: { url: "destination", username: "authentication", password: "authentication" },
  ai_service: { service: "destination", ...HTTP_SERVICE },
  vector_store: { service: "destination", ...HTTP_SERVICE },
  mcp_server: { sseEndpoint: "destination", transport: "transport", ...HTTP_SERVICE },
};

/** A field a target says somewhere other than the statement, so that leaving it out of the statement changes nothing. */
export interface SaidElsewhere {
  /** Plain path pattern of the field. */
  path: string;
  /** Where the target says it, for the diagnostic's hint. */
  where: string;
}

export type LossSeverity = { critical: false; saidElsewhere?: SaidElsewhere } | { critical: true; concern: Concern };

/**
 * How grave the loss of a field is (`path` from the connection, with array
 * indices or without). The most specific pattern decides; an exemption of the
 * target wins over a critical pattern of the same length, never over a more
 * specific one (SingleStore holds Kafka brokers in the pipeline, but their
 * tunnels nowhere).
 */
export function lossSeverity(kind: ConnectionKind, path: string, saidElsewhere: readonly SaidElsewhere[] = []): LossSeverity {
  const field = patternOf(path);
  let critical: { pattern: string; concern: Concern } | undefined;
  for (const [pattern, concern] of Object.entries(MEANING_CRITICAL[kind] ?? {})) {
    if (covers(pattern, field) && (critical === undefined || pattern.length > critical.pattern.length)) critical = { pattern, concern };
  }
  let exemption: SaidElsewhere | undefined;
  for (const e of saidElsewhere) {
    if (covers(e.path, field) && (exemption === undefined || e.path.length > exemption.path.length)) exemption = e;
  }
  if (exemption !== undefined && (critical === undefined || exemption.path.length >= critical.pattern.length)) {
    return { critical: false, saidElsewhere: exemption };
  }
  return critical === undefined ? { critical: false } : { critical: true, concern: critical.concern };
}

/** The concern in words: "…, which decides how it authenticates". */
export function concernWords(concern: Concern): string {
  switch (concern) {
    case "authentication":
      return "how it authenticates";
    case "destination":
      return "where it connects";
    case "route":
      return "the route it connects by";
    case "transport":
      return "the protocol and security of its connection";
  }
}
