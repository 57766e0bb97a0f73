// Reporting what a target dialect cannot express, shared by every emitter.
//
// An emitter says which fields it wrote (`consumed`); everything else present
// in the IR is reported with its path and the span of the text that said it.
// A loss that changes what the statement does (the table in ir/meaning.ts) is
// an error and the statement is not emitted; any other loss is a warning.
import { error, warning, type Diagnostic } from "../../diagnostics.js";
import { covers, patternOf } from "../../ir/field-paths.js";
import { concernWords, lossSeverity, type Concern, type SaidElsewhere } from "../../ir/meaning.js";
import type { Connection, ConnectionKind, CreateConnection, DialectId, Extras, ObjectName, Span, Statement } from "../../ir/schema.js";

/**
 * Dotted paths of the leaves of a connection's fields (`tls.ca`,
 * `brokers[0].tunnel`), skipping `kind` and `extras`. Secret references,
 * object names and lists of plain values count as leaves.
 */
export function leafPaths(connection: Connection): string[] {
  const out: string[] = [];
  const visit = (value: unknown, path: string) => {
    if (value === undefined) return;
    if (Array.isArray(value)) {
      if (value.every((v) => typeof v !== "object" || v === null)) {
        out.push(path);
        return;
      }
      value.forEach((v, i) => visit(v, `${path}[${i}]`));
      return;
    }
    if (typeof value === "object" && value !== null && !("secret" in value) && !("parts" in value)) {
      if (Object.keys(value).every((k) => k === "method" || k === "kind")) out.push(path);
      for (const [k, v] of Object.entries(value)) {
        if (k === "method" || k === "kind") continue;
        visit(v, path === "" ? k : `${path}.${k}`);
      }
      return;
    }
    out.push(path);
  };
  for (const [k, v] of Object.entries(connection)) {
    if (k === "kind" || k === "extras") continue;
    visit(v, k);
  }
  return out;
}

/**
 * `[dialect, key]` pairs of the settings of other dialects in extras (layout
 * excepted): what a target reports as lost. Ordered settings lists (entries
 * with a `key`) are reported key by key. Reads any JSON: extras of dialects
 * without an implementation are open, so nothing about their shape is assumed
 * and nothing in them is passed over silently.
 */
export function foreignExtras(extras: unknown, target: string): [string, string][] {
  const out: [string, string][] = [];
  if (!isRecord(extras)) return out;
  for (const [dialect, bag] of Object.entries(extras)) {
    if (dialect === target || bag === undefined) continue;
    if (!isRecord(bag)) {
      out.push([dialect, "(value)"]);
      continue;
    }
    for (const [key, value] of Object.entries(bag)) {
      if (key === "layout" || value === undefined) continue;
      const keys = Array.isArray(value) && value.length > 0 && value.every((e) => isRecord(e) && Object.hasOwn(e, "key")) ? value.map((e) => keyText(e.key)) : undefined;
      if (keys !== undefined) for (const k of keys) out.push([dialect, `${key}.${k}`]);
      else out.push([dialect, key]);
    }
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function keyText(key: unknown): string {
  return typeof key === "string" ? key : JSON.stringify(key) ?? String(key);
}

/**
 * The source span to report a diagnostic about a field at: the span recorded
 * for the path itself or for its nearest recorded ancestor
 * (`connection.brokers[0].address` falls back to `connection.brokers[0]`,
 * then `connection.brokers`), else the statement's own span.
 */
export function fieldSpan(statement: { span?: Span; fieldSpans?: Record<string, Span> }, path: string): Span | undefined {
  const spans = statement.fieldSpans;
  if (spans !== undefined) {
    for (let p = path; p !== ""; p = parentPath(p)) {
      if (Object.hasOwn(spans, p)) return spans[p];
    }
  }
  return statement.span;
}

function parentPath(path: string): string {
  const cut = Math.max(path.lastIndexOf("."), path.lastIndexOf("["));
  return cut <= 0 ? "" : path.slice(0, cut);
}

/** What a loss reporter needs to know about the target. */
export interface LossTarget {
  dialect: DialectId;
  platform: string;
  /** How the target names what holds a connection: "a SingleStore kafka link". */
  holder(kind: ConnectionKind): string;
  /** Fields the target says outside the statement (no loss of meaning when the statement leaves them out). */
  saidElsewhere?: Partial<Record<ConnectionKind, readonly SaidElsewhere[]>>;
}

export interface LossReport {
  diagnostics: Diagnostic[];
  /** Set when a loss changes the statement's meaning: why it is not emitted. */
  refusal?: string;
}

const CONSEQUENCE: Record<Concern, string> = {
  authentication: "written without it, the statement would authenticate another way, or as someone else",
  destination: "written without it, the statement would connect to a default place",
  route: "written without it, the statement would connect directly instead of through the tunnel",
  transport: "written without it, the statement would use the target's default, which may be weaker or another protocol",
};

const nameText = (name: ObjectName) => name.parts.map((p) => p.value).join(".");

const consumedBy = (consumed: readonly string[], path: string) => {
  const field = patternOf(path);
  return consumed.some((c) => covers(patternOf(c), field));
};

/**
 * Reports every field of a CREATE's connection the emitter did not write
 * (`consumed`: paths from the connection), and the settings of other
 * dialects. A meaning-critical loss is an error and sets `refusal`.
 */
export function reportConnectionLoss(statement: CreateConnection, consumed: readonly string[], target: LossTarget): LossReport {
  const connection = statement.connection;
  const holder = target.holder(connection.kind);
  const name = nameText(statement.name);
  const diagnostics: Diagnostic[] = [];
  const critical: string[] = [];
  for (const path of leafPaths(connection)) {
    if (consumedBy(consumed, path)) continue;
    const at = `connection.${path}`;
    const span = fieldSpan(statement, at);
    const severity = lossSeverity(connection.kind, path, target.saidElsewhere?.[connection.kind]);
    if (severity.critical) {
      critical.push(path);
      diagnostics.push({
        ...error(
          `${target.dialect}.meaning-lost`,
          `${holder} cannot hold ${path}, which decides ${concernWords(severity.concern)}; ${name} is not emitted`,
          span,
          CONSEQUENCE[severity.concern],
        ),
        path: at,
      });
    } else {
      diagnostics.push({
        ...warning(`${target.dialect}.unsupported-field`, `${holder} cannot hold ${path}; it is dropped`, span, severity.saidElsewhere?.where),
        path: at,
      });
    }
  }
  for (const [dialect, key] of foreignExtras(connection.extras, target.dialect)) {
    const at = `connection.extras.${dialect}.${key}`;
    diagnostics.push({
      ...warning(`${target.dialect}.unsupported-field`, `${target.platform} cannot express the ${dialect} setting ${key}; it is dropped`, fieldSpan(statement, at)),
      path: at,
    });
  }
  const report: LossReport = { diagnostics };
  if (critical.length > 0) report.refusal = `${name} not emitted: ${holder} cannot hold ${critical.join(", ")}`;
  return report;
}

/** Statement properties that are positions, comments or the connection (reported on its own), not statement fields. */
const NOT_STATEMENT_FIELDS = new Set(["kind", "span", "comments", "fieldSpans", "sensitiveSpans", "connection"]);

/** Statement fields in the words of SQL, for messages. */
const FIELD_WORDS: Record<string, string> = {
  ifNotExists: "IF NOT EXISTS",
  orReplace: "OR REPLACE",
  temporary: "TEMPORARY",
  description: "description",
  ifExists: "IF EXISTS",
  cascade: "CASCADE",
  like: "LIKE",
  notLike: "NOT LIKE",
  where: "WHERE",
  extended: "EXTENDED",
  redacted: "REDACTED",
  catalogId: "catalog ids",
  version: "catalog versions",
};

/**
 * Statement fields whose loss turns the statement into another one, when the
 * sibling field `with` is written: NOT LIKE said as LIKE selects the
 * opposite (dropping the whole filter only lists more).
 */
const CRITICAL_STATEMENT_FIELDS: Record<string, { with: string; consequence: string }> = {
  notLike: { with: "like", consequence: "written without it, the filter would select the opposite" },
};

/**
 * Paths of the statement-level fields a statement says: booleans only when
 * true (false is the same as leaving them out), object names as `name.parts`
 * plus `name.catalogId` / `name.version`, extras key by key.
 */
export function statementFieldPaths(statement: Statement): string[] {
  const out: string[] = [];
  const visit = (value: unknown, path: string) => {
    if (value === undefined || value === false) return;
    if (Array.isArray(value)) {
      if (value.length === 0) out.push(path);
      value.forEach((v, i) => visit(v, `${path}[${i}]`));
      return;
    }
    if (typeof value !== "object" || value === null) {
      out.push(path);
      return;
    }
    const record = value as Record<string, unknown>;
    // An expression is said whole or not at all.
    if (typeof record.dialect === "string" && typeof record.sql === "string") {
      out.push(path);
      return;
    }
    if (Array.isArray(record.parts)) {
      out.push(`${path}.parts`);
      for (const k of ["catalogId", "version"]) if (record[k] !== undefined) out.push(`${path}.${k}`);
      return;
    }
    const keys = Object.keys(record).filter((k) => k !== "kind" && k !== "method");
    if (keys.length === 0) out.push(path);
    for (const k of keys) visit(record[k], `${path}.${k}`);
  };
  for (const [key, value] of Object.entries(statement)) {
    if (NOT_STATEMENT_FIELDS.has(key)) continue;
    if (key === "extras") {
      for (const [dialect, bag] of Object.entries((value ?? {}) as Extras)) {
        for (const k of Object.keys(bag)) if (k !== "layout") out.push(`extras.${dialect}.${k}`);
      }
      continue;
    }
    visit(value, key);
  }
  return out;
}

/** The option or key names of a settings list, for messages: ` (VALIDATE)`. */
function settingNames(value: unknown): string {
  if (!Array.isArray(value)) return "";
  const names = value.map((e) => (typeof e === "object" && e !== null ? ((e as { option?: unknown; key?: unknown }).option ?? (e as { key?: unknown }).key) : undefined));
  return names.every((n) => typeof n === "string") && names.length > 0 ? ` (${names.join(", ")})` : "";
}

/**
 * Reports the statement-level fields the emitter did not write (`consumed`:
 * paths from the statement, `name` covering the whole name, `name.parts`
 * its parts only). `noun` is the statement in the target's words
 * ("DROP LINK"), for messages.
 */
export function reportStatementLoss(statement: Statement, consumed: readonly string[], target: LossTarget, noun: string): LossReport {
  const diagnostics: Diagnostic[] = [];
  const critical: string[] = [];
  for (const path of statementFieldPaths(statement)) {
    if (consumedBy(consumed, path)) continue;
    const span = fieldSpan(statement, path);
    const extras = /^extras\.([^.]+)\.(.+)$/.exec(path);
    if (extras !== null) {
      const bag = ((statement as { extras?: Record<string, Record<string, unknown> | undefined> }).extras ?? {})[extras[1]!];
      const said = settingNames(bag?.[extras[2]!]);
      diagnostics.push({
        ...warning(
          `${target.dialect}.unsupported-field`,
          `${target.platform} ${noun} cannot express the ${extras[1]} setting ${extras[2]}${said}; it is dropped`,
          span,
        ),
        path,
      });
      continue;
    }
    const field = path.slice(path.lastIndexOf(".") + 1);
    const words = FIELD_WORDS[field] ?? path;
    const rule = CRITICAL_STATEMENT_FIELDS[field];
    if (rule !== undefined && consumedBy(consumed, `${path.slice(0, path.length - field.length)}${rule.with}`)) {
      critical.push(path);
      diagnostics.push({ ...error(`${target.dialect}.meaning-lost`, `${target.platform} ${noun} has no ${words}; the statement is not emitted`, span, rule.consequence), path });
    } else {
      diagnostics.push({ ...warning(`${target.dialect}.unsupported-field`, `${target.platform} ${noun} has no ${words}; it is dropped`, span), path });
    }
  }
  const report: LossReport = { diagnostics };
  if (critical.length > 0) report.refusal = `${noun} not emitted: ${target.platform} cannot say ${critical.join(", ")}`;
  return report;
}

/** The comment a statement that is not emitted leaves in its place, on one line: line breaks inside it would end the comment. */
export function refusalComment(reason: string): string {
  return `-- connbridge: ${reason.replace(/[\r\n\u2028\u2029]+/g, " ")} (see diagnostics)`;
}
