// Deterministic generator of a realistic Materialize connection-DDL corpus for
// the benchmark (scripts/bench.mjs) and its unit test. Everything is derived
// from a seeded PRNG: the same options always give the same text.
//
// The corpus is a sequence of "documents" (what a user keeps in one migration
// file), each made of "scenarios": a coherent group of statements such as the
// secrets, the SSH bastion and the Kafka connection that uses them, followed by
// later ALTERs. Within a document the layout style is consistent (keyword case,
// `=` or not, indentation, one line or one option per line, comments), as in
// hand-written files; across documents it varies.
//
// Every statement is valid for the platform's parser and planner rules: no
// syntax errors, every option allowed for its connection type, secrets where
// secrets are required, ALTERs consistent with the connection's type.

import { Buffer } from "node:buffer";

export const DEFAULT_SEED = 20_240_601;

/** A small, fast, seeded PRNG (mulberry32) with the helpers the generator uses. */
export function createRng(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (items) => items[Math.floor(next() * items.length)];
  const chance = (p) => next() < p;
  /** entries: [value, weight][] */
  const weighted = (entries) => {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries[entries.length - 1][0];
  };
  const sample = (items, n) => {
    const copy = [...items];
    const out = [];
    while (out.length < n && copy.length > 0) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0]);
    return out;
  };
  const chars = (alphabet, n) => {
    let s = "";
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(next() * alphabet.length)];
    return s;
  };
  return { next, int, pick, chance, weighted, sample, chars };
}

// ---- Vocabulary ------------------------------------------------------------------------

const DOMAINS = [
  "orders", "payments", "inventory", "users", "analytics", "billing", "clickstream", "shipments",
  "crm", "ledger", "catalog", "fraud", "events", "telemetry", "search", "support", "marketing", "iot",
];
const ENVS = ["prod", "staging", "dev", "qa", "prod_eu", "prod_us"];
const SCHEMAS = ["conns", "ops", "ingest", "platform", "secrets_vault"];
const QUALIFIED_PREFIXES = ["materialize.public", "materialize.ingest", "analytics.public", "prod.connections"];
const ROLES = ["platform_admin", "data_eng", "mz_system_owner", "ingest_service", "analytics_team"];

const REGIONS = {
  "us-east-1": ["use1-az1", "use1-az2", "use1-az4", "use1-az5", "use1-az6"],
  "us-west-2": ["usw2-az1", "usw2-az2", "usw2-az3", "usw2-az4"],
  "eu-west-1": ["euw1-az1", "euw1-az2", "euw1-az3"],
  "eu-central-1": ["euc1-az1", "euc1-az2", "euc1-az3"],
  "ap-southeast-2": ["apse2-az1", "apse2-az2", "apse2-az3"],
};
const REGION_NAMES = Object.keys(REGIONS);

const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
const UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const HEX = "0123456789abcdef";
const BASE64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%&*+-.:=?@^_~'";

const COMMENT_LINES = [
  "managed by the platform team, do not edit by hand",
  "credentials rotate every 90 days",
  "see runbook: ingest/kafka.md",
  "TODO: move to PrivateLink once the VPC peering is gone",
  "requested in DATA-1432",
  "read replica, not the primary",
  "owner: data-eng on-call",
  "values come from the vault export",
  "keep in sync with terraform/materialize/connections.tf",
  "staging mirrors prod settings",
  "ssl is required by the security baseline",
  "Überprüft: TLS 1.2+ only",
  "bastion in the shared-services account",
  "temporary: remove after the cutover",
];
/** Trailing `-- note` comments users put after an option, by option. */
const OPTION_NOTES = {
  HOST: ["primary", "writer endpoint", "read replica", "via VPN"],
  PORT: ["non-default port", "pgbouncer", "default"],
  USER: ["service account", "replication user", "least privilege"],
  PASSWORD: ["from vault", "rotated quarterly"],
  "SASL PASSWORD": ["from vault", "rotated quarterly", "API secret"],
  "SASL USERNAME": ["API key", "service account"],
  "SASL MECHANISMS": ["required by the cluster", "SCRAM only on MSK"],
  "SSL MODE": ["per security review", "TLS required"],
  "SSL CERTIFICATE AUTHORITY": ["private CA", "internal PKI"],
  BROKER: ["bootstrap only", "primary"],
  BROKERS: ["all brokers, one per AZ", "bootstrap list"],
  "SSH TUNNEL": ["bastion", "shared-services bastion"],
  "AWS PRIVATELINK": ["az pinned", "endpoint service"],
  "AWS CONNECTION": ["IAM auth"],
  DATABASE: ["logical replication enabled", "CDC database"],
};
const GENERIC_NOTES = ["do not change", "see runbook", "TODO: review", "set by terraform"];

// ---- Style -------------------------------------------------------------------------------

/** Layout conventions of one document. */
function makeStyle(rng) {
  return {
    keywordCase: rng.weighted([["upper", 58], ["lower", 24], ["title", 9], ["mixed", 9]]),
    equals: rng.weighted([["always", 50], ["never", 28], ["mixed", 17], ["tight", 5]]),
    layout: rng.weighted([["block", 52], ["inline", 22], ["splitHead", 14], ["commaFirst", 12]]),
    indent: rng.weighted([["    ", 55], ["  ", 35], ["\t", 10]]),
    comments: rng.weighted([[0, 30], [0.15, 45], [0.4, 25]]),
    brackets: rng.chance(0.2),
    blankLines: rng.weighted([[1, 55], [2, 15], [0, 30]]),
    blockComments: rng.chance(0.25),
  };
}

function casedWord(rng, style, word) {
  switch (style.keywordCase) {
    case "upper":
      return word;
    case "lower":
      return word.toLowerCase();
    case "title":
      return word[0] + word.slice(1).toLowerCase();
    default:
      return rng.weighted([[word, 3], [word.toLowerCase(), 2], [word[0] + word.slice(1).toLowerCase(), 1]]);
  }
}

/** Keywords written in the document's case convention. */
function kw(rng, style, words) {
  return words
    .split(" ")
    .map((w) => casedWord(rng, style, w))
    .join(" ");
}

function eq(rng, style) {
  switch (style.equals) {
    case "always":
      return " = ";
    case "never":
      return " ";
    case "tight":
      return rng.chance(0.7) ? "=" : " = ";
    default:
      return rng.chance(0.5) ? " = " : " ";
  }
}

function str(value) {
  return `'${value.replace(/'/g, "''")}'`;
}

// ---- Generator context -------------------------------------------------------------------

class Context {
  constructor(rng) {
    this.rng = rng;
    this.usedNames = new Set();
    /** Connections created so far (for SHOW CREATE / VALIDATE / DROP scenarios). */
    this.connections = [];
    this.secrets = [];
  }

  /** A fresh object name: usually bare, sometimes qualified or quoted. */
  name(base) {
    const rng = this.rng;
    let sql;
    const shape = rng.weighted([["bare", 78], ["schema", 12], ["full", 5], ["quoted", 5]]);
    const unique = (candidate) => {
      let n = 1;
      let s = candidate;
      while (this.usedNames.has(s)) s = candidate.replace(/("?)$/, `_${++n}$1`);
      this.usedNames.add(s);
      return s;
    };
    switch (shape) {
      case "schema":
        sql = unique(`${rng.pick(SCHEMAS)}.${base}`);
        break;
      case "full":
        sql = unique(`${rng.pick(QUALIFIED_PREFIXES)}.${base}`);
        break;
      case "quoted":
        sql = unique(`"${base.replace(/_/g, "-")}"`);
        break;
      default:
        sql = unique(base);
    }
    return sql;
  }
}

// ---- Statement rendering ---------------------------------------------------------------

/**
 * A connection option: `name` is the keyword sequence, `value` the value text
 * (or a list of item texts for BROKERS / AVAILABILITY ZONES), `note` an
 * optional trailing comment.
 */
function opt(name, value, extra = {}) {
  return { name, value, ...extra };
}

function renderValue(rng, style, option, depth, multiline) {
  const v = option.value;
  if (v === undefined) return "";
  if (typeof v === "string") return v;
  // A sequence: BROKERS (...) / AVAILABILITY ZONES (...).
  const [open, close] = option.brackets ? ["[", "]"] : ["(", ")"];
  const longList = v.length > 1 && v.join(", ").length > 60;
  if (multiline && longList) {
    const inner = style.indent.repeat(depth + 1);
    const outer = style.indent.repeat(depth);
    return `${open}\n${v.map((item) => inner + item).join(",\n")}\n${outer}${close}`;
  }
  return `${open}${v.join(", ")}${close}`;
}

function renderOption(rng, style, option, depth, multiline) {
  const name = kw(rng, style, option.name);
  if (option.value === undefined) return name;
  const sep = eq(rng, style);
  return `${name}${sep}${renderValue(rng, style, option, depth, multiline)}`;
}

function noteComment(rng, style, option) {
  if (!rng.chance(style.comments)) return "";
  const note = rng.pick(OPTION_NOTES[option.name] ?? GENERIC_NOTES);
  return style.blockComments && rng.chance(0.6) ? ` /* ${note} */` : ` -- ${note}`;
}

function leadingComment(rng, style, text) {
  if (text !== undefined && rng.chance(0.35 + style.comments)) return `-- ${text}\n`;
  if (rng.chance(style.comments / 2)) return `-- ${rng.pick(COMMENT_LINES)}\n`;
  return "";
}

function renderWith(rng, style, withValidate) {
  if (withValidate === undefined) return "";
  return ` ${kw(rng, style, "WITH")} (${kw(rng, style, "VALIDATE")}${eq(rng, style)}${withValidate ? "true" : "false"})`;
}

/** CREATE CONNECTION in the document's layout. */
function createConnection(rng, style, { name, type, options, ifNotExists, withValidate, comment, legacy }) {
  const head = `${kw(rng, style, "CREATE CONNECTION")}${ifNotExists ? ` ${kw(rng, style, "IF NOT EXISTS")}` : ""} ${name}`;
  const lead = leadingComment(rng, style, comment);
  if (legacy) {
    // The older `FOR type opt, opt` form: one line, no parentheses.
    const body = options.map((o) => renderOption(rng, style, o, 0, false)).join(", ");
    return `${lead}${head} ${kw(rng, style, "FOR")} ${kw(rng, style, type)} ${body};`;
  }
  const to = `${kw(rng, style, "TO")} ${kw(rng, style, type)}`;
  const withClause = renderWith(rng, style, withValidate);
  const ind = style.indent;
  const layout = options.length <= 2 && style.layout !== "inline" && rng.chance(0.5) ? "inline" : style.layout;
  switch (layout) {
    case "inline": {
      const body = options.map((o) => renderOption(rng, style, o, 0, false)).join(", ");
      return `${lead}${head} ${to} (${body})${withClause};`;
    }
    case "commaFirst": {
      const lines = options.map((o, i) => `${ind}${i === 0 ? "  " : ", "}${renderOption(rng, style, o, 2, true)}${noteComment(rng, style, o)}`);
      return `${lead}${head} ${to} (\n${lines.join("\n")}\n)${withClause};`;
    }
    case "splitHead": {
      const lines = options.map((o, i) => {
        const last = i === options.length - 1;
        return `${ind}${ind}${renderOption(rng, style, o, 2, true)}${last ? "" : ","}${noteComment(rng, style, o)}`;
      });
      const withLine = withClause === "" ? "" : `\n${ind}${withClause.trimStart()}`;
      return `${lead}${head}\n${ind}${to} (\n${lines.join("\n")}\n${ind})${withLine};`;
    }
    default: {
      const lines = [];
      options.forEach((o, i) => {
        const last = i === options.length - 1;
        if (o.groupComment !== undefined && rng.chance(0.3 + style.comments)) lines.push(`${ind}-- ${o.groupComment}`);
        lines.push(`${ind}${renderOption(rng, style, o, 1, true)}${last ? "" : ","}${noteComment(rng, style, o)}`);
      });
      const withPart = withClause === "" ? "" : rng.chance(0.5) ? withClause : `\n${withClause.trimStart()}`;
      return `${lead}${head} ${to} (\n${lines.join("\n")}\n)${withPart};`;
    }
  }
}

/** CREATE SECRET with a plain string, a multi-line PEM string or decode(..., 'base64'). */
function createSecret(rng, style, { name, value, encoding, ifNotExists, comment }) {
  const head = `${kw(rng, style, "CREATE SECRET")}${ifNotExists ? ` ${kw(rng, style, "IF NOT EXISTS")}` : ""} ${name} ${kw(rng, style, "AS")}`;
  return `${leadingComment(rng, style, comment)}${head} ${secretExpression(rng, style, value, encoding)};`;
}

function secretExpression(rng, style, value, encoding) {
  if (encoding === "base64") {
    const fn = style.keywordCase === "upper" && rng.chance(0.3) ? "DECODE" : "decode";
    return `${fn}(${str(Buffer.from(value, "utf8").toString("base64"))}, 'base64')`;
  }
  return str(value);
}

function alterConnection(rng, style, { name, actions, ifExists, withValidate, comment }) {
  const head = `${kw(rng, style, "ALTER CONNECTION")}${ifExists ? ` ${kw(rng, style, "IF EXISTS")}` : ""} ${name}`;
  const rendered = actions.map((a) => {
    switch (a.kind) {
      case "set":
        return `${kw(rng, style, "SET")} (${renderOption(rng, style, a.option, 0, false)})`;
      case "drop":
        return `${kw(rng, style, rng.chance(0.25) ? "RESET" : "DROP")} (${kw(rng, style, a.option)})`;
      default:
        return kw(rng, style, "ROTATE KEYS");
    }
  });
  const body = rendered.length > 1 && style.layout !== "inline" && rng.chance(0.5)
    ? `\n${style.indent}${rendered.join(`,\n${style.indent}`)}`
    : ` ${rendered.join(", ")}`;
  return `${leadingComment(rng, style, comment)}${head}${body}${renderWith(rng, style, withValidate)};`;
}

// ---- Values ----------------------------------------------------------------------------

function password(rng) {
  return rng.chars(PASSWORD_ALPHABET, rng.int(16, 40));
}

function pem(rng, label) {
  const lines = [];
  const n = rng.int(6, 18);
  for (let i = 0; i < n; i++) lines.push(rng.chars(BASE64_ALPHABET, i === n - 1 ? rng.int(8, 60) : 64));
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----`;
}

function port(rng, defaults) {
  return String(rng.pick(defaults));
}

/** Broker addresses of one cluster: one naming pattern, numbered brokers. */
function kafkaHosts(rng, env, domain) {
  const e = env.replace(/_/g, "-");
  const region = rng.pick(REGION_NAMES);
  const pattern = rng.weighted([["msk", 35], ["confluent", 20], ["k8s", 15], ["internal", 20], ["ip", 10]]);
  const cluster = rng.chars(LOWER_ALNUM, 6);
  const mskPort = rng.pick([9092, 9094, 9096, 9098]);
  const internalPort = rng.pick([9092, 9093, 19092]);
  const net = `10.${rng.int(0, 255)}.${rng.int(0, 255)}`;
  return (i) => {
    switch (pattern) {
      case "msk":
        return `b-${i + 1}.${domain}-${e}.${cluster}.c${(i % 3) + 1}.kafka.${region}.amazonaws.com:${mskPort}`;
      case "confluent":
        return `pkc-${cluster.slice(0, 5)}.${region}.aws.confluent.cloud:9092`;
      case "k8s":
        return `kafka-${i}.kafka-headless.${domain}.svc.cluster.local:9092`;
      case "internal":
        return `broker${i + 1}.${e}.internal.example.com:${internalPort}`;
      default:
        return `${net}.${10 + i}:9092`;
    }
  };
}

function dbHost(rng, env, domain, engine) {
  const region = rng.pick(REGION_NAMES);
  return rng.weighted([
    [() => `${domain}-${engine}-${env.replace(/_/g, "-")}.cluster-${rng.chars(LOWER_ALNUM, 12)}.${region}.rds.amazonaws.com`, 45],
    [() => `${engine}-${rng.pick(["primary", "replica-1", "replica-2", "cdc"])}.${domain}.internal`, 25],
    [() => `${domain}.${rng.chars(LOWER_ALNUM, 8)}.${rng.pick(["database.windows.net", "postgres.database.azure.com", "cloudsql.example.net"])}`, 15],
    [() => `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`, 15],
  ])();
}

function ident(rng, candidates) {
  // A value written as a bare identifier (folds to lower case) or as a string.
  const v = rng.pick(candidates);
  return rng.chance(0.4) ? v : str(v);
}

function secretRef(rng, style, name) {
  return `${kw(rng, style, "SECRET")} ${name}`;
}

// ---- Scenarios ---------------------------------------------------------------------------

/** Creates a secret and returns [statement, name]. */
function newSecret(ctx, style, base, kind = "password", comment) {
  const rng = ctx.rng;
  const name = ctx.name(base);
  let value;
  let encoding = "text";
  switch (kind) {
    case "pem-cert":
      value = pem(rng, "CERTIFICATE");
      break;
    case "pem-key":
      value = pem(rng, rng.pick(["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"]));
      encoding = rng.chance(0.3) ? "base64" : "text";
      break;
    case "token":
      value = rng.chars(UPPER_ALNUM, 16) + rng.chars(BASE64_ALPHABET, rng.int(24, 48));
      encoding = rng.chance(0.35) ? "base64" : "text";
      break;
    default:
      value = password(rng);
      encoding = rng.chance(0.3) ? "base64" : "text";
  }
  ctx.secrets.push(name);
  const statement = createSecret(rng, style, { name, value, encoding, ifNotExists: rng.chance(0.15), comment });
  return [statement, name];
}

function sshTunnel(ctx, style, domain, env, out) {
  const rng = ctx.rng;
  const name = ctx.name(`${domain}_ssh_${env}`);
  const options = [
    opt("HOST", str(rng.weighted([[`bastion.${env.replace(/_/g, "-")}.example.com`, 2], [`10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`, 1], [`ec2-${rng.int(3, 54)}-${rng.int(0, 255)}-${rng.int(0, 255)}-${rng.int(1, 254)}.compute-1.amazonaws.com`, 1]]))),
    opt("PORT", port(rng, [22, 22, 22, 2222])),
    opt("USER", rng.chance(0.7) ? str(rng.pick(["materialize", "mz_tunnel", "ubuntu", "ec2-user"])) : rng.pick(["materialize", "tunnel"])),
  ];
  if (rng.chance(0.15)) options.splice(1, 1); // PORT defaults to 22
  out.push(createConnection(rng, style, {
    name, type: "SSH TUNNEL", options, ifNotExists: rng.chance(0.1), comment: "SSH bastion for private network access",
    legacy: rng.chance(0.03),
  }));
  ctx.connections.push({ name, type: "SSH TUNNEL" });
  return name;
}

function privatelink(ctx, style, domain, env, out) {
  const rng = ctx.rng;
  const name = ctx.name(`${domain}_privatelink_${env}`);
  const region = rng.pick(REGION_NAMES);
  const zones = rng.sample(REGIONS[region], rng.int(1, Math.min(3, REGIONS[region].length)));
  const options = [
    opt("SERVICE NAME", str(`com.amazonaws.vpce.${region}.vpce-svc-${rng.chars(HEX, 17)}`)),
    opt("AVAILABILITY ZONES", zones.map(str), { brackets: style.brackets }),
  ];
  out.push(createConnection(rng, style, { name, type: "AWS PRIVATELINK", options, comment: `PrivateLink endpoint service (${region})` }));
  ctx.connections.push({ name, type: "AWS PRIVATELINK" });
  return { name, zones };
}

function awsConnection(ctx, style, domain, env, out, mode = ctx.rng.chance(0.7) ? "role" : "keys") {
  const rng = ctx.rng;
  const name = ctx.name(`${domain}_aws_${env}`);
  const options = [];
  if (mode === "role") {
    const account = rng.chars("0123456789", 12);
    options.push(opt("ASSUME ROLE ARN", str(`arn:aws:iam::${account}:role/${rng.pick(["Materialize", "MaterializeS3", "mz-msk-access", "MzIcebergWriter"])}${rng.chance(0.5) ? `-${env}` : ""}`)));
    if (rng.chance(0.4)) options.push(opt("ASSUME ROLE SESSION NAME", str(`materialize-${env.replace(/_/g, "-")}`)));
  } else {
    const [stmt, secretName] = newSecret(ctx, style, `${domain}_aws_secret_key_${env}`, "token");
    out.push(stmt);
    let keyId = `AKIA${rng.chars(UPPER_ALNUM, 16)}`;
    if (rng.chance(0.3)) {
      const [keyStmt, keyName] = newSecret(ctx, style, `${domain}_aws_key_id_${env}`, "token");
      out.push(keyStmt);
      keyId = secretRef(rng, style, keyName);
    } else {
      keyId = str(keyId);
    }
    options.push(opt("ACCESS KEY ID", keyId), opt("SECRET ACCESS KEY", secretRef(rng, style, secretName)));
    if (rng.chance(0.15)) {
      const [tokStmt, tokName] = newSecret(ctx, style, `${domain}_aws_session_token_${env}`, "token");
      out.push(tokStmt);
      options.push(opt("SESSION TOKEN", secretRef(rng, style, tokName)));
    }
  }
  if (rng.chance(0.6)) options.push(opt("REGION", str(rng.pick(REGION_NAMES))));
  if (rng.chance(0.08)) options.push(opt("ENDPOINT", str(`https://minio.${domain}.internal:9000`)));
  out.push(createConnection(rng, style, {
    name, type: "AWS", options, comment: mode === "role" ? "AWS role assumed by Materialize" : "AWS static credentials (legacy)",
  }));
  ctx.connections.push({ name, type: "AWS", mode });
  return { name, mode };
}

function kafkaScenario(ctx, style, domain, env) {
  const rng = ctx.rng;
  const out = [];
  const auth = rng.weighted([["sasl_ssl", 45], ["mtls", 15], ["iam", 12], ["plaintext", 10], ["sasl_plaintext", 6], ["ssl", 12]]);
  const network = rng.weighted([["direct", 45], ["ssh", 20], ["privatelink_brokers", 20], ["privatelink_default", 15]]);
  const options = [];

  let ssh;
  let pl;
  if (network === "ssh") ssh = sshTunnel(ctx, style, domain, env, out);
  if (network.startsWith("privatelink")) pl = privatelink(ctx, style, domain, env, out);

  // Broker source.
  if (network === "privatelink_default") {
    const withPort = rng.chance(0.5);
    options.push(opt("AWS PRIVATELINK", `${pl.name}${withPort ? ` (${kw(rng, style, "PORT")} ${rng.pick([9092, 9094, 9096])})` : ""}`, { groupComment: "brokers behind the endpoint service" }));
  } else {
    const host = kafkaHosts(rng, env, domain);
    const count = rng.weighted([[1, 35], [2, 15], [3, 35], [6, 15]]);
    const sshPerBroker = ssh !== undefined && rng.chance(0.6);
    const brokers = [];
    for (let i = 0; i < count; i++) {
      let b = str(host(i));
      if (pl !== undefined) {
        const plOpts = [];
        if (rng.chance(0.8)) plOpts.push(`${kw(rng, style, "AVAILABILITY ZONE")}${eq(rng, style)}${str(pl.zones[i % pl.zones.length])}`);
        if (rng.chance(0.3)) plOpts.push(`${kw(rng, style, "PORT")}${eq(rng, style)}${rng.pick([9092, 9093, 9094, 9096])}`);
        b += ` ${kw(rng, style, "USING AWS PRIVATELINK")} ${pl.name}${plOpts.length > 0 ? ` (${plOpts.join(", ")})` : ""}`;
      } else if (sshPerBroker) {
        b += ` ${kw(rng, style, "USING SSH TUNNEL")} ${ssh}`;
      }
      brokers.push(b);
    }
    if (count === 1 && rng.chance(0.8)) options.push(opt("BROKER", brokers[0], { groupComment: "bootstrap server" }));
    else options.push(opt("BROKERS", brokers, { brackets: style.brackets, groupComment: "bootstrap servers" }));
    if (ssh !== undefined && !sshPerBroker) options.push(opt("SSH TUNNEL", ssh));
  }

  // Security.
  const secretOpts = [];
  const protocolWords = { sasl_ssl: "SASL_SSL", sasl_plaintext: "SASL_PLAINTEXT", plaintext: "PLAINTEXT", ssl: "SSL", mtls: "SSL" };
  const writeProtocol = auth === "plaintext" || auth === "sasl_plaintext" || (auth !== "iam" && rng.chance(0.4));
  if (writeProtocol) {
    const p = protocolWords[auth];
    secretOpts.push(opt("SECURITY PROTOCOL", p === "SSL" ? str(p) : rng.chance(0.5) ? str(p) : rng.chance(0.5) ? p : p.toLowerCase(), { groupComment: "security" }));
  }
  let saslPasswordSecret;
  if (auth === "sasl_ssl" || auth === "sasl_plaintext") {
    const mech = rng.weighted([["PLAIN", 45], ["SCRAM-SHA-512", 35], ["SCRAM-SHA-256", 20]]);
    secretOpts.push(opt("SASL MECHANISMS", mech === "PLAIN" && rng.chance(0.3) ? rng.pick(["PLAIN", "plain"]) : str(mech), { groupComment: "SASL" }));
    if (rng.chance(0.35)) {
      const [s, n] = newSecret(ctx, style, `${domain}_kafka_user_${env}`, "token");
      out.push(s);
      secretOpts.push(opt("SASL USERNAME", secretRef(rng, style, n)));
    } else {
      secretOpts.push(opt("SASL USERNAME", str(mech === "PLAIN" ? rng.chars(UPPER_ALNUM, 16) : `mz-${domain}-${env}`)));
    }
    const [s, n] = newSecret(ctx, style, `${domain}_kafka_password_${env}`, mech === "PLAIN" ? "token" : "password", "SASL password");
    out.push(s);
    saslPasswordSecret = n;
    secretOpts.push(opt("SASL PASSWORD", secretRef(rng, style, n)));
  }
  const tlsCapable = auth === "sasl_ssl" || auth === "ssl" || auth === "mtls";
  let hasCa = false;
  if (tlsCapable && (auth === "mtls" || rng.chance(0.3))) {
    if (rng.chance(0.85)) {
      const [s, n] = newSecret(ctx, style, `${domain}_kafka_ca_${env}`, "pem-cert", "private CA bundle");
      out.push(s);
      secretOpts.push(opt("SSL CERTIFICATE AUTHORITY", secretRef(rng, style, n)));
    } else {
      secretOpts.push(opt("SSL CERTIFICATE AUTHORITY", str(pem(rng, "CERTIFICATE"))));
    }
    hasCa = true;
  }
  if (auth === "mtls") {
    const [cs, cn] = newSecret(ctx, style, `${domain}_kafka_client_cert_${env}`, "pem-cert");
    const [ks, kn] = newSecret(ctx, style, `${domain}_kafka_client_key_${env}`, "pem-key", "client key for mTLS");
    out.push(cs, ks);
    secretOpts.push(opt("SSL CERTIFICATE", secretRef(rng, style, cn)), opt("SSL KEY", secretRef(rng, style, kn)));
  }
  let aws;
  if (auth === "iam") {
    aws = awsConnection(ctx, style, domain, env, out, "role");
    secretOpts.push(opt("AWS CONNECTION", aws.name, { groupComment: "MSK IAM auth" }));
  }
  options.push(...secretOpts);
  if (rng.chance(0.25)) {
    options.push(opt("PROGRESS TOPIC", str(`_materialize-progress-${domain}-${env.replace(/_/g, "-")}`)));
    if (rng.chance(0.5)) options.push(opt("PROGRESS TOPIC REPLICATION FACTOR", String(rng.pick([1, 3, 3, 3]))));
  }
  if (rng.chance(0.25)) shuffleTail(rng, options);

  const name = ctx.name(`${domain}_kafka_${env}`);
  out.push(createConnection(rng, style, {
    name, type: "KAFKA", options, ifNotExists: rng.chance(0.15), withValidate: rng.chance(0.2) ? rng.chance(0.2) : undefined,
    comment: `Kafka cluster for ${domain} (${env})`,
  }));
  ctx.connections.push({ name, type: "KAFKA" });

  // Later changes.
  const alters = rng.weighted([[0, 50], [1, 35], [2, 15]]);
  for (let i = 0; i < alters; i++) {
    const actions = [];
    const choice = rng.weighted([
      ["password", saslPasswordSecret !== undefined ? 4 : 0],
      ["brokers", network === "direct" ? 3 : 0],
      ["ca", hasCa ? 1 : 0],
      ["mechanism", saslPasswordSecret !== undefined ? 1 : 0],
      ["owner", 1],
    ]);
    if (choice === "password") {
      const [s, n] = newSecret(ctx, style, `${domain}_kafka_password_${env}_v${i + 2}`, "password", "rotated credentials");
      out.push(s);
      actions.push({ kind: "set", option: opt("SASL PASSWORD", secretRef(rng, style, n)) });
    } else if (choice === "brokers") {
      const n = rng.int(1, 3);
      const host = kafkaHosts(rng, env, domain);
      const brokers = Array.from({ length: n }, (_, j) => str(host(j)));
      actions.push({ kind: "set", option: n === 1 ? opt("BROKER", brokers[0]) : opt("BROKERS", brokers) });
    } else if (choice === "ca") {
      actions.push({ kind: "drop", option: "SSL CERTIFICATE AUTHORITY" });
    } else if (choice === "mechanism") {
      actions.push({ kind: "set", option: opt("SASL MECHANISMS", str("SCRAM-SHA-512")) });
    } else {
      out.push(`${kw(rng, style, "ALTER CONNECTION")} ${name} ${kw(rng, style, "OWNER TO")} ${rng.pick(ROLES)};`);
      continue;
    }
    out.push(alterConnection(rng, style, { name, actions, ifExists: rng.chance(0.2), withValidate: rng.chance(0.3) ? false : undefined }));
  }
  if (rng.chance(0.2)) out.push(`${kw(rng, style, "VALIDATE CONNECTION")} ${name};`);
  if (rng.chance(0.15)) out.push(commentOn(rng, style, "CONNECTION", name, `Kafka for ${domain} ingestion`));
  return out;
}

/** Shuffles everything but the first option (the broker source stays first, as users write it). */
function shuffleTail(rng, options) {
  for (let i = options.length - 1; i > 1; i--) {
    const j = 1 + Math.floor(rng.next() * i);
    [options[i], options[j]] = [options[j], options[i]];
  }
}

function commentOn(rng, style, kind, name, text) {
  return `${kw(rng, style, `COMMENT ON ${kind}`)} ${name} ${kw(rng, style, "IS")} ${rng.chance(0.9) ? str(text) : kw(rng, style, "NULL")};`;
}

function networkFor(ctx, style, domain, env, out, weights = [["direct", 60], ["ssh", 25], ["privatelink", 15]]) {
  const rng = ctx.rng;
  const network = rng.weighted(weights);
  if (network === "ssh") return opt("SSH TUNNEL", sshTunnel(ctx, style, domain, env, out), { groupComment: "network" });
  if (network === "privatelink") return opt("AWS PRIVATELINK", privatelink(ctx, style, domain, env, out).name, { groupComment: "network" });
  return undefined;
}

function schemaRegistryScenario(ctx, style, domain, env) {
  const rng = ctx.rng;
  const out = [];
  const options = [];
  const hosted = rng.chance(0.55);
  const url = hosted
    ? `https://psrc-${rng.chars(LOWER_ALNUM, 5)}.${rng.pick(REGION_NAMES)}.aws.confluent.cloud`
    : `${rng.pick(["http", "https"])}://schema-registry.${domain}.internal:${rng.pick([8081, 8081, 443])}${rng.chance(0.2) ? "/" : ""}`;
  options.push(opt("URL", str(url)));
  let passwordSecret;
  if (hosted || rng.chance(0.4)) {
    const userWord = rng.chance(0.5) ? "USERNAME" : "USER";
    if (rng.chance(0.4)) {
      const [s, n] = newSecret(ctx, style, `${domain}_csr_user_${env}`, "token");
      out.push(s);
      options.push(opt(userWord, secretRef(rng, style, n)));
    } else {
      options.push(opt(userWord, str(rng.chars(UPPER_ALNUM, 16))));
    }
    const [s, n] = newSecret(ctx, style, `${domain}_csr_password_${env}`, "token", "schema registry API secret");
    out.push(s);
    passwordSecret = n;
    options.push(opt("PASSWORD", secretRef(rng, style, n)));
  } else if (rng.chance(0.3)) {
    const [cs, cn] = newSecret(ctx, style, `${domain}_csr_cert_${env}`, "pem-cert");
    const [ks, kn] = newSecret(ctx, style, `${domain}_csr_key_${env}`, "pem-key");
    out.push(cs, ks);
    options.push(opt("SSL CERTIFICATE", secretRef(rng, style, cn)), opt("SSL KEY", secretRef(rng, style, kn)));
  }
  if (!hosted) {
    const net = networkFor(ctx, style, domain, env, out, [["direct", 70], ["ssh", 20], ["privatelink", 10]]);
    if (net) options.push(net);
  }
  const name = ctx.name(`${domain}_csr_${env}`);
  out.push(createConnection(rng, style, {
    name, type: "CONFLUENT SCHEMA REGISTRY", options, ifNotExists: rng.chance(0.15),
    withValidate: rng.chance(0.15) ? false : undefined, comment: "Confluent Schema Registry",
  }));
  ctx.connections.push({ name, type: "CONFLUENT SCHEMA REGISTRY" });
  if (passwordSecret !== undefined && rng.chance(0.3)) {
    out.push(alterSecret(ctx, style, passwordSecret));
  }
  if (rng.chance(0.15)) {
    out.push(alterConnection(rng, style, { name, actions: [{ kind: "set", option: opt("URL", str(`https://psrc-${rng.chars(LOWER_ALNUM, 5)}.${rng.pick(REGION_NAMES)}.aws.confluent.cloud`)) }] }));
  }
  return out;
}

function alterSecret(ctx, style, name) {
  const rng = ctx.rng;
  const value = rng.chance(0.5) ? password(rng) : rng.chars(UPPER_ALNUM, 16) + rng.chars(BASE64_ALPHABET, 32);
  const encoding = rng.chance(0.3) ? "base64" : "text";
  return `${leadingComment(rng, style, "rotate")}${kw(rng, style, "ALTER SECRET")}${rng.chance(0.15) ? ` ${kw(rng, style, "IF EXISTS")}` : ""} ${name} ${kw(rng, style, "AS")} ${secretExpression(rng, style, value, encoding)};`;
}

const PG_SSL_MODES = ["require", "require", "verify-full", "verify-ca", "verify_full", "disable"];
const MYSQL_SSL_MODES = ["required", "verify_identity", "verify-ca", "VERIFY_IDENTITY", "disabled", "REQUIRED"];
const SQLSERVER_SSL_MODES = ["required", "verify", "disabled", "REQUIRED"];

function databaseScenario(ctx, style, domain, env, engine) {
  const rng = ctx.rng;
  const out = [];
  const options = [];
  const type = { postgres: "POSTGRES", mysql: "MYSQL", sqlserver: "SQL SERVER" }[engine];
  const iam = engine === "mysql" && rng.chance(0.2);
  options.push(opt("HOST", str(dbHost(rng, env, domain, engine === "sqlserver" ? "mssql" : engine)), { groupComment: "endpoint" }));
  if (rng.chance(0.6)) options.push(opt("PORT", String({ postgres: rng.pick([5432, 5432, 6432]), mysql: 3306, sqlserver: 1433 }[engine])));
  if (engine !== "mysql") options.push(opt("DATABASE", ident(rng, [domain, `${domain}_db`, `${domain}_${env}`, "postgres", "app"])));
  if (rng.chance(0.2)) {
    const [s, n] = newSecret(ctx, style, `${domain}_${engine}_user_${env}`, "token");
    out.push(s);
    options.push(opt("USER", secretRef(rng, style, n), { groupComment: "credentials" }));
  } else {
    options.push(opt("USER", rng.chance(0.6) ? str(rng.pick(["materialize", "mz_replication", `${domain}_cdc`, "debezium"])) : rng.pick(["materialize", "mz_cdc"]), { groupComment: "credentials" }));
  }
  let passwordSecret;
  if (!iam && (engine === "sqlserver" || rng.chance(0.9))) {
    const [s, n] = newSecret(ctx, style, `${domain}_${engine}_password_${env}`, "password", `${type.toLowerCase()} password`);
    out.push(s);
    passwordSecret = n;
    options.push(opt("PASSWORD", secretRef(rng, style, n)));
  }
  let mode;
  if (engine === "postgres" && rng.chance(0.7)) mode = rng.pick(PG_SSL_MODES);
  if (engine === "mysql" && (iam || rng.chance(0.6))) mode = iam ? rng.pick(["required", "verify_identity", "verify_ca"]) : rng.pick(MYSQL_SSL_MODES);
  if (engine === "sqlserver" && rng.chance(0.6)) mode = rng.chance(0.2) ? "verify_ca" : rng.pick(SQLSERVER_SSL_MODES);
  if (mode !== undefined) {
    // Postgres compares modes case-sensitively: a bare word folds to lower case, which is fine.
    options.push(opt("SSL MODE", rng.chance(0.5) && /^[a-z_]+$/i.test(mode) ? mode : str(mode), { groupComment: "tls" }));
    const needsCa = engine === "sqlserver" && mode === "verify_ca";
    if (needsCa || (mode.toLowerCase().startsWith("verify") && rng.chance(0.6))) {
      if (rng.chance(0.85)) {
        const [s, n] = newSecret(ctx, style, `${domain}_${engine}_ca_${env}`, "pem-cert");
        out.push(s);
        options.push(opt("SSL CERTIFICATE AUTHORITY", secretRef(rng, style, n)));
      } else {
        options.push(opt("SSL CERTIFICATE AUTHORITY", str(pem(rng, "CERTIFICATE"))));
      }
    }
    if (engine !== "sqlserver" && mode.toLowerCase().startsWith("verify") && rng.chance(0.2)) {
      const [cs, cn] = newSecret(ctx, style, `${domain}_${engine}_client_cert_${env}`, "pem-cert");
      const [ks, kn] = newSecret(ctx, style, `${domain}_${engine}_client_key_${env}`, "pem-key");
      out.push(cs, ks);
      options.push(opt("SSL CERTIFICATE", secretRef(rng, style, cn)), opt("SSL KEY", secretRef(rng, style, kn)));
    }
  }
  if (iam) {
    const aws = awsConnection(ctx, style, domain, env, out, "role");
    options.push(opt("AWS CONNECTION", aws.name, { groupComment: "RDS IAM authentication" }));
  }
  const net = networkFor(ctx, style, domain, env, out);
  if (net) options.push(net);
  const name = ctx.name(`${domain}_${engine === "sqlserver" ? "sqlserver" : engine === "mysql" ? "mysql" : "pg"}_${env}`);
  out.push(createConnection(rng, style, {
    name, type, options, ifNotExists: rng.chance(0.15), withValidate: rng.chance(0.2) ? rng.chance(0.3) : undefined,
    comment: `${type.toLowerCase()} source database (${env})`,
    legacy: engine === "postgres" && options.every((o) => typeof o.value === "string") && rng.chance(0.03),
  }));
  ctx.connections.push({ name, type });

  const alters = rng.weighted([[0, 55], [1, 35], [2, 10]]);
  for (let i = 0; i < alters; i++) {
    const choice = rng.weighted([["password", passwordSecret !== undefined ? 4 : 0], ["host", 2], ["ssl", engine === "postgres" ? 2 : 1], ["rename", 1], ["secret", passwordSecret !== undefined ? 2 : 0]]);
    if (choice === "password") {
      const [s, n] = newSecret(ctx, style, `${domain}_${engine}_password_${env}_v${i + 2}`, "password", "rotated credentials");
      out.push(s);
      out.push(alterConnection(rng, style, { name, actions: [{ kind: "set", option: opt("PASSWORD", secretRef(rng, style, n)) }], withValidate: rng.chance(0.2) ? false : undefined }));
    } else if (choice === "host") {
      const actions = [{ kind: "set", option: opt("HOST", str(dbHost(rng, env, domain, engine))) }];
      if (rng.chance(0.4)) actions.push({ kind: "set", option: opt("PORT", String({ postgres: 5433, mysql: 3307, sqlserver: 1434 }[engine])) });
      out.push(alterConnection(rng, style, { name, actions, ifExists: rng.chance(0.2) }));
    } else if (choice === "ssl") {
      const newMode = { postgres: "verify-full", mysql: "verify_identity", sqlserver: "required" }[engine];
      const actions = [{ kind: "set", option: opt("SSL MODE", str(newMode)) }];
      if (engine === "postgres" && rng.chance(0.3)) actions.push({ kind: "drop", option: "SSL CERTIFICATE AUTHORITY" });
      out.push(alterConnection(rng, style, { name, actions }));
    } else if (choice === "secret") {
      out.push(alterSecret(ctx, style, passwordSecret));
    } else {
      const bare = name.split(".").pop().replace(/"/g, "");
      out.push(`${kw(rng, style, "ALTER CONNECTION")} ${name} ${kw(rng, style, "RENAME TO")} ${/^[a-z_][a-z0-9_]*$/.test(bare) ? `${bare}_old` : `"${bare}-old"`};`);
      break; // the old name is gone
    }
  }
  if (rng.chance(0.15)) out.push(commentOn(rng, style, "CONNECTION", name, `CDC source for ${domain}`));
  return out;
}

function awsScenario(ctx, style, domain, env) {
  const rng = ctx.rng;
  const out = [];
  const aws = awsConnection(ctx, style, domain, env, out);
  if (aws.mode === "role" && rng.chance(0.3)) {
    out.push(alterConnection(rng, style, {
      name: aws.name,
      actions: [{ kind: "set", option: opt("ASSUME ROLE SESSION NAME", str(`mz-${domain}`)) }],
    }));
  } else if (rng.chance(0.2)) {
    out.push(alterConnection(rng, style, { name: aws.name, actions: [{ kind: "set", option: opt("REGION", str(rng.pick(REGION_NAMES))) }] }));
  }
  if (rng.chance(0.2)) out.push(`${kw(rng, style, "VALIDATE CONNECTION")} ${aws.name};`);
  return out;
}

function sshScenario(ctx, style, domain, env) {
  const rng = ctx.rng;
  const out = [];
  const name = sshTunnel(ctx, style, domain, env, out);
  if (rng.chance(0.5)) out.push(`${leadingComment(rng, style, "rotate the bastion keys")}${kw(rng, style, "ALTER CONNECTION")}${rng.chance(0.2) ? ` ${kw(rng, style, "IF EXISTS")}` : ""} ${name} ${kw(rng, style, "ROTATE KEYS")};`);
  if (rng.chance(0.3)) out.push(`${kw(rng, style, "SHOW CREATE CONNECTION")} ${name};`);
  return out;
}

function privatelinkScenario(ctx, style, domain, env) {
  const rng = ctx.rng;
  const out = [];
  const pl = privatelink(ctx, style, domain, env, out);
  if (rng.chance(0.3)) out.push(`${kw(rng, style, "VALIDATE CONNECTION")} ${pl.name};`);
  return out;
}

function icebergScenario(ctx, style, domain, env) {
  const rng = ctx.rng;
  const out = [];
  const options = [];
  const s3tables = rng.chance(0.65);
  if (s3tables) {
    const aws = awsConnection(ctx, style, domain, env, out, "role");
    const region = rng.pick(REGION_NAMES);
    options.push(
      opt("CATALOG TYPE", rng.chance(0.6) ? str("s3tablesrest") : "s3tablesrest"),
      opt("URL", str(`https://s3tables.${region}.amazonaws.com/iceberg`)),
      opt("WAREHOUSE", str(`arn:aws:s3tables:${region}:${rng.chars("0123456789", 12)}:bucket/${domain}-lakehouse-${env.replace(/_/g, "-")}`)),
      opt("AWS CONNECTION", aws.name),
    );
  } else {
    const [s, n] = newSecret(ctx, style, `${domain}_iceberg_credential_${env}`, "token", "client_id:client_secret for the REST catalog");
    out.push(s);
    options.push(
      opt("CATALOG TYPE", rng.chance(0.6) ? str("rest") : "rest"),
      opt("URL", str(`https://${rng.pick(["polaris", "nessie", "lakekeeper"])}.${domain}.internal/api/catalog`)),
      opt("CREDENTIAL", secretRef(rng, style, n)),
    );
    if (rng.chance(0.6)) options.push(opt("SCOPE", str("PRINCIPAL_ROLE:ALL")));
    if (rng.chance(0.5)) options.push(opt("WAREHOUSE", str(`${domain}_warehouse`)));
  }
  const name = ctx.name(`${domain}_iceberg_${env}`);
  out.push(createConnection(rng, style, {
    name, type: "ICEBERG CATALOG", options, withValidate: rng.chance(0.25) ? false : undefined, comment: "Iceberg catalog for sinks",
  }));
  ctx.connections.push({ name, type: "ICEBERG CATALOG" });
  if (s3tables && rng.chance(0.2)) {
    out.push(alterConnection(rng, style, { name, actions: [{ kind: "set", option: opt("WAREHOUSE", str(`arn:aws:s3tables:us-east-1:${rng.chars("0123456789", 12)}:bucket/${domain}-archive`)) }] }));
  }
  return out;
}

/** Day-to-day operations: SHOW, VALIDATE, DROP, standalone secrets. */
function opsScenario(ctx, style) {
  const rng = ctx.rng;
  const out = [];
  const n = rng.int(1, 4);
  for (let i = 0; i < n; i++) {
    const what = rng.weighted([["show", 30], ["showCreate", 12], ["validate", 10], ["drop", 20], ["dropSecret", 10], ["secret", 12], ["alterSecret", 6]]);
    const conn = ctx.connections.length > 0 ? rng.pick(ctx.connections) : undefined;
    switch (what) {
      case "show": {
        const objects = rng.chance(0.7) ? "CONNECTIONS" : "SECRETS";
        let s = `${kw(rng, style, `SHOW ${objects}`)}`;
        if (rng.chance(0.3)) s += ` ${kw(rng, style, "FROM")} ${rng.pick(SCHEMAS)}`;
        const filter = rng.weighted([["none", 50], ["like", 35], ["where", 15]]);
        if (filter === "like") s += ` ${kw(rng, style, "LIKE")} ${str(`%${rng.pick(DOMAINS)}%`)}`;
        if (filter === "where") {
          s += objects === "CONNECTIONS" && rng.chance(0.6)
            ? ` ${kw(rng, style, "WHERE")} type = ${str(rng.pick(["kafka", "postgres", "confluent-schema-registry", "ssh-tunnel", "aws"]))}`
            : ` ${kw(rng, style, "WHERE")} name ${kw(rng, style, "LIKE")} ${str(`${rng.pick(DOMAINS)}_%`)}`;
        }
        out.push(`${s};`);
        break;
      }
      case "showCreate":
        if (conn) out.push(`${kw(rng, style, rng.chance(0.3) ? "SHOW REDACTED CREATE CONNECTION" : "SHOW CREATE CONNECTION")} ${conn.name};`);
        break;
      case "validate":
        if (conn) out.push(`${kw(rng, style, "VALIDATE CONNECTION")} ${conn.name};`);
        break;
      case "drop": {
        const names = ctx.connections.length > 0 ? rng.sample(ctx.connections, rng.int(1, 3)).map((c) => c.name) : [`legacy_conn_${rng.int(1, 99)}`];
        const tail = rng.weighted([["", 50], [" CASCADE", 40], [" RESTRICT", 10]]);
        out.push(`${leadingComment(rng, style, "decommissioned")}${kw(rng, style, "DROP CONNECTION")}${rng.chance(0.7) ? ` ${kw(rng, style, "IF EXISTS")}` : ""} ${names.join(", ")}${tail && ` ${kw(rng, style, tail.trim())}`};`);
        break;
      }
      case "dropSecret": {
        const names = ctx.secrets.length > 0 ? rng.sample(ctx.secrets, rng.int(1, 2)) : [`old_secret_${rng.int(1, 99)}`];
        out.push(`${kw(rng, style, "DROP SECRET")}${rng.chance(0.6) ? ` ${kw(rng, style, "IF EXISTS")}` : ""} ${names.join(", ")};`);
        break;
      }
      case "secret": {
        const [s] = newSecret(ctx, style, `${rng.pick(DOMAINS)}_${rng.pick(["api_key", "webhook_secret", "token", "password"])}_${rng.pick(ENVS)}`, rng.pick(["password", "token", "token", "pem-cert"]));
        out.push(s);
        break;
      }
      default:
        if (ctx.secrets.length > 0) {
          const target = rng.pick(ctx.secrets);
          out.push(rng.chance(0.2) ? `${kw(rng, style, "ALTER SECRET")} ${target} ${kw(rng, style, "OWNER TO")} ${rng.pick(ROLES)};` : alterSecret(ctx, style, target));
        }
    }
  }
  if (rng.chance(0.1) && ctx.secrets.length > 0) out.push(commentOn(rng, style, "SECRET", rng.pick(ctx.secrets), "rotated by the vault sync job"));
  return out;
}

const SCENARIOS = [
  ["kafka", 30, kafkaScenario],
  ["csr", 12, schemaRegistryScenario],
  ["postgres", 16, (ctx, style, d, e) => databaseScenario(ctx, style, d, e, "postgres")],
  ["mysql", 8, (ctx, style, d, e) => databaseScenario(ctx, style, d, e, "mysql")],
  ["sqlserver", 5, (ctx, style, d, e) => databaseScenario(ctx, style, d, e, "sqlserver")],
  ["aws", 6, awsScenario],
  ["ssh", 4, sshScenario],
  ["privatelink", 3, privatelinkScenario],
  ["iceberg", 5, icebergScenario],
  ["ops", 11, (ctx, style) => opsScenario(ctx, style)],
];

/**
 * Generates the corpus.
 * @param {{ statements?: number, seed?: number, statementsPerDocument?: [number, number] }} [options]
 * @returns {{ seed: number, statements: string[], documents: { text: string, statements: number }[], text: string, bytes: number }}
 *   `statements` are the statement texts (each with its leading comments and `;`),
 *   `documents` the same statements grouped into files, `text` all documents concatenated.
 */
export function generateCorpus(options = {}) {
  const count = options.statements ?? 20_000;
  const seed = options.seed ?? DEFAULT_SEED;
  const [minPerDoc, maxPerDoc] = options.statementsPerDocument ?? [8, 60];
  const rng = createRng(seed);
  const ctx = new Context(rng);
  const statements = [];
  const documents = [];
  let fileNumber = 0;
  while (statements.length < count) {
    const style = makeStyle(rng);
    const target = Math.min(count - statements.length, rng.int(minPerDoc, maxPerDoc));
    const docStatements = [];
    while (docStatements.length < target) {
      const [, , scenario] = rng.weighted(SCENARIOS.map((s) => [s, s[1]]));
      const domain = rng.pick(DOMAINS);
      const env = rng.pick(ENVS);
      for (const s of scenario(ctx, style, domain, env)) {
        if (docStatements.length < target) docStatements.push(s);
      }
    }
    fileNumber++;
    const file = `migrations/${String(fileNumber).padStart(4, "0")}_${rng.pick(DOMAINS)}_${rng.pick(["connections", "sources", "secrets", "rotate", "cleanup"])}.sql`;
    const remark = rng.chance(0.4) ? rng.pick(COMMENT_LINES) : undefined;
    let header = "";
    if (style.blockComments && rng.chance(0.7)) {
      // Block comments nest in Materialize: a commented-out statement may itself hold a comment.
      const nested = rng.chance(0.15) ? `\n * old: CREATE SECRET tmp AS 'x' /* remove */` : "";
      header = `/*\n * ${file}${remark ? `\n * ${remark}` : ""}${nested}\n */\n\n`;
    } else if (rng.chance(0.6)) {
      header = `-- ${file}\n${remark ? `-- ${remark}\n` : ""}\n`;
    }
    const gap = "\n".repeat(style.blankLines + 1);
    documents.push({ text: `${header}${docStatements.join(gap)}\n`, statements: docStatements.length });
    statements.push(...docStatements);
  }
  const text = documents.map((d) => d.text).join("\n");
  return { seed, statements, documents, text, bytes: Buffer.byteLength(text, "utf8") };
}

/** One typical statement (a SASL/SSL Kafka connection), for single-statement latency figures. */
export const SAMPLE_STATEMENT = `-- Kafka cluster for orders (prod)
CREATE CONNECTION orders_kafka_prod TO KAFKA (
    BROKERS (
        'b-1.orders-prod.x7k2qa.c3.kafka.us-east-1.amazonaws.com:9096',
        'b-2.orders-prod.x7k2qa.c3.kafka.us-east-1.amazonaws.com:9096',
        'b-3.orders-prod.x7k2qa.c3.kafka.us-east-1.amazonaws.com:9096'
    ),
    SECURITY PROTOCOL = 'SASL_SSL',
    SASL MECHANISMS = 'SCRAM-SHA-512',
    SASL USERNAME = 'mz-orders-prod',
    SASL PASSWORD = SECRET orders_kafka_password_prod, -- from vault
    SSL CERTIFICATE AUTHORITY = SECRET orders_kafka_ca_prod
);
`;
