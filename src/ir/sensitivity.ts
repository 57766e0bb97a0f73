// Which IR fields hold secrets, as data. Emitters, redaction, translation
// (secret resolution and generation) and diagnostics all read this table.
import type { Connection, ConnectionKind } from "./schema.js";

/**
 * Sensitive field paths (dotted, relative to the connection) per kind. A path
 * ending in `.*` makes every entry of that map sensitive.
 */
export const SENSITIVE_FIELDS: Partial<Record<ConnectionKind, readonly string[]>> = {
  kafka: ["sasl.password", "sasl.oauth.clientSecret", "tls.key", "tls.keyPassword"],
  schema_registry: ["password", "tls.key", "tls.keyPassword"],
  postgres: ["password", "tls.key", "tls.keyPassword"],
  mysql: ["password", "tls.key", "tls.keyPassword"],
  sql_server: ["password", "tls.key", "tls.keyPassword"],
  aws: ["auth.secretAccessKey", "auth.sessionToken", "auth.externalId"],
  iceberg_catalog: ["credential"],
  s3: ["auth.secretAccessKey", "auth.sessionToken", "auth.externalId", "masterKey", "serverSideEncryption.customerKey"],
  gcs: ["auth.key", "auth.secretKey", "auth.token"],
  azure_blob: ["auth.accountKey", "auth.clientSecret", "auth.token"],
  object_storage: ["secretAccessKey"],
  hdfs: ["delegationToken"],
  http: ["auth.password", "auth.token", "auth.apiKey", "auth.clientSecret", "auth.secretAccessKey", "auth.sessionToken", "auth.serviceKey", "auth.headers.*", "headers.*", "tls.key", "tls.keyPassword"],
  webhook: ["auth.password", "auth.token", "auth.apiKey", "auth.clientSecret", "auth.headers.*", "tls.key", "tls.keyPassword"],
  mongodb: ["password", "tls.key", "tls.keyPassword"],
  pubsub: ["auth.key", "auth.secretKey", "auth.token"],
  kms: ["awsAuth.secretAccessKey", "awsAuth.sessionToken", "gcpAuth.key", "azureAuth.clientSecret", "azureAuth.accountKey"],
  huggingface: ["token"],
  jdbc: ["password"],
  ai_service: ["auth.password", "auth.token", "auth.apiKey", "auth.clientSecret", "auth.secretAccessKey", "auth.sessionToken", "auth.serviceKey", "auth.headers.*"],
  vector_store: ["auth.password", "auth.token", "auth.apiKey", "auth.clientSecret", "auth.secretAccessKey", "auth.sessionToken", "auth.serviceKey", "auth.headers.*"],
  mcp_server: ["auth.password", "auth.token", "auth.apiKey", "auth.clientSecret", "auth.headers.*"],
};

/** Whether a field path of a connection kind holds a secret. */
export function isSensitive(kind: ConnectionKind, path: string): boolean {
  return (SENSITIVE_FIELDS[kind] ?? []).some((p) =>
    p.endsWith(".*") ? path.startsWith(p.slice(0, -1)) && path.length > p.length - 1 : p === path,
  );
}

export interface FieldSite {
  /** Dotted path from the connection, e.g. `sasl.password` or `headers.Authorization`. */
  path: string;
  value: unknown;
  /** Replaces the value in place. */
  set(value: unknown): void;
}

/** Visits every sensitive field present in a connection. */
export function sensitiveSites(connection: Connection): FieldSite[] {
  const sites: FieldSite[] = [];
  for (const pattern of SENSITIVE_FIELDS[connection.kind] ?? []) {
    const wildcard = pattern.endsWith(".*");
    const segments = (wildcard ? pattern.slice(0, -2) : pattern).split(".");
    let parent: Record<string, unknown> | undefined = connection as unknown as Record<string, unknown>;
    for (const segment of segments.slice(0, -1)) {
      const next: unknown = parent?.[segment];
      parent = typeof next === "object" && next !== null ? (next as Record<string, unknown>) : undefined;
    }
    const last = segments[segments.length - 1]!;
    if (parent === undefined || parent[last] === undefined) continue;
    if (!wildcard) {
      const holder = parent;
      sites.push({ path: pattern, value: holder[last], set: (v) => (holder[last] = v) });
      continue;
    }
    const map = parent[last];
    if (typeof map !== "object" || map === null) continue;
    for (const key of Object.keys(map)) {
      const holder = map as Record<string, unknown>;
      sites.push({ path: `${segments.join(".")}.${key}`, value: holder[key], set: (v) => (holder[key] = v) });
    }
  }
  return sites;
}

/** The mask redaction writes instead of a secret value. */
export const REDACTED = "********";
