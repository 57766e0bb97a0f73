// Planning an IR program for a target dialect: what the source said, made
// into what the target can say, with every difference reported.
//
// * Secrets. Into a target without secret objects, `{secret: name}`
//   references are resolved with the value the secret has at that point of
//   the input (secrets.ts), then from caller-supplied values; unresolved ones
//   are errors unless the caller asks for placeholders. The secret statements
//   are consumed. Into a target with secret objects, the sensitive literals
//   the target holds become generated CREATE SECRET statements placed before
//   the connection that uses them.
// * Kinds the target lacks are errors; the statement stays in the output as
//   comments carrying the reason and the original text, and so do the
//   statements about that connection (DROP, ALTER, COMMENT ON, VALIDATE).
// * Fields the target requires but the source could not carry are errors
//   naming the field; the caller can supply them per connection.
// * Names are mapped by one rule (names.ts).
// * Loss of individual fields is reported by the target's emitter; a loss
//   that changes the statement's meaning, or a statement the target's own
//   checks refuse, keeps the statement as comments.
import { error, info, warning, type Diagnostic } from "../diagnostics.js";
import type { Dialect, NameRules } from "../dialects/dialect.js";
import { fieldSpan } from "../dialects/shared/loss.js";
import { getPath, type Fields } from "../dialects/shared/paths.js";
import { REDACTED, sensitiveSites } from "../ir/sensitivity.js";
import type { Comment, Connection, ObjectName, Program, Span, Statement } from "../ir/schema.js";
import { fitName, mapName, nameKey, nameText, tooLong } from "./names.js";
import { maskedSource, redactProgram } from "./redact.js";
import { SecretBook, type SecretLookup } from "./secrets.js";
import { applySupply, type Supply } from "./supply.js";
import { appendAll } from "../dialects/shared/arrays.js";

export interface PlanOptions {
  /**
   * Secret values by secret name, resolved as the source platform resolves
   * names (in Materialize `pw`, `public.pw` and `materialize.public.pw` are one
   * secret). A secret the input defines before its use takes precedence.
   */
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

type CreateConnection = Extract<Statement, { kind: "create_connection" }>;

/** A statement the planner could not carry over, and why. */
class NotCarried {
  constructor(readonly reason: string) {}
}

export class TranslationPlanner {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly out: Statement[] = [];
  private pendingComments: Comment[] = [];
  private readonly takenNames = new Set<string>();
  /** For each generated secret name taken, the next suffix to try (`_2`, `_3`, ...). */
  private readonly nextSuffix = new Map<string, number>();
  /** Connections of the input that are not written, by name key, with the reason. */
  private readonly untranslated = new Map<string, string>();
  /** Connections written, by name key (COMMENT ON folds into these). */
  private readonly created = new Map<string, CreateConnection>();
  private secrets!: SecretBook;

  constructor(
    private readonly source: Dialect,
    private readonly target: Dialect,
    private readonly sourceText: string,
    private readonly options: PlanOptions,
  ) {}

  plan(program: Program): PlanResult {
    const rules = this.source.capabilities.names;
    const definedInInput = new Set<string>();
    for (const statement of program.statements) {
      // Generated secrets sit beside their connection: an object name is taken by its last part.
      if (statement.kind === "create_secret" || statement.kind === "create_connection") this.takenNames.add(statement.name.parts[statement.name.parts.length - 1]!.value);
      if (statement.kind === "create_secret") definedInInput.add(nameKey(statement.name, rules));
    }
    this.secrets = new SecretBook(rules, this.options.secrets ?? {}, definedInInput);
    for (const statement of program.statements) this.statement(statement);
    if (!this.target.capabilities.secretObjects) appendAll(this.diagnostics, this.secrets.report(this.target.platform));
    const result: Program = { statements: this.out, source: this.target.id };
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

  /**
   * Keeps a statement the target cannot take as comments: the reason, then
   * the original text, masked by the source dialect's rules when redacting
   * (and always for a secret's own statement, whose value is used elsewhere).
   */
  private keepAsComment(statement: Statement, reason: string): void {
    let original =
      statement.span !== undefined ? this.sourceText.slice(statement.span.start.offset, statement.span.end.offset) : undefined;
    const secretStatement = statement.kind === "create_secret" || statement.kind === "alter_secret";
    if (original !== undefined && (this.options.redact || secretStatement)) {
      original = maskedSource(original, statement.span!.start.offset, statement.sensitiveSpans);
    }
    appendAll(this.pendingComments, statement.comments ?? []);
    this.pendingComments.push({ style: "line", text: ` connbridge: not translated: ${reason}` });
    for (const line of (original ?? "").split(/\r\n|\r|\n/)) {
      if (line.trim() !== "") this.pendingComments.push({ style: "line", text: ` ${line}` });
    }
  }

  private at(statement: Statement, path: string): Span | undefined {
    return fieldSpan(statement, path);
  }

  /** The connection a statement is about, when the input did not get it written. */
  private untranslatedReason(name: ObjectName): string | undefined {
    return this.untranslated.get(nameKey(name, this.source.capabilities.names));
  }

  /** A statement about a connection that was not written stays a comment too. */
  private keepDependent(statement: Statement, name: ObjectName, reason: string): void {
    this.dependentWarning(statement, name, reason);
    this.keepAsComment(statement, `connection ${nameText(name)} is not translated`);
  }

  private dependentWarning(statement: Statement, name: ObjectName, reason: string): void {
    this.diagnostics.push(
      warning(
        "translate.dependent-not-translated",
        `connection ${nameText(name)} is not translated (${reason}); this statement about it is kept as a comment`,
        statement.span,
      ),
    );
  }

  /** A name of the source said in the target's terms, with what the target cannot qualify reported. */
  private mapName(name: ObjectName, statement: Statement, path: string): ObjectName {
    const mapped = mapName(name, this.source.capabilities.names, this.target.capabilities.names, this.target.platform, this.at(statement, path), path);
    appendAll(this.diagnostics, mapped.diagnostics);
    return mapped.name;
  }

  /** Every name a statement holds (its own, and references inside a connection), mapped to the target. */
  private mapNames(statement: Statement): void {
    const visit = (node: unknown, path: string): void => {
      if (typeof node !== "object" || node === null) return;
      if (Array.isArray(node)) return node.forEach((item, i) => visit(item, `${path}[${i}]`));
      const holder = node as Record<string, unknown>;
      for (const [key, value] of Object.entries(holder)) {
        if (key === "extras" || key === "span" || key === "fieldSpans" || key === "sensitiveSpans" || key === "secret") continue;
        const at = path === "" ? key : `${path}.${key}`;
        if (isObjectName(value)) holder[key] = this.mapName(value, statement, at);
        else visit(value, at);
      }
    };
    visit(statement, "");
  }

  private statement(statement: Statement): void {
    try {
      this.plannedStatement(statement);
    } catch (e) {
      if (!(e instanceof NotCarried)) throw e;
      this.keepAsComment(statement, e.reason);
    }
  }

  private plannedStatement(statement: Statement): void {
    const targetName = this.target.platform;
    const sameSecrets = this.target.capabilities.secretObjects && this.source.capabilities.secretObjects;
    switch (statement.kind) {
      case "create_secret":
      case "alter_secret":
      case "drop":
        if (statement.kind === "drop" && statement.objectType === "connection") return this.dropConnections(statement);
        if (sameSecrets) return this.pushMapped(statement);
        return this.secretStatement(statement);
      case "create_connection":
        return this.createConnection(statement);
      case "alter_connection": {
        const reason = this.untranslatedReason(statement.name);
        if (reason !== undefined) return this.keepDependent(statement, statement.name, reason);
        if (statement.action.kind === "change" && this.source.id !== this.target.id) {
          this.diagnostics.push(
            error("translate.no-equivalent", `ALTER options of ${this.source.platform} are not translated to ${targetName}; the statement is kept as a comment`, statement.span),
          );
          throw new NotCarried(`ALTER options of ${this.source.platform} do not carry over`);
        }
        return this.pushMapped(statement);
      }
      case "comment_on":
        return this.commentOn(statement);
      case "validate_connection":
      case "show_create_connection":
      case "describe_connection": {
        const reason = this.untranslatedReason(statement.name);
        if (reason !== undefined) return this.keepDependent(statement, statement.name, reason);
        return this.pushMapped(statement);
      }
      case "show":
        return this.show(statement);
      case "verbatim":
        if (statement.dialect === this.target.id) return this.push(structuredClone(statement));
        // Text of another language (not connection DDL, or not parsed) means nothing to the target.
        this.diagnostics.push(
          warning("translate.verbatim", `statement copied as a comment: it is ${this.source.platform} text connbridge does not translate`, statement.span),
        );
        throw new NotCarried(`${this.source.platform} statement outside connection DDL, or not parsed`);
    }
  }

  private pushMapped(statement: Statement): void {
    const copy = structuredClone(statement);
    this.mapNames(copy);
    const refused = this.refusedName(copy);
    if (refused !== undefined) throw new NotCarried(refused);
    this.push(copy);
  }

  /** CREATE / ALTER / DROP SECRET into a target without secret objects: the values live on in the connections after them. */
  private secretStatement(statement: Extract<Statement, { kind: "create_secret" | "alter_secret" | "drop" }>): void {
    const targetName = this.target.platform;
    if (statement.kind === "create_secret") this.secrets.create(statement.name, statement.value.value, statement.span);
    else if (statement.kind === "drop") statement.names.forEach((name) => this.secrets.drop(name));
    else if (statement.action.kind === "set_value") this.secrets.setValue(statement.name, statement.action.value.value, statement.span);
    else if (statement.action.kind === "rename") this.secrets.rename(statement.name, statement.action.newName);
    else {
      this.diagnostics.push(warning("translate.no-equivalent", `${targetName} has no secret objects: a secret's owner has no counterpart`, statement.span));
      throw new NotCarried(`${targetName} has no secret objects`);
    }
    if (statement.kind !== "create_secret") {
      const what = statement.kind === "drop" ? "DROP SECRET" : "ALTER SECRET";
      this.diagnostics.push(
        info("translate.secret-statement", `${what} is applied to the secret values of the connections after it; ${targetName} has no secret objects`, statement.span),
      );
    }
    // The statement is consumed; its comments stay.
    appendAll(this.pendingComments, statement.comments ?? []);
  }

  /**
   * DROP of several connections: one statement per name written. Where some
   * of them were not translated, the statement is kept once as a comment, in
   * the place of the first of them, naming them all: its cost stays that of
   * its names, however many there are.
   */
  private dropConnections(statement: Extract<Statement, { kind: "drop" }>): void {
    const untranslated = statement.names.filter((name) => this.untranslatedReason(name) !== undefined);
    const { comments, ...rest } = statement;
    // The statement's comments go with whatever comes of its first name.
    let commentsPlaced = false;
    for (const name of statement.names) {
      const reason = this.untranslatedReason(name);
      if (reason !== undefined) {
        this.dependentWarning(statement, name, reason);
        if (name !== untranslated[0]) continue;
        const names = untranslated.map(nameText).join(", ");
        const what = untranslated.length === 1 ? `connection ${names} is not translated` : `connections ${names} are not translated`;
        const others = untranslated.length < statement.names.length ? " (its other names are dropped by statements of their own)" : "";
        this.keepAsComment(commentsPlaced ? rest : statement, `${what}${others}`);
        commentsPlaced = true;
        continue;
      }
      const single: Statement = structuredClone({ ...rest, names: [name] });
      this.mapNames(single);
      const refused = this.refusedName(single);
      if (refused !== undefined) {
        this.keepAsComment(commentsPlaced ? rest : statement, `${refused}${statement.names.length > 1 ? " (its other names are dropped by statements of their own)" : ""}`);
        commentsPlaced = true;
        continue;
      }
      if (!commentsPlaced && comments !== undefined) single.comments = structuredClone(comments);
      commentsPlaced = true;
      this.push(single);
    }
  }

  /** SHOW ... FROM names a container: a schema (or database.schema) in Materialize, a database in SingleStore. */
  private show(statement: Extract<Statement, { kind: "show" }>): void {
    const copy = structuredClone(statement);
    const from = copy.from;
    if (from !== undefined) {
      const containers = (rules: NameRules) => rules.parts.filter((role) => role !== "object");
      const sourceRoles = containers(this.source.capabilities.names);
      const targetRoles = containers(this.target.capabilities.names);
      const parts = from.parts.map((part, i) => ({ part, role: sourceRoles[sourceRoles.length - from.parts.length + i] ?? "database" }));
      const kept = parts.filter((p) => targetRoles.includes(p.role));
      for (const dropped of parts.filter((p) => !targetRoles.includes(p.role))) {
        this.diagnostics.push({
          ...warning(
            "translate.name-qualification",
            `${this.target.platform} lists connections by ${targetRoles.join(".") || "nothing"}: ${dropped.role} ${dropped.part.value} is dropped`,
            this.at(statement, "from"),
          ),
          path: "from",
        });
      }
      // Inner containers the target has but the source did not say are the target's defaults (SingleStore
      // `ON db` is Materialize `FROM db.public`); without them the filter would name something else.
      const names = kept.map((p) => p.part);
      const innermost = kept.length > 0 ? targetRoles.indexOf(kept[kept.length - 1]!.role) : -1;
      const defaults = targetRoles.slice(innermost + 1).map((role) => this.target.capabilities.names.defaults?.[role]);
      if (kept.length > 0 && defaults.every((d) => d !== undefined)) copy.from = { parts: [...names, ...defaults.map((value) => ({ value: value!, quoted: false }))] };
      else delete copy.from;
    }
    this.push(copy);
  }

  private createConnection(original: CreateConnection): void {
    const statement = structuredClone(original);
    const sourceName = statement.name;
    const name = nameText(sourceName);
    const key = nameKey(sourceName, this.source.capabilities.names);
    // Every secret the source connection names is used by it, written or not.
    const secretUses = this.target.capabilities.secretObjects ? [] : secretReferenceSites(statement.connection).map((site) => site.name);
    try {
      this.prepareConnection(statement, name);
    } catch (e) {
      if (!(e instanceof NotCarried)) throw e;
      this.untranslated.set(key, e.reason);
      for (const used of secretUses) this.secrets.used(used, name, false);
      throw e;
    }
    for (const used of secretUses) this.secrets.used(used, name, true);
    this.untranslated.delete(key);
    this.created.set(key, statement);
  }

  /** Plans one connection for the target, pushing it (and generated secrets); NotCarried when it cannot be written. */
  private prepareConnection(statement: CreateConnection, name: string): void {
    if (this.source.explicitDefaults !== undefined) statement.connection = this.source.explicitDefaults(statement.connection);
    const kinds = this.target.capabilities.connectionKinds;
    const equivalent = EQUIVALENT_KINDS[statement.connection.kind];
    if (!kinds.includes(statement.connection.kind) && equivalent !== undefined && kinds.includes(equivalent.kind)) {
      statement.connection = this.convertKind(name, statement.connection, equivalent, statement);
    }
    const connection = statement.connection;
    if (!kinds.includes(connection.kind)) {
      this.diagnostics.push(
        error("translate.unsupported-kind", `${this.target.platform} has no ${connection.kind} connection; ${name} is kept as a comment`, statement.span),
      );
      throw new NotCarried(`${this.target.platform} has no ${connection.kind} connection`);
    }
    this.supply(name, connection, statement);
    if (!this.checkRequired(name, connection, statement)) throw new NotCarried("required data missing (see diagnostics)");
    if (!this.target.capabilities.secretObjects && !this.resolveSecrets(name, connection, statement)) {
      throw new NotCarried("unresolved secret (see diagnostics)");
    }
    this.mapNames(statement);
    const refusedName = this.refusedName(statement);
    if (refusedName !== undefined) throw new NotCarried(refusedName);

    // What the target's emitter cannot say decides what is written: a loss
    // that changes the statement's meaning keeps it out, and no secret is
    // generated for a value the target does not hold.
    const lossesOf = (candidate: Statement[]) => this.target.emit({ statements: candidate }).diagnostics;
    const losses = lossesOf([statement]);
    const blocking = losses.filter((d) => d.severity === "error");
    if (blocking.length > 0) {
      appendAll(this.diagnostics, blocking);
      throw new NotCarried("it would change meaning in the target (see diagnostics)");
    }
    const lost = new Set(losses.map((d) => d.path).filter((p): p is string => p !== undefined));
    const generated = this.target.capabilities.secretObjects ? this.generateSecrets(name, statement, lost) : [];

    const written: Statement[] = [...generated, statement];
    if (statement.description !== undefined && this.target.capabilities.connectionComments === "statement") {
      const description = statement.description;
      delete statement.description;
      written.push({ kind: "comment_on", objectType: "connection", name: structuredClone(statement.name), comment: description });
    }
    const refused = this.target.check({ statements: written }).filter((d) => d.severity === "error");
    if (refused.length > 0) {
      appendAll(this.diagnostics, refused.map((d) => ({ ...d, message: `${d.message} (in the ${this.target.platform} statement for ${name})` })));
      throw new NotCarried(`${this.target.platform} would refuse the statement (see diagnostics)`);
    }
    for (const generatedSecret of generated) this.diagnostics.push(generatedSecret.diagnostic);
    written.forEach((s) => this.push(s));
    if (this.options.pipelineTemplate && statement.connection.kind === "kafka" && !this.target.capabilities.secretObjects) {
      const brokers = (statement.connection.brokers ?? []).map((b) => b.address).join(",");
      if (brokers !== "") {
        this.pendingComments.push(
          { style: "line", text: ` brokers of ${name}, for a pipeline that uses the link:` },
          { style: "line", text: ` CREATE PIPELINE ${name}_pipeline AS LOAD DATA LINK ${name} '${brokers}/<topic>' INTO TABLE <table>;` },
        );
      }
    }
  }

  /**
   * Names the target would refuse (empty, holding NUL, longer than it allows)
   * are an error, never an output the target rejects: the reason, or
   * undefined when every name of the statement is fine.
   */
  private refusedName(statement: Statement): string | undefined {
    const rules = this.target.capabilities.names;
    let refused: string | undefined;
    const visit = (node: unknown, path: string): void => {
      if (refused !== undefined || typeof node !== "object" || node === null) return;
      if (isObjectName(node)) {
        const bad = node.parts.find((part) => part.value === "" || part.value.includes("\0") || tooLong(part, rules));
        if (bad === undefined) return;
        const limit = rules.maxLength;
        const why =
          bad.value === "" ? "an empty name" : bad.value.includes("\0") ? "a name holding a NUL character" : `a name longer than ${limit!.max} ${limit!.unit}`;
        refused = `${this.target.platform} refuses ${why}`;
        this.diagnostics.push({
          ...error("translate.invalid-name", `${refused}${bad.value === "" ? "" : ` (${printableName(bad.value)})`}`, this.at(statement, path), "rename it in the source, or rename it after translating"),
          path,
        });
        return;
      }
      for (const [key, value] of Object.entries(node)) {
        if (key === "extras" || key === "span" || key === "fieldSpans" || key === "sensitiveSpans" || key === "comments") continue;
        visit(value, Array.isArray(node) ? `${path}[${key}]` : path === "" ? key : `${path}.${key}`);
      }
    };
    visit(statement, "");
    return refused;
  }

  /** COMMENT ON a connection, into a target that says descriptions in CREATE: folded into an earlier CREATE of the same input. */
  private commentOn(statement: Extract<Statement, { kind: "comment_on" }>): void {
    const reason = statement.objectType === "connection" ? this.untranslatedReason(statement.name) : undefined;
    if (reason !== undefined) return this.keepDependent(statement, statement.name, reason);
    if (statement.objectType === "secret" && !this.target.capabilities.secretObjects) {
      this.diagnostics.push(warning("translate.no-equivalent", `${this.target.platform} has no secret objects: a comment on a secret has no counterpart`, statement.span));
      throw new NotCarried(`${this.target.platform} has no secret objects`);
    }
    if (this.target.capabilities.connectionComments !== "clause") return this.pushMapped(statement);
    const key = nameText(statement.name);
    const created = statement.objectType === "connection" ? this.created.get(nameKey(statement.name, this.source.capabilities.names)) : undefined;
    if (created !== undefined) {
      if (statement.comment === null) delete created.description;
      else created.description = statement.comment;
      this.diagnostics.push(info("translate.comment-folded", `comment on ${key} written as the description of its CREATE`, statement.span));
      return;
    }
    this.diagnostics.push(
      error("translate.no-equivalent", `${this.target.platform} can only describe a connection where it is created; ${key} is not created in this input`, statement.span),
    );
    throw new NotCarried(`${this.target.platform} has no COMMENT ON`);
  }

  /** Re-expresses a connection as a close kind the target has (AWS credentials ⇄ an S3 link). */
  private convertKind(name: string, connection: Connection, to: { kind: Connection["kind"]; fields: readonly string[] }, statement: Statement): Connection {
    const converted: Record<string, unknown> = { kind: to.kind };
    for (const [key, value] of Object.entries(connection)) {
      if (key === "kind") continue;
      if (to.fields.includes(key) || key === "extras") converted[key] = value;
      else {
        this.diagnostics.push({
          ...warning("translate.loss", `${name}: ${this.target.platform}'s ${to.kind} connection has no field ${key}; it is dropped`, this.at(statement, `connection.${key}`)),
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
    appendAll(this.diagnostics, applySupply(name, connection, statement, this.options.supply));
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
          fieldSpan(statement, "name"),
          `supply it: API option supply: { "${name}": { "${field}": "..." } }, or --set ${name}:${field}=...`,
        ),
        path: `connection.${field}`,
      });
    }
    return complete;
  }

  /** Inlines secret references with the value each has at this point of the input; false when one cannot be resolved. */
  private resolveSecrets(name: string, connection: Connection, statement: Statement): boolean {
    let resolved = true;
    for (const site of secretReferenceSites(connection)) {
      const secretName = nameText(site.name);
      const path = `connection.${site.path}`;
      const found = this.secrets.lookup(site.name);
      if (found.found === "value") {
        // The source kept it as a secret: it is masked under redaction wherever it lands.
        site.set(this.options.redact ? REDACTED : found.value);
        continue;
      }
      if (this.options.placeholders) {
        site.set(secretPlaceholder(secretName));
        this.diagnostics.push({
          ...warning("translate.secret-placeholder", `${name}: secret ${secretName} is not known; ${site.path} holds a placeholder`, this.at(statement, path)),
          path,
        });
        continue;
      }
      resolved = false;
      const why: Record<Exclude<SecretLookup["found"], "value">, string> = {
        "not-constant": "its value is an expression whose value connbridge cannot compute",
        later: "it is created after this connection in the input",
        dropped: "it is dropped before this connection in the input",
        nothing: "it is not defined in the input or supplied",
      };
      this.diagnostics.push({
        ...error(
          "translate.unresolved-secret",
          `${name}: secret ${secretName} (used by ${site.path}) has no value here: ${why[found.found]}`,
          this.at(statement, path),
          "define it with CREATE SECRET before the connection, pass --secrets file.json ({\"name\": \"value\"}), or allow --placeholders",
        ),
        path,
      });
    }
    return resolved;
  }

  /**
   * Moves the sensitive literals the target holds into generated CREATE
   * SECRET statements placed before the connection; a value the target does
   * not hold (its loss is reported by the emitter) is written nowhere.
   */
  private generateSecrets(name: string, statement: CreateConnection, lost: Set<string>): Array<Statement & { diagnostic: Diagnostic }> {
    const generated: Array<Statement & { diagnostic: Diagnostic }> = [];
    const connectionName = statement.name.parts[statement.name.parts.length - 1]!.value;
    for (const site of sensitiveSites(statement.connection)) {
      const path = `connection.${site.path}`;
      if (typeof site.value !== "string" || lost.has(path)) continue;
      const fieldName = site.path.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/[^A-Za-z0-9]+/g, "_");
      const base = fitName(`${connectionName}_${fieldName}`.toLowerCase().replace(/_+/g, "_"), this.target.capabilities.names);
      let secretName = base;
      if (this.takenNames.has(secretName)) {
        // Suffixes below the one remembered for this base are all taken: start there, not at 2.
        let n = this.nextSuffix.get(base) ?? 2;
        while (this.takenNames.has((secretName = fitName(`${base}_${n}`, this.target.capabilities.names)))) n++;
        this.nextSuffix.set(base, n + 1);
      }
      this.takenNames.add(secretName);
      const ref: ObjectName = { parts: [...statement.name.parts.slice(0, -1), { value: secretName, quoted: false }] };
      const diagnostic = {
        ...info("translate.secret-generated", `${name}: ${site.path} moved into generated secret ${secretName}`, this.at(statement, path)),
        path,
      };
      const secret = { kind: "create_secret" as const, name: ref, value: { kind: "text" as const, value: site.value } };
      Object.defineProperty(secret, "diagnostic", { value: diagnostic, enumerable: false });
      generated.push(secret as Statement & { diagnostic: Diagnostic });
      site.set({ secret: ref });
    }
    return generated;
  }
}

/** A name for a message: control characters escaped, long names cut. */
function printableName(value: string): string {
  const escaped = value.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return escaped.length > 80 ? `${escaped.slice(0, 77)}...` : escaped;
}

function isObjectName(value: unknown): value is ObjectName {
  return typeof value === "object" && value !== null && Array.isArray((value as { parts?: unknown }).parts);
}
