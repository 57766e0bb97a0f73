// Planning an IR program for a target dialect: what the source said, made
// into what the target can say, with every difference reported.
//
// * Secrets. Into a target without secret objects, `{secret: name}`
//   references are resolved from CREATE/ALTER SECRET in the same input, then
//   from caller-supplied values; unresolved ones are errors unless the caller
//   asks for placeholders. The CREATE SECRET statements are consumed. Into a
//   target with secret objects, sensitive literals become generated
//   CREATE SECRET statements placed before the connection that uses them.
// * Kinds the target lacks are errors; the statement stays in the output as
//   comments carrying the reason and the original text.
// * Fields the target requires but the source could not carry are errors
//   naming the field; the caller can supply them per connection.
// * Loss of individual fields is reported by the target's emitter.
import { error, info, warning, type Diagnostic } from "../diagnostics.js";
import type { Dialect } from "../dialects/dialect.js";
import { getPath, type Fields } from "../dialects/shared/paths.js";
import { REDACTED, sensitiveSites } from "../ir/sensitivity.js";
import type { Comment, Connection, ObjectName, Program, Statement } from "../ir/schema.js";
import { applySupply, type Supply } from "./supply.js";

export interface PlanOptions {
  /** Secret values by secret name (as written, e.g. `kafka_password` or `db.schema.pw`). */
  secrets?: Record<string, string>;
  /** Leave unresolved secret references as placeholders instead of failing. */
  placeholders?: boolean;
  /**
   * Values for fields the source cannot carry: connection name → IR field
   * path → value, as text (typed by the field) or as JSON.
   */
  supply?: Supply;
  /** Mask every sensitive value in the output. */
  redact?: boolean;
  /** Emit a commented pipeline template carrying Kafka brokers a target link cannot hold. */
  pipelineTemplate?: boolean;
}

/** The text that stands for an unresolved secret when placeholders are asked for. */
export function secretPlaceholder(name: string): string {
  return `<<connbridge-secret:${name}>>`;
}

const nameText = (name: ObjectName) => name.parts.map((p) => p.value).join(".");

/** Every secret reference in a connection, wherever it is. */
function secretReferenceSites(connection: Connection): { path: string; name: ObjectName; set: (v: unknown) => void }[] {
  const out: { path: string; name: ObjectName; set: (v: unknown) => void }[] = [];
  const visit = (holder: Record<string, unknown> | unknown[], key: string | number, path: string) => {
    const value = (holder as Record<string, unknown>)[key as string];
    if (typeof value !== "object" || value === null) return;
    if (!Array.isArray(value) && "secret" in value && Object.keys(value).length === 1) {
      out.push({ path, name: (value as { secret: ObjectName }).secret, set: (v) => ((holder as Record<string, unknown>)[key as string] = v) });
      return;
    }
    if (Array.isArray(value)) value.forEach((_, i) => visit(value, i, `${path}[${i}]`));
    else for (const k of Object.keys(value)) if (k !== "extras") visit(value as Record<string, unknown>, k, path ? `${path}.${k}` : k);
  };
  for (const k of Object.keys(connection)) if (k !== "extras" && k !== "kind") visit(connection as unknown as Record<string, unknown>, k, k);
  return out;
}

/**
 * Kinds that say the same thing in different platforms' terms: Materialize's
 * AWS credentials connection is what a SingleStore S3 link holds, and back.
 * Fields outside `fields` are reported as lost.
 */
const EQUIVALENT_KINDS: Partial<Record<Connection["kind"], { kind: Connection["kind"]; fields: readonly string[] }>> = {
  aws: { kind: "s3", fields: ["auth", "endpoint", "region"] },
  s3: { kind: "aws", fields: ["auth", "endpoint", "region"] },
};

export interface PlanResult {
  program: Program;
  diagnostics: Diagnostic[];
}

export class TranslationPlanner {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly out: Statement[] = [];
  private pendingComments: Comment[] = [];
  private readonly secretValues = new Map<string, string>();
  private readonly takenNames = new Set<string>();

  constructor(
    private readonly source: Dialect,
    private readonly target: Dialect,
    private readonly sourceText: string,
    private readonly options: PlanOptions,
  ) {}

  plan(program: Program): PlanResult {
    // Secrets defined in the input come first, then those the caller supplies.
    for (const statement of program.statements) {
      if (statement.kind === "create_secret" || statement.kind === "create_connection") this.takenNames.add(nameText(statement.name));
      if (statement.kind === "create_secret") {
        const value = statement.value.value;
        if (value !== undefined) this.secretValues.set(nameText(statement.name), value);
      }
    }
    for (const [name, value] of Object.entries(this.options.secrets ?? {})) {
      if (!this.secretValues.has(name)) this.secretValues.set(name, value);
    }
    for (const statement of program.statements) this.statement(statement);
    const result: Program = { statements: this.out };
    const trailing = [...this.pendingComments, ...(program.trailingComments ?? [])];
    if (trailing.length > 0) result.trailingComments = trailing;
    if (this.options.redact) redactProgram(result);
    return { program: result, diagnostics: this.diagnostics };
  }

  private push(statement: Statement): void {
    if (this.pendingComments.length > 0) {
      statement.comments = [...this.pendingComments, ...(statement.comments ?? [])];
      this.pendingComments = [];
    }
    this.out.push(statement);
  }

  /** Keeps a statement the target cannot take as comments: the reason, then the original text. */
  private keepAsComment(statement: Statement, reason: string): void {
    const original =
      statement.span !== undefined ? this.sourceText.slice(statement.span.start.offset, statement.span.end.offset) : undefined;
    this.pendingComments.push(...(statement.comments ?? []), { style: "line", text: ` connbridge: not translated: ${reason}` });
    for (const line of (original ?? "").split("\n")) {
      if (line.trim() !== "") this.pendingComments.push({ style: "line", text: ` ${line.replace(/\r$/, "")}` });
    }
  }

  private statement(statement: Statement): void {
    const targetName = this.target.platform;
    switch (statement.kind) {
      case "create_secret":
      case "alter_secret":
        if (this.target.capabilities.secretObjects) return this.push(structuredClone(statement));
        if (statement.kind === "create_secret") {
          // The statement is consumed; its comments stay.
          this.pendingComments.push(...(statement.comments ?? []));
          this.diagnostics.push(
            info("translate.secret-consumed", `secret ${nameText(statement.name)} is inlined where it is used; ${targetName} has no secret objects`, statement.span),
          );
          return;
        }
        this.diagnostics.push(
          warning("translate.no-equivalent", `${targetName} has no ALTER SECRET; connections that use ${nameText(statement.name)} must be updated instead`, statement.span),
        );
        return this.keepAsComment(statement, `${targetName} has no secret objects`);
      case "drop":
        if (statement.objectType === "secret" && !this.target.capabilities.secretObjects) {
          this.pendingComments.push(...(statement.comments ?? []));
          this.diagnostics.push(info("translate.secret-consumed", `${targetName} has no secret objects; DROP SECRET is dropped`, statement.span));
          return;
        }
        for (const name of statement.names) this.push({ ...structuredClone(statement), names: [name] });
        return;
      case "create_connection":
        return this.createConnection(statement);
      case "alter_connection":
        if (statement.action.kind === "change" && this.source.id !== this.target.id) {
          this.diagnostics.push(
            error("translate.no-equivalent", `ALTER CONNECTION options of ${this.source.platform} have no ${targetName} counterpart; statement kept as a comment`, statement.span),
          );
          return this.keepAsComment(statement, `ALTER options of ${this.source.platform} do not carry over`);
        }
        return this.push(structuredClone(statement));
      case "comment_on":
        return this.commentOn(statement);
      case "verbatim":
        if (statement.dialect === this.target.id) return this.push(structuredClone(statement));
        // Text of another language (not connection DDL, or not parsed) means nothing to the target.
        this.diagnostics.push(
          warning("translate.verbatim", `statement copied as a comment: it is ${this.source.platform} text connbridge does not translate`, statement.span),
        );
        return this.keepAsComment(statement, `${this.source.platform} statement outside connection DDL, or not parsed`);
      default:
        return this.push(structuredClone(statement));
    }
  }

  private createConnection(original: Extract<Statement, { kind: "create_connection" }>): void {
    const statement = structuredClone(original);
    if (this.source.explicitDefaults !== undefined) statement.connection = this.source.explicitDefaults(statement.connection);
    const name = nameText(statement.name);
    const kinds = this.target.capabilities.connectionKinds;
    const equivalent = EQUIVALENT_KINDS[statement.connection.kind];
    if (!kinds.includes(statement.connection.kind) && equivalent !== undefined && kinds.includes(equivalent.kind)) {
      statement.connection = this.convertKind(name, statement.connection, equivalent, statement);
    }
    const connection = statement.connection;
    if (!kinds.includes(connection.kind)) {
      this.diagnostics.push(
        error(
          "translate.unsupported-kind",
          `${this.target.platform} has no ${connection.kind} connection; ${name} is kept as a comment`,
          statement.span,
        ),
      );
      return this.keepAsComment(statement, `${this.target.platform} has no ${connection.kind} connection`);
    }
    this.supply(name, connection, statement);
    if (!this.checkRequired(name, connection, statement)) return this.keepAsComment(statement, "required data missing (see diagnostics)");
    if (this.target.capabilities.secretObjects) {
      this.generateSecrets(name, connection, statement);
    } else if (!this.resolveSecrets(name, connection, statement)) {
      return this.keepAsComment(statement, "unresolved secret (see diagnostics)");
    }
    if (statement.description !== undefined && this.target.capabilities.connectionComments === "statement") {
      const description = statement.description;
      delete statement.description;
      this.push(statement);
      this.push({ kind: "comment_on", objectType: "connection", name: structuredClone(statement.name), comment: description });
    } else {
      this.push(statement);
    }
    if (this.options.pipelineTemplate && connection.kind === "kafka" && !this.target.capabilities.secretObjects) {
      const brokers = (connection.brokers ?? []).map((b) => b.address).join(",");
      if (brokers !== "") {
        this.pendingComments.push(
          { style: "line", text: ` brokers of ${name}, for a pipeline that uses the link:` },
          { style: "line", text: ` CREATE PIPELINE ${name}_pipeline AS LOAD DATA LINK ${name} '${brokers}/<topic>' INTO TABLE <table>;` },
        );
      }
    }
  }

  /** COMMENT ON a connection, into a target that says descriptions in CREATE: folded into an earlier CREATE of the same input. */
  private commentOn(statement: Extract<Statement, { kind: "comment_on" }>): void {
    if (this.target.capabilities.connectionComments !== "clause") return this.push(structuredClone(statement));
    const key = nameText(statement.name);
    const created = this.out.find((s): s is Extract<Statement, { kind: "create_connection" }> => s.kind === "create_connection" && nameText(s.name) === key);
    if (statement.objectType === "connection" && created !== undefined) {
      if (statement.comment === null) delete created.description;
      else created.description = statement.comment;
      this.diagnostics.push(info("translate.comment-folded", `comment on ${key} written as the description of its CREATE`, statement.span));
      return;
    }
    this.diagnostics.push(
      error("translate.no-equivalent", `${this.target.platform} can only describe a connection where it is created; ${key} is not created in this input`, statement.span),
    );
    this.keepAsComment(statement, `${this.target.platform} has no COMMENT ON`);
  }

  /** Re-expresses a connection as a close kind the target has (AWS credentials ⇄ an S3 link). */
  private convertKind(name: string, connection: Connection, to: { kind: Connection["kind"]; fields: readonly string[] }, statement: Statement): Connection {
    const converted: Record<string, unknown> = { kind: to.kind };
    for (const [key, value] of Object.entries(connection)) {
      if (key === "kind") continue;
      if (to.fields.includes(key) || key === "extras") converted[key] = value;
      else {
        this.diagnostics.push({
          ...warning("translate.loss", `${name}: ${this.target.platform}'s ${to.kind} connection has no field ${key}; it is dropped`, statement.span),
          path: `connection.${key}`,
        });
      }
    }
    this.diagnostics.push(
      info("translate.kind-converted", `${name}: ${connection.kind} connection written as ${this.target.platform}'s ${to.kind} connection`, statement.span),
    );
    return converted as unknown as Connection;
  }

  private supply(name: string, connection: Connection, statement: Statement): void {
    this.diagnostics.push(...applySupply(name, connection, statement, this.options.supply));
  }

  private checkRequired(name: string, connection: Connection, statement: Statement): boolean {
    let complete = true;
    for (const requirement of this.target.capabilities.requiredFields?.[connection.kind] ?? []) {
      const alternatives = requirement.split("|");
      const present = alternatives.some((path) => {
        const value = getPath(connection as unknown as Fields, path);
        return value !== undefined && !(Array.isArray(value) && value.length === 0);
      });
      if (present) continue;
      complete = false;
      const field = alternatives[0]!;
      this.diagnostics.push({
        ...error(
          "translate.missing-required",
          `${this.target.platform} needs ${connection.kind} field ${alternatives.join(" or ")} for ${name}, which the ${this.source.platform} statement cannot carry`,
          statement.span,
          `supply it: API option supply: { "${name}": { "${field}": "..." } }, or --set ${name}:${field}=...`,
        ),
        path: `connection.${field}`,
      });
    }
    return complete;
  }

  /** Inlines secret references; false when one cannot be resolved. */
  private resolveSecrets(name: string, connection: Connection, statement: Statement): boolean {
    let resolved = true;
    for (const site of secretReferenceSites(connection)) {
      const secretName = nameText(site.name);
      const lastPart = site.name.parts[site.name.parts.length - 1]!.value;
      const value = this.secretValues.get(secretName) ?? this.secretValues.get(lastPart);
      if (value !== undefined) {
        site.set(value);
        continue;
      }
      if (this.options.placeholders) {
        site.set(secretPlaceholder(secretName));
        this.diagnostics.push({
          ...warning("translate.secret-placeholder", `${name}: secret ${secretName} is not known; ${site.path} holds a placeholder`, statement.span),
          path: `connection.${site.path}`,
        });
        continue;
      }
      resolved = false;
      this.diagnostics.push({
        ...error(
          "translate.unresolved-secret",
          `${name}: secret ${secretName} (used by ${site.path}) is not defined in the input or supplied`,
          statement.span,
          "define it with CREATE SECRET, pass --secrets file.json ({\"name\": \"value\"}), or allow --placeholders",
        ),
        path: `connection.${site.path}`,
      });
    }
    return resolved;
  }

  /** Moves sensitive literals into generated CREATE SECRET statements placed before the connection. */
  private generateSecrets(name: string, connection: Connection, statement: Statement): void {
    for (const site of sensitiveSites(connection)) {
      if (typeof site.value !== "string") continue;
      const connectionName = statement.kind === "create_connection" ? statement.name.parts[statement.name.parts.length - 1]!.value : name;
      const fieldName = site.path.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/[^A-Za-z0-9]+/g, "_");
      const base = `${connectionName}_${fieldName}`.toLowerCase().replace(/_+/g, "_");
      let secretName = base;
      for (let n = 2; this.takenNames.has(secretName); n++) secretName = `${base}_${n}`;
      this.takenNames.add(secretName);
      const ref: ObjectName = { parts: [{ value: secretName, quoted: false }] };
      this.push({ kind: "create_secret", name: ref, value: { kind: "text", value: site.value } });
      site.set({ secret: ref });
      this.diagnostics.push({
        ...info("translate.secret-generated", `${name}: ${site.path} moved into generated secret ${secretName}`, statement.span),
        path: `connection.${site.path}`,
      });
    }
  }
}

/** Keys of dialect-only settings that hold secrets (as in SingleStore's undocumented librdkafka keys). */
const SECRET_LOOKING_KEY = /(password|secret|token|credential|private|(^|[._-])key$|(^|[._-])keys?[._-])/i;
const IDENTIFIER_LOOKING_KEY = /(_key_id|[._-]id)$/i;

/** Masks settings kept in a dialect's extras: every credentials entry, and secret-looking config keys. */
function redactExtras(extras: Record<string, Record<string, unknown>> | undefined): void {
  for (const bag of Object.values(extras ?? {})) {
    for (const [list, everything] of [["credentials", true], ["config", false]] as const) {
      const entries = bag[list];
      if (!Array.isArray(entries)) continue;
      for (const entry of entries as { key?: unknown; value?: unknown }[]) {
        const key = String(entry.key ?? "");
        if (everything || (SECRET_LOOKING_KEY.test(key) && !IDENTIFIER_LOOKING_KEY.test(key))) entry.value = REDACTED;
      }
    }
  }
}

/** Masks every sensitive value of a program in place. */
export function redactProgram(program: Program): void {
  for (const statement of program.statements) {
    if (statement.kind === "create_connection") {
      for (const site of sensitiveSites(statement.connection)) if (typeof site.value === "string") site.set(REDACTED);
      redactExtras(statement.connection.extras as Record<string, Record<string, unknown>> | undefined);
    }
    if (statement.kind === "create_secret") statement.value = { kind: "text", value: REDACTED };
    if (statement.kind === "alter_secret" && statement.action.kind === "set_value") {
      statement.action = { kind: "set_value", value: { kind: "text", value: REDACTED } };
    }
  }
}
