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

// ---- Sensitive names and embedded secrets ------------------------------------------

/**
 * Words that make a setting's name sensitive wherever it appears (an unknown
 * key, a misplaced one, an option kept as written), as the platforms' own
 * redactors match them: Flink's `password` / `secret` / `token` / `key`
 * substrings, librdkafka's `*.password`, SingleStore's `*_key`.
 */
const SENSITIVE_NAME = /pass(word|wd|phrase)?($|[^a-z])|passw|pwd|secret|token|credential|private|signature|(^|[^a-z])sig($|[^a-z])|jaas|auth[._-]?(header|params)|(^|[^a-z])key($|[^a-z])|keys($|[^a-z])|apikey|accountkey|sharedaccess/i;
/** Names that mention a key but name something public: key ids, key names, key files, public keys. */
const PUBLIC_NAME = /key[._ -]?(id|name|file|location|path|type|size|alg|algorithm|md5|store[._-]?type)$|public[._ -]?key|keytab|key[._ -]?vault|kms[._ -]?key|primary[._ -]?key/i;

/** The normalised spelling of a name, for comparing names across separators and case. */
function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Levenshtein distance, bounded: returns max + 1 as soon as it is exceeded. */
function distanceWithin(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      best = Math.min(best, current[j]!);
    }
    if (best > max) return max + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Whether a setting's name says its value is secret: by the words above, or
 * because it is a near miss of a name known to be secret (`sasl.passwrd` for
 * `sasl.password`), so that a misspelt key is masked as its intended one is.
 */
export function isSensitiveName(name: string, knownSensitive: Iterable<string> = []): boolean {
  if (SENSITIVE_NAME.test(name) && !PUBLIC_NAME.test(name)) return true;
  const normal = normaliseName(name);
  if (normal.length < 4) return false;
  for (const k of normalisedNames(knownSensitive)) {
    if (distanceWithin(normal, k, k.length >= 8 ? 2 : 1) <= (k.length >= 8 ? 2 : 1)) return true;
  }
  return false;
}

/** Normalised lists of known names, kept by list: each key of a statement is compared with the same few. */
const normalisedLists = new WeakMap<object, readonly string[]>();

function normalisedNames(names: Iterable<string>): readonly string[] {
  if (!Array.isArray(names)) return Array.from(names, normaliseName);
  let normal = normalisedLists.get(names);
  if (normal === undefined) {
    normal = names.map(normaliseName);
    normalisedLists.set(names, normal);
  }
  return normal;
}

/** `key=value` settings inside a value (connection strings, query strings) whose key is secret. */
const EMBEDDED_SETTING = /(^|[;&?\s])([A-Za-z][A-Za-z0-9_.-]*)=([^;&#\s]*)/g;
/** `scheme://user:password@host`: the password of a URL's user-info. */
const URL_USERINFO = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#@:]*:([^/?#@]*)@/;

/**
 * Offsets [start, end) of secrets embedded in a value: the password of a
 * URL's user-info, and the values of secret `key=value` settings in a
 * connection string or query (`AccountKey=...`, `password=...`, `sig=...`).
 */
export function embeddedSecretRanges(value: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const userinfo = URL_USERINFO.exec(value);
  if (userinfo !== null && userinfo[1] !== "") {
    const end = userinfo.index + userinfo[0].length - 1;
    ranges.push([end - userinfo[1]!.length, end]);
  }
  if (value.includes("=")) {
    for (const m of value.matchAll(EMBEDDED_SETTING)) {
      if (m[3] === "" || !isSensitiveName(m[2]!)) continue;
      const end = m.index + m[0].length;
      ranges.push([end - m[3]!.length, end]);
    }
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

/** A text with the sorted offset ranges [start, end) replaced by the mask. */
export function maskRanges(text: string, ranges: ReadonlyArray<readonly [number, number]>): string {
  let out = "";
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at) continue;
    out += text.slice(at, start) + REDACTED;
    at = end;
  }
  return out + text.slice(at);
}

/** A value with its embedded secrets replaced by the mask. */
export function redactEmbedded(value: string): string {
  const ranges = embeddedSecretRanges(value);
  return ranges.length === 0 ? value : maskRanges(value, ranges);
}
