// Materialize's planner rules (spec §3–§5) as a pass over the IR. The
// connection's options are re-derived from the IR (fields plus verbatim
// options, with their source spans), so the rules see exactly what the
// platform's planner sees, whether the IR came from Materialize text, from
// another dialect or from JSON.
import { error, warning, type Diagnostic } from "../../diagnostics.js";
import type { ConnectionChange, ObjectName, Program, SecretValue, Span, Statement, Value } from "../../ir/schema.js";
import {
  FIELDS,
  OPTION_VALUE_TYPE,
  optionRank,
  typeOfKind,
  VOCABULARIES,
  type MzConnectionType,
  type MzOptionName,
} from "./catalog.js";
import { byteaFromText, evaluate, EvaluationError, walkExpr, type Constant } from "./expression.js";
import { optionsOf, type ExtractedOption, type MzConnectionExtras, type MzOption } from "./fields.js";
import type { MzStatementExtras } from "./lower.js";
import { printName } from "./print.js";
import { parseExpression } from "./parse.js";
import { quoteForMessage } from "../shared/antlr-parse.js";
import { identifiersOf } from "../shared/names.js";
import { conceptOf, spellingsOf } from "../shared/vocabulary.js";
import { appendAll } from "../shared/arrays.js";

const MAX_SECRET_BYTES = 512 * 1024;
const MAX_NAME_PARTS = 3;

/** Codes of connection rules that are warnings: the platform accepts the statement. */
const WARNING_CODES = new Set(["materialize.feature-flag", "materialize.unsupported-value"]);

/** Values containing a template placeholder (`${...}`) are not format-checked. */
const PLACEHOLDER = /\$\{[^}]*\}/;

type Report = (message: string, span: Span | undefined, code?: string) => void;

function textValue(value: Value | undefined): string | undefined {
  if (value?.kind === "string") return value.value;
  if (value?.kind === "identifier" && value.name.parts.length === 1) return value.name.parts[0]!.value;
  return undefined;
}

function describeValueKind(option: string, type: string): string {
  return `invalid ${option}: cannot use value as ${type}`;
}

/** §3: the planner's typing of one option value. */
function checkValueType(option: MzOptionName, value: Value | undefined, span: Span | undefined, report: Report): void {
  const type = OPTION_VALUE_TYPE[option];
  if (value === undefined) {
    report(`invalid ${option}: must provide a ${type === "secret" ? "secret" : type === "port" || type === "int" ? "number" : "string"} value`, span);
    return;
  }
  switch (type) {
    case "text":
      if (textValue(value) === undefined) report(describeValueKind(option, "string"), span);
      return;
    case "textOrSecret":
      if (value.kind !== "secret" && textValue(value) === undefined) report(describeValueKind(option, "string"), span);
      return;
    case "secret":
      if (value.kind !== "secret") report(`invalid ${option}: must provide a secret value`, span);
      return;
    case "port":
    case "int": {
      if (value.kind !== "number" || !/^-?\d+$/.test(value.value)) {
        report(describeValueKind(option, "number"), span);
        return;
      }
      const n = Number(value.value);
      if (type === "port" && (n < 0 || n > 65535)) report(`invalid ${option}: ${value.value} is out of range for a port`, span);
      return;
    }
    case "textList":
      if (value.kind !== "list" || value.items.some((i) => textValue(i) === undefined)) report(describeValueKind(option, "list"), span);
      return;
    case "object":
      if (value.kind !== "identifier") report(describeValueKind(option, "object name"), span);
      return;
    case "privatelink":
      if (value.kind !== "tunnel" && value.kind !== "identifier") report(describeValueKind(option, "object name"), span);
      return;
    case "brokers":
      // An empty list prints as `()`, which the parser refuses: BROKERS needs at least one entry.
      if (option === "BROKER" ? value.kind !== "kafka_broker" : value.kind !== "list" || value.items.length === 0) {
        report(describeValueKind(option, "broker list"), span);
      }
      return;
  }
}

interface OptionView {
  /** First occurrence of each option. */
  first: Map<string, MzOption>;
  text: (option: MzOptionName) => string | undefined;
  has: (option: MzOptionName) => boolean;
  span: (option: MzOptionName) => Span | undefined;
}

function viewOf(options: MzOption[]): OptionView {
  const first = new Map<string, MzOption>();
  for (const o of options) if (!first.has(o.option)) first.set(o.option, o);
  return {
    first,
    text: (option) => textValue(first.get(option)?.value),
    has: (option) => first.has(option),
    span: (option) => first.get(option)?.span,
  };
}

function connectionRules(type: MzConnectionType, options: MzOption[], statementSpan: Span | undefined, report: Report): void {
  const o = viewOf(options);
  const at = (option: MzOptionName) => o.span(option) ?? statementSpan;
  const required = (option: MzOptionName, message = `${option} option is required`) => {
    if (!o.has(option)) report(message, statementSpan, "materialize.missing-option");
  };
  const formatChecked = (option: MzOptionName): string | undefined => {
    const text = o.text(option);
    return text !== undefined && !PLACEHOLDER.test(text) ? text : undefined;
  };
  const tunnelOption = (option: "AWS PRIVATELINK") => o.first.get(option)?.value;

  if (o.has("SSH TUNNEL") && o.has("AWS PRIVATELINK")) {
    report("cannot specify both SSH TUNNEL and AWS PRIVATELINK", at("AWS PRIVATELINK"), "materialize.conflicting-options");
  }
  if (type !== "KAFKA") {
    const pl = tunnelOption("AWS PRIVATELINK");
    if (pl?.kind === "tunnel" && pl.tunnel.kind === "privatelink" && pl.tunnel.port !== undefined) {
      report(`invalid CONNECTION: ${type} does not support PORT for AWS PRIVATELINK`, at("AWS PRIVATELINK"));
    }
  }
  const sslPair = (message: string) => {
    if (o.has("SSL CERTIFICATE") !== o.has("SSL KEY")) report(message, at(o.has("SSL KEY") ? "SSL KEY" : "SSL CERTIFICATE"));
  };

  switch (type) {
    case "KAFKA":
      kafkaRules(options, o, statementSpan, report);
      return;
    case "CONFLUENT SCHEMA REGISTRY": {
      required("URL", "invalid CONNECTION: must specify URL");
      const url = urlWithPlaceholders(o.text("URL"));
      if (url !== undefined) {
        let parsed: URL | undefined;
        try {
          parsed = new URL(url);
        } catch {
          report(`parsing schema registry url: relative URL without a base: ${quoteForMessage(url)}`, at("URL"));
        }
        if (parsed !== undefined) {
          if (parsed.hostname === "") report("invalid CONNECTION: URL must specify domain name", at("URL"));
          else if (parsed.pathname !== "/" && parsed.pathname !== "") report("invalid CONNECTION: URL must have an empty path", at("URL"));
        }
      }
      sslPair("reading from SSL-auth Confluent Schema Registry requires both SSL KEY and SSL CERTIFICATE");
      return;
    }
    case "POSTGRES": {
      required("HOST");
      required("DATABASE");
      required("USER");
      sslPair("invalid CONNECTION: both SSL KEY and SSL CERTIFICATE are required");
      sslModeRules(type, formatChecked("SSL MODE"), at("SSL MODE"), report);
      return;
    }
    case "MYSQL": {
      required("HOST");
      required("USER");
      sslPair("invalid CONNECTION: both SSL KEY and SSL CERTIFICATE are required");
      sslModeRules(type, formatChecked("SSL MODE"), at("SSL MODE"), report);
      if (o.has("AWS CONNECTION")) {
        if (o.has("PASSWORD")) report("invalid CONNECTION: AWS IAM authentication is not supported with password", at("PASSWORD"));
        const written = o.text("SSL MODE");
        const effective = written === undefined ? "disable" : conceptOf(VOCABULARIES.MYSQL!["SSL MODE"]!, written);
        if (effective === "disable") report("invalid CONNECTION: AWS IAM authentication requires SSL to be enabled", at("AWS CONNECTION"));
      }
      return;
    }
    case "SQL SERVER": {
      required("HOST");
      required("DATABASE");
      required("USER");
      required("PASSWORD");
      const mode = formatChecked("SSL MODE");
      sslModeRules(type, mode, at("SSL MODE"), report);
      if (mode !== undefined && conceptOf(VOCABULARIES["SQL SERVER"]!["SSL MODE"]!, mode) === "verify-ca" && !o.has("SSL CERTIFICATE AUTHORITY")) {
        report("invalid CONNECTION: SSL MODE 'verify_ca' requires SSL CERTIFICATE AUTHORITY", at("SSL MODE"));
      }
      return;
    }
    case "AWS": {
      const keyId = o.has("ACCESS KEY ID");
      const secret = o.has("SECRET ACCESS KEY");
      const token = o.has("SESSION TOKEN");
      const arn = o.has("ASSUME ROLE ARN");
      const session = o.has("ASSUME ROLE SESSION NAME");
      if (keyId && arn) report("cannot specify both ACCESS KEY ID and ASSUME ROLE ARN", at("ASSUME ROLE ARN"));
      else if ((keyId || secret || token) && !(keyId && secret)) {
        report("must specify both ACCESS KEY ID and SECRET ACCESS KEY with optional SESSION TOKEN", statementSpan);
      } else if (session && !arn) {
        report("must specify ASSUME ROLE ARN with optional ASSUME ROLE SESSION NAME", at("ASSUME ROLE SESSION NAME"));
      } else if (!keyId && !secret && !token && !arn && !session) {
        report("must specify either ASSUME ROLE ARN or ACCESS KEY ID and SECRET ACCESS KEY", statementSpan);
      } else if ((keyId || secret) && (arn || session)) {
        report("cannot specify both ACCESS KEY ID and ASSUME ROLE ARN", at("ASSUME ROLE ARN") ?? at("ASSUME ROLE SESSION NAME"));
      }
      return;
    }
    case "AWS PRIVATELINK": {
      required("SERVICE NAME");
      required("AVAILABILITY ZONES");
      const zones = o.first.get("AVAILABILITY ZONES")?.value;
      if (zones?.kind === "list") {
        const seen = new Set<string>();
        for (const z of zones.items) {
          const t = textValue(z);
          if (t !== undefined && seen.has(t)) report(`connection cannot contain duplicate availability zones: ${t}`, at("AVAILABILITY ZONES"));
          if (t !== undefined) seen.add(t);
        }
      }
      return;
    }
    case "SSH TUNNEL": {
      required("HOST");
      required("USER");
      if (o.first.get("USER")?.value?.kind === "secret") {
        report("SSH connections do not support supplying USER value as SECRET", at("USER"));
      }
      for (const key of ["PUBLIC KEY 1", "PUBLIC KEY 2"] as const) {
        if (o.has(key)) report(`the ${key} option cannot be explicitly specified`, at(key));
      }
      return;
    }
    case "ICEBERG CATALOG": {
      required("CATALOG TYPE", "invalid CONNECTION: ICEBERG connections must specify CATALOG TYPE");
      required("URL", "invalid CONNECTION: must specify URL");
      const catalogType = formatChecked("CATALOG TYPE")?.toLowerCase();
      if (catalogType !== undefined && catalogType !== "s3tablesrest" && catalogType !== "rest") {
        report("invalid CONNECTION: invalid iceberg catalog type", at("CATALOG TYPE"));
      }
      if (catalogType === "s3tablesrest") {
        required("WAREHOUSE", "invalid CONNECTION: ICEBERG s3tablesrest connections must specify WAREHOUSE");
        required("AWS CONNECTION", "invalid CONNECTION: ICEBERG s3tablesrest connections require an AWS connection");
      }
      if (catalogType === "rest") required("CREDENTIAL", "invalid CONNECTION: ICEBERG rest connections require a CREDENTIAL");
      const url = formatChecked("URL");
      if (url !== undefined && !URL.canParse(url)) report(`invalid CONNECTION: invalid URL ${quoteForMessage(url)}`, at("URL"));
      return;
    }
  }
}

/** SSL MODE must be one of the type's spellings (the catalogue's vocabulary, with its comparison rule). */
function sslModeRules(type: MzConnectionType, mode: string | undefined, span: Span | undefined, report: Report): void {
  const vocabulary = VOCABULARIES[type]?.["SSL MODE"];
  if (mode === undefined || vocabulary === undefined || conceptOf(vocabulary, mode) !== undefined) return;
  report(`invalid CONNECTION: unknown SSL MODE ${quoteForMessage(mode.toUpperCase())}`, span);
}

/**
 * A URL whose parts are template placeholders is checked with each
 * placeholder standing for a well-formed value: a leading one for a scheme
 * and host, any other for a plain word.
 */
function urlWithPlaceholders(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  return url.replace(/^\$\{[^}]*\}/, "http://placeholder").replace(/\$\{[^}]*\}/g, "placeholder");
}

const SSL_OPTIONS: MzOptionName[] = ["SSL CERTIFICATE", "SSL CERTIFICATE AUTHORITY", "SSL KEY"];
const SASL_OPTIONS: MzOptionName[] = ["SASL MECHANISMS", "SASL USERNAME", "SASL PASSWORD"];

function kafkaRules(options: MzOption[], o: OptionView, statementSpan: Span | undefined, report: Report): void {
  const at = (option: MzOptionName) => o.span(option) ?? statementSpan;
  const sources = (["BROKER", "BROKERS", "AWS PRIVATELINK"] as const).filter((s) => o.has(s));
  if (sources.length === 0) {
    report("invalid CONNECTION: must set one of BROKER, BROKERS, or AWS PRIVATELINK", statementSpan, "materialize.missing-option");
  } else if (sources.length > 1) {
    report("invalid CONNECTION: can only set one of BROKER, BROKERS, or AWS PRIVATELINK", at(sources[1]!), "materialize.conflicting-options");
  }
  const brokerValues: Value[] = [];
  for (const option of options) {
    if (option.option === "BROKER" && option.value) brokerValues.push(option.value);
    if (option.option === "BROKERS" && option.value?.kind === "list") appendAll(brokerValues, option.value.items);
  }
  for (const v of brokerValues) {
    if (v.kind === "kafka_broker" && v.broker.address.includes(",") && !PLACEHOLDER.test(v.broker.address)) {
      report("invalid CONNECTION: cannot specify multiple Kafka broker addresses in one string", at(o.has("BROKER") ? "BROKER" : "BROKERS"));
    }
  }
  const rules = brokerValues.filter((v) => v.kind === "kafka_broker_rule");
  if (rules.length > 0) {
    if (!brokerValues.some((v) => v.kind === "kafka_broker")) {
      report("invalid CONNECTION: BROKERS must contain at least one static broker address", at("BROKERS"));
    } else {
      report("MATCHING broker rules need the enable_kafka_broker_matching_rules feature flag (off by default)", at("BROKERS"), "materialize.feature-flag");
    }
    if (o.has("SSH TUNNEL")) report("cannot specify both SSH TUNNEL and MATCHING broker rules", at("SSH TUNNEL"), "materialize.conflicting-options");
  }

  const written = o.text("SECURITY PROTOCOL");
  let protocol: string;
  if (written === undefined) {
    protocol = SASL_OPTIONS.some((s) => o.has(s)) || o.has("AWS CONNECTION") ? "SASL_SSL" : "SSL";
  } else {
    const concept = conceptOf(VOCABULARIES.KAFKA!["SECURITY PROTOCOL"]!, written);
    if (concept === undefined && !PLACEHOLDER.test(written)) {
      report(`invalid CONNECTION: unknown security protocol: ${written}`, at("SECURITY PROTOCOL"));
      return;
    }
    protocol = concept ?? written.toUpperCase();
  }
  const mechanism = o.text("SASL MECHANISMS");
  const mechanisms = VOCABULARIES.KAFKA!["SASL MECHANISMS"]!;
  // A value from elsewhere that Materialize cannot say is the emitter's to report.
  const foreign = (o.first.get("SASL MECHANISMS") as ExtractedOption | undefined)?.unknownTerm !== undefined;
  if (mechanism !== undefined && !foreign && !PLACEHOLDER.test(mechanism) && conceptOf(mechanisms, mechanism) === undefined) {
    report(
      `SASL MECHANISMS ${quoteForMessage(mechanism.toUpperCase())} is not one Materialize supports (${spellingsOf(mechanisms).join(", ")}): the connection fails when it connects`,
      at("SASL MECHANISMS"),
      "materialize.unsupported-value",
    );
  }
  const usesSsl = protocol === "SSL" || protocol === "SASL_SSL";
  const usesSasl = protocol === "SASL_PLAINTEXT" || protocol === "SASL_SSL";
  const unsupported: MzOptionName[] = [];
  if (!usesSsl) appendAll(unsupported, SSL_OPTIONS.filter((s) => o.has(s)));
  if (!usesSasl) appendAll(unsupported, [...SASL_OPTIONS.filter((s) => o.has(s)), ...(o.has("AWS CONNECTION") ? ["AWS CONNECTION" as const] : [])]);
  if (o.has("SSL KEY") && !o.has("SSL CERTIFICATE")) unsupported.push("SSL KEY");
  if (o.has("AWS CONNECTION")) appendAll(unsupported, SASL_OPTIONS.filter((s) => o.has(s)));
  if (unsupported.length > 0) {
    const first = [...unsupported].sort((a, b) => optionRank(a) - optionRank(b))[0]!;
    report(`invalid CONNECTION: option ${first} not supported with this configuration`, at(first));
    return;
  }
  if (o.has("SSL CERTIFICATE") && !o.has("SSL KEY")) {
    report("invalid CONNECTION: SSL KEY must be specified with SSL CERTIFICATE", at("SSL CERTIFICATE"));
  }
  if (usesSasl && !o.has("AWS CONNECTION")) {
    for (const s of SASL_OPTIONS) {
      if (!o.has(s)) {
        report(`invalid CONNECTION: ${s} must be specified`, statementSpan, "materialize.missing-option");
        break;
      }
    }
  }
  const factor = o.first.get("PROGRESS TOPIC REPLICATION FACTOR")?.value;
  if (factor?.kind === "number" && Number(factor.value) <= 0) {
    report("invalid CONNECTION: PROGRESS TOPIC REPLICATION FACTOR must be greater than 0", at("PROGRESS TOPIC REPLICATION FACTOR"));
  }
}

/** §3 rules shared by CREATE and ALTER ... SET: duplicates, allowed set, value types. */
function optionRules(type: MzConnectionType | undefined, options: MzOption[], report: Report): void {
  const seen = new Set<string>();
  const notAllowed: MzOption[] = [];
  for (const option of options) {
    if (seen.has(option.option)) {
      report(`${option.option} specified more than once`, option.span, "materialize.duplicate-option");
      continue;
    }
    seen.add(option.option);
    if (!(option.option in OPTION_VALUE_TYPE)) {
      report(`unknown option ${option.option}`, option.span, "materialize.unknown-option");
      continue;
    }
    if (type !== undefined && FIELDS[type][option.option as MzOptionName] === undefined) {
      notAllowed.push(option);
      continue;
    }
    checkValueType(option.option as MzOptionName, option.value, option.span, report);
  }
  if (notAllowed.length > 0 && type !== undefined) {
    const names = [...new Set(notAllowed.map((o) => o.option))].sort((a, b) => optionRank(a) - optionRank(b));
    report(`${type} connections do not support ${names.join(", ")} values`, notAllowed[0]!.span, "materialize.option-not-supported");
  }
}

function validateOptionRules(extras: MzStatementExtras | undefined, report: Report): void {
  const seen = new Set<string>();
  for (const option of extras?.with ?? []) {
    if (seen.has(option.option)) report(`${option.option} specified more than once`, option.span, "materialize.duplicate-option");
    seen.add(option.option);
    if (option.value !== undefined && option.value.kind !== "boolean") {
      report(`invalid ${option.option}: cannot use value as boolean`, option.span);
    }
  }
}

const MAX_IDENTIFIER_BYTES = 255;
const utf8 = new TextEncoder();

/** §1: what the lexer refuses in an identifier, with its message; the first that applies is reported. */
const IDENTIFIER_RULES: readonly { refuses: (value: string) => boolean; message: (value: string) => string }[] = [
  { refuses: (v) => v.length === 0, message: () => "zero-length delimited identifier" },
  { refuses: (v) => v.includes("\0"), message: () => "null character in quoted identifier" },
  {
    refuses: (v) => v.length * 3 > MAX_IDENTIFIER_BYTES && utf8.encode(v).length > MAX_IDENTIFIER_BYTES,
    message: () => `identifier length exceeds ${MAX_IDENTIFIER_BYTES} bytes`,
  },
  { refuses: (v) => v === "." || v === "..", message: (v) => `invalid identifier: ${quoteForMessage(v)}` },
];

/**
 * The lexer's identifier rules, for IR that did not come from Materialize
 * text (the parser reports these for text). Every identifier the emitter
 * would print is checked, wherever it is.
 */
function identifierRules(statement: Statement, push: (diagnostic: Diagnostic) => void): void {
  for (const { path, identifier } of identifiersOf(statement, "materialize")) {
    const rule = IDENTIFIER_RULES.find((r) => r.refuses(identifier.value));
    if (rule !== undefined) push({ ...error("materialize.invalid-name", rule.message(identifier.value), statement.span), path });
  }
}

function nameRules(name: ObjectName, span: Span | undefined, report: Report): void {
  if (name.parts.length > MAX_NAME_PARTS) {
    report(`qualified name can have at most ${MAX_NAME_PARTS} components: ${printName(name)}`, span, "materialize.invalid-name");
  }
}

// ---- Secrets ----------------------------------------------------------------------

function constantProblems(constant: Constant): string | undefined {
  let bytes: Uint8Array;
  switch (constant.type) {
    case "null":
      return "secret value can not be null";
    case "unknown":
      bytes = byteaFromText(constant.value);
      break;
    case "bytea":
      bytes = constant.value;
      break;
    default:
      return `AS must have type bytea, not type ${constant.type}`;
  }
  if (bytes.length > MAX_SECRET_BYTES) return "secrets can not be bigger than 512KiB";
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return "secret value must be valid UTF-8";
  }
  return undefined;
}

function secretRules(value: SecretValue, span: Span | undefined, report: Report): void {
  try {
    if (value.kind === "text") {
      // A text value is the secret itself (already decoded); only its size can be wrong.
      if (new TextEncoder().encode(value.value).length > MAX_SECRET_BYTES) {
        report("secrets can not be bigger than 512KiB", span, "materialize.invalid-secret");
      }
      return;
    }
    if (value.expression.dialect !== "materialize") {
      report(`secret expression written for ${value.expression.dialect} cannot be checked`, span, "materialize.foreign-expression");
      return;
    }
    const parsed = parseExpression(value.expression.sql);
    if (parsed.expr === undefined) {
      report(parsed.message ?? "invalid secret expression", span, "materialize.syntax");
      return;
    }
    for (const node of walkExpr(parsed.expr)) {
      if (node.k === "subquery") return report("AS does not allow subqueries", span, "materialize.invalid-secret");
      if (node.k === "column") {
        return report(`column ${quoteForMessage(node.name.parts.map((p) => p.value).join("."))} does not exist`, span, "materialize.invalid-secret");
      }
      if (node.k === "parameter") return report("AS does not allow parameters", span, "materialize.invalid-secret");
    }
    let constant: Constant;
    try {
      constant = evaluate(parsed.expr);
    } catch (e) {
      if (e instanceof EvaluationError) return; // not a constant we can evaluate; the platform decides
      throw e;
    }
    if (constant.type === "text" && parsed.expr.k === "cast") {
      return report("AS must have type bytea, not type text", span, "materialize.invalid-secret");
    }
    const problem = constantProblems(constant.type === "text" ? { type: "unknown", value: constant.value } : constant);
    if (constant.type === "text" && problem === undefined) {
      return report("AS must have type bytea, not type text", span, "materialize.invalid-secret");
    }
    if (problem) report(problem, span, "materialize.invalid-secret");
  } catch (e) {
    if (e instanceof EvaluationError) return report(e.message, span, "materialize.invalid-secret");
    throw e;
  }
}

// ---- ALTER CONNECTION -------------------------------------------------------------------

/** A connection created earlier in the same input: its type and current options. */
interface KnownConnection {
  type: MzConnectionType;
  options: MzOption[];
}

function alterRules(
  statement: Extract<Statement, { kind: "alter_connection" }>,
  known: Map<string, KnownConnection>,
  report: Report,
  reportWarning: Report,
): void {
  const action = statement.action;
  const key = nameKey(statement.name);
  const current = known.get(key);
  if (action.kind === "rename" && current !== undefined) {
    known.delete(key);
    known.set(nameKey({ parts: [...statement.name.parts.slice(0, -1), ...action.newName.parts] }), current);
  }
  if (action.kind !== "change") return;
  let errorsSeen = false;
  const countingReport: Report = (message, span, code) => {
    errorsSeen = true;
    report(message, span, code);
  };
  alterChangeRules(statement, action.changes, current?.type, countingReport, reportWarning);
  if (current === undefined || errorsSeen || action.changes.some((c) => c.kind === "rotate_keys")) return;
  // The platform re-plans the altered definition as a CREATE (spec §5.1).
  const changed = new Set(action.changes.map((c) => (c.kind === "rotate_keys" ? "" : c.option)));
  if (changed.has("BROKER") || changed.has("BROKERS")) changed.add("BROKER").add("BROKERS");
  const options = [
    ...current.options.filter((o) => !changed.has(o.option)),
    ...action.changes.flatMap((c) => (c.kind === "set" ? [{ option: c.option, ...(c.value ? { value: c.value } : {}) }] : [])),
  ];
  const replanned: Report = (message, _span, code) => report(`invalid ALTER CONNECTION: ${message}`, statement.span, code);
  connectionRules(current.type, options, statement.span, (message, span, code) => {
    if (code === undefined || !WARNING_CODES.has(code)) replanned(message, span, code);
  });
  current.options = options;
}

function alterChangeRules(
  statement: Extract<Statement, { kind: "alter_connection" }>,
  changes: ConnectionChange[],
  type: MzConnectionType | undefined,
  report: Report,
  reportWarning: Report,
): void {
  const extras = statement.extras?.materialize as MzStatementExtras | undefined;
  const rotate = changes.filter((c) => c.kind === "rotate_keys");
  if (rotate.length > 0) {
    if (changes.length > 1) {
      report("cannot specify any other actions alongside ALTER CONNECTION...ROTATE KEYS", changes[1]!.span ?? statement.span);
    } else if (extras?.with !== undefined && extras.with.length > 0) {
      const text = extras.with.map((w) => (w.value ? `${w.option} = ${valueText(w.value)}` : w.option)).join(", ");
      report(`ALTER CONNECTION...ROTATE KEYS does not support WITH (${text})`, extras.with[0]!.span ?? statement.span);
    } else if (type !== undefined && type !== "SSH TUNNEL") {
      report(`${printName(statement.name)} is not an SSH connection`, rotate[0]!.span ?? statement.span);
    }
    return;
  }
  validateOptionRules(extras, report);
  const sets = changes.filter((c): c is Extract<ConnectionChange, { kind: "set" }> => c.kind === "set");
  const resets = changes.filter((c): c is Extract<ConnectionChange, { kind: "reset" }> => c.kind === "reset");
  for (const c of [...sets, ...resets]) {
    if (c.option === "PROGRESS TOPIC" || c.option === "PROGRESS TOPIC REPLICATION FACTOR") {
      // Under IF EXISTS the statement is a no-op when the connection is missing,
      // which only the catalog knows: then it is a warning, not an error.
      (statement.ifExists ? reportWarning : report)(
        `cannot ALTER KAFKA option ${c.option}`,
        c.span ?? statement.span,
        "materialize.option-not-alterable",
      );
    }
  }
  optionRules(
    type,
    sets.map((s) => ({ option: s.option, ...(s.value ? { value: s.value } : {}), ...(s.span ? { span: s.span } : {}) })),
    report,
  );
  const resetNames = new Set(resets.map((r) => r.option));
  const both = sets.filter((s) => resetNames.has(s.option)).map((s) => s.option);
  if (both.length > 0) report(`cannot both SET and DROP/RESET options ${[...new Set(both)].join(", ")}`, statement.span);
  const touched = new Set([...sets.map((s) => s.option), ...resets.map((r) => r.option)]);
  if (touched.has("BROKER") && touched.has("BROKERS") && sets.some((s) => s.option === "BROKER" || s.option === "BROKERS")) {
    if (!(sets.some((s) => s.option === "BROKER") && sets.some((s) => s.option === "BROKERS"))) {
      report("cannot both SET and DROP/RESET options BROKER, BROKERS", statement.span, "materialize.conflicting-options");
    }
  }
  if (type !== undefined) {
    const notAllowed = resets.filter((r) => FIELDS[type][r.option as MzOptionName] === undefined).map((r) => r.option);
    if (notAllowed.length > 0) report(`${type} connections do not support ${notAllowed.join(", ")} values`, statement.span, "materialize.option-not-supported");
  }
}

function valueText(value: Value): string {
  switch (value.kind) {
    case "string":
      return `'${value.value.replace(/'/g, "''")}'`;
    case "boolean":
      return String(value.value);
    case "number":
      return value.value;
    default:
      return value.kind;
  }
}

function nameKey(name: ObjectName): string {
  return name.parts.map((p) => p.value).join(".");
}

// ---- Program ---------------------------------------------------------------------------

/** Runs the planner rules over every statement of a program. */
export function checkProgram(program: Program): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const known = new Map<string, KnownConnection>();
  for (const statement of program.statements) {
    const report: Report = (message, span, code = "materialize.invalid-option") => {
      diagnostics.push(error(code, message, span ?? statement.span));
    };
    const reportWarning: Report = (message, span, code = "materialize.warning") => {
      diagnostics.push(warning(code, message, span ?? statement.span));
    };
    identifierRules(statement, (d) => diagnostics.push(d));
    switch (statement.kind) {
      case "create_connection": {
        nameRules(statement.name, statement.span, report);
        const type = typeOfKind(statement.connection.kind);
        if (type === undefined) {
          report(`Materialize has no ${statement.connection.kind} connection type`, statement.span, "materialize.unsupported-connection-type");
          break;
        }
        const extras = statement.connection.extras?.materialize as MzConnectionExtras | undefined;
        const options: MzOption[] = optionsOf(type, statement.connection, extras);
        known.set(nameKey(statement.name), { type, options });
        const before = diagnostics.length;
        optionRules(type, options, report);
        validateOptionRules(statement.extras?.materialize as MzStatementExtras | undefined, report);
        // Type-level rules only make sense once each option is well-formed.
        if (diagnostics.length === before) {
          connectionRules(type, options, statement.span, (message, span, code) => {
            if (code !== undefined && WARNING_CODES.has(code)) reportWarning(message, span, code);
            else report(message, span, code);
          });
        }
        break;
      }
      case "alter_connection":
        nameRules(statement.name, statement.span, report);
        alterRules(statement, known, report, reportWarning);
        break;
      case "create_secret":
        nameRules(statement.name, statement.span, report);
        secretRules(statement.value, statement.span, report);
        break;
      case "alter_secret":
        nameRules(statement.name, statement.span, report);
        if (statement.action.kind === "set_value") secretRules(statement.action.value, statement.span, report);
        break;
      case "drop":
        for (const name of statement.names) nameRules(name, statement.span, report);
        break;
      default:
        break;
    }
  }
  return diagnostics;
}
