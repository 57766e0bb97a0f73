// Materialize emitter: the canonical simple-mode form of spec §6.1, built as
// a prettier Doc. At unbounded width every statement is one line, exactly as
// the platform re-prints it; a finite width breaks option lists one per line.
import { error, warning, type Diagnostic } from "../../diagnostics.js";
import type { Connection, JsonValue, ObjectName, Program, SecretValue, Span, Statement, StatementKind, Tunnel, Value } from "../../ir/schema.js";
import { group, hardline, indent, join, line, parenList, type Doc } from "../shared/doc.js";
import { typeOfKind } from "./catalog.js";
import { optionsOf, type ExtractedOption, type MzConnectionExtras, type MzOption } from "./fields.js";
import { secretLiteralText, type MzStatementExtras } from "./lower.js";
import { printComments, printIdentifier, printName, quoteString } from "./print.js";
import { fieldSpan, refusalComment, reportConnectionLoss, reportStatementLoss, type LossTarget } from "../shared/loss.js";
import { splitStatements } from "./syntax.js";
import { quoteForMessage } from "../shared/antlr-parse.js";
import { appendAll } from "../shared/arrays.js";

export function printValue(value: Value): Doc {
  switch (value.kind) {
    case "string":
      return quoteString(value.value);
    case "number":
      return value.value;
    case "boolean":
      return value.value ? "true" : "false";
    case "null":
      return "NULL";
    case "hex":
      return `X'${value.value}'`;
    case "interval":
      return `INTERVAL ${quoteString(value.value)}`;
    case "identifier":
      return printName(value.name);
    case "secret":
      return `SECRET ${printName(value.name)}`;
    case "list":
      return parenList(value.items.map(printValue));
    case "map":
      return parenList(
        value.entries.map((e) => [quoteString(e.key), " => ", printValue(e.value)]),
        "MAP[",
        "]",
      );
    case "tunnel":
      return printTunnel(value.tunnel, "option");
    case "kafka_broker": {
      const address = quoteString(value.broker.address);
      const tunnel = value.broker.tunnel;
      if (tunnel === undefined) return address;
      // The platform prints no space before USING for SSH brokers (spec §7.7).
      if (tunnel.kind === "ssh") return [address, "USING SSH TUNNEL ", printName(tunnel.connection)];
      return [address, " USING AWS PRIVATELINK ", printTunnel(tunnel, "broker")];
    }
    case "kafka_broker_rule":
      return [
        "MATCHING ",
        quoteString(value.rule.pattern),
        " USING AWS PRIVATELINK ",
        printTunnel(value.rule.tunnel, "broker"),
      ];
  }
}

/** A PrivateLink reference: top-level options say `(PORT n)`, brokers `(PORT = n)`. */
function printTunnel(tunnel: Tunnel, where: "option" | "broker"): Doc {
  const name = printName(tunnel.connection);
  if (tunnel.kind === "ssh") return name;
  const options: Doc[] = [];
  if (tunnel.availabilityZone !== undefined) options.push(`AVAILABILITY ZONE = ${quoteString(tunnel.availabilityZone)}`);
  if (tunnel.port !== undefined) options.push(where === "option" ? `PORT ${tunnel.port}` : `PORT = ${tunnel.port}`);
  return options.length === 0 ? name : [name, " ", parenList(options)];
}

/**
 * A name where the platform takes an item name: the `[id AS name]` form is
 * only read where a raw name is (references, SHOW CREATE, VALIDATE), so a
 * catalog id elsewhere is reported as lost, not printed.
 */
function itemName(name: ObjectName): string {
  return printName({ parts: name.parts });
}

/** Whether a raw name can be printed in the `[id AS name]` form: that form needs two parts or more. */
function idFormReadable(name: ObjectName): boolean {
  return name.catalogId === undefined || name.parts.length >= 2;
}

function rawName(name: ObjectName): string {
  return idFormReadable(name) ? printName(name) : itemName(name);
}

function printOption(option: MzOption): Doc {
  return option.value === undefined ? option.option : [option.option, " = ", printValue(option.value)];
}

function withClause(extras: MzStatementExtras | undefined): Doc {
  const options = extras?.with;
  if (options === undefined || options.length === 0) return "";
  return [" WITH ", parenList(options.map(printOption))];
}

function ifExists(flag: boolean | undefined): string {
  return flag ? "IF EXISTS " : "";
}

/** A secret's value; an expression written for another dialect is copied as it is, and said so (`path`: where the value is). */
function secretValue(value: SecretValue, path: string, span: Span | undefined, ctx: EmitContext): Doc {
  if (value.kind === "text") return quoteString(secretLiteralText(value.value));
  if (value.expression.dialect !== "materialize") {
    ctx.diagnostics.push({
      ...warning("materialize.foreign-expression", `secret expression copied unchanged from ${value.expression.dialect}`, span),
      path: `${path}.expression`,
    });
  }
  return value.expression.sql;
}

function materializeExtras<T>(extras: Record<string, Record<string, JsonValue>> | undefined): T | undefined {
  return extras?.materialize as T | undefined;
}

export interface EmitContext {
  diagnostics: Diagnostic[];
}

/** A statement Materialize cannot say, or could only say with another meaning: the reason, printed as a comment in its place. */
class NotExpressible {
  constructor(readonly reason: string) {}
}

const LOSS_TARGET: LossTarget = {
  dialect: "materialize",
  platform: "Materialize",
  holder: (kind) => `a Materialize ${kind} connection`,
};

/**
 * The statement-level fields each statement kind writes; anything else a
 * statement carries is reported as lost. `name.parts` is a name without its
 * catalog id (see itemName), `name` all of it.
 */
const STATEMENT_FIELDS_SAID: Record<StatementKind, readonly string[]> = {
  create_connection: ["name.parts", "ifNotExists", "extras.materialize.with"],
  alter_connection: ["name.parts", "ifExists", "action.newName.parts", "action.owner", "action.changes", "extras.materialize.with"],
  drop: ["objectType", "names[].parts", "ifExists", "cascade"],
  create_secret: ["name.parts", "ifNotExists", "value"],
  alter_secret: ["name.parts", "ifExists", "action.value", "action.newName.parts", "action.owner"],
  show: ["objectType", "from.parts", "like", "where"],
  show_create_connection: ["name", "redacted"],
  describe_connection: ["name"],
  validate_connection: ["name"],
  comment_on: ["objectType", "name.parts", "comment"],
  verbatim: ["dialect", "text"],
};

/** The fields a statement writes: a raw name that cannot take the id form is written without it. */
function fieldsSaid(statement: Statement): readonly string[] {
  const said = STATEMENT_FIELDS_SAID[statement.kind];
  if ("name" in statement && said.includes("name") && !idFormReadable(statement.name)) return said.map((f) => (f === "name" ? "name.parts" : f));
  return said;
}

/** The statement in Materialize's words, for messages. */
const STATEMENT_NOUN: Record<StatementKind, string> = {
  create_connection: "CREATE CONNECTION",
  alter_connection: "ALTER CONNECTION",
  drop: "DROP",
  create_secret: "CREATE SECRET",
  alter_secret: "ALTER SECRET",
  show: "SHOW",
  show_create_connection: "SHOW CREATE CONNECTION",
  describe_connection: "SHOW CREATE CONNECTION",
  validate_connection: "VALIDATE CONNECTION",
  comment_on: "COMMENT ON",
  verbatim: "a statement passed through",
};

function emitCreateConnection(statement: Extract<Statement, { kind: "create_connection" }>, ctx: EmitContext): Doc {
  const connection: Connection = statement.connection;
  const type = typeOfKind(connection.kind);
  const name = itemName(statement.name);
  if (type === undefined) {
    const reason = `Materialize has no ${connection.kind} connection; ${name} is not emitted`;
    ctx.diagnostics.push(error("materialize.unsupported-connection-type", reason, statement.span));
    throw new NotExpressible(reason);
  }
  const extras = materializeExtras<MzConnectionExtras>(connection.extras);
  const options = optionsOf(type, connection, extras);
  reportUnknownTerms(options, statement, ctx);
  const loss = reportConnectionLoss(statement, options.flatMap((o) => o.consumed), LOSS_TARGET);
  appendAll(ctx.diagnostics, loss.diagnostics);
  if (loss.refusal !== undefined) throw new NotExpressible(loss.refusal);
  return group([
    "CREATE CONNECTION ",
    statement.ifNotExists ? "IF NOT EXISTS " : "",
    name,
    " TO ",
    type,
    " ",
    parenList(options.map(printOption)),
    withClause(materializeExtras<MzStatementExtras>(statement.extras)),
  ]);
}

/** Values outside an option's vocabulary are written as they stand, and said so. */
function reportUnknownTerms(options: ExtractedOption[], statement: Statement, ctx: EmitContext): void {
  for (const { option, unknownTerm, span } of options) {
    if (unknownTerm === undefined) continue;
    ctx.diagnostics.push({
      ...warning(
        "materialize.unknown-value",
        `Materialize has no ${option} value ${quoteForMessage(unknownTerm.value)}; it is written as given`,
        span ?? fieldSpan(statement, `connection.${unknownTerm.field}`),
        `Materialize knows ${unknownTerm.spellings.join(", ")}`,
      ),
      path: `connection.${unknownTerm.field}`,
    });
  }
}

function emitAlterConnection(statement: Extract<Statement, { kind: "alter_connection" }>): Doc {
  const head = ["ALTER CONNECTION ", ifExists(statement.ifExists), itemName(statement.name)];
  const action = statement.action;
  if (action.kind === "rename") return [...head, " RENAME TO ", itemName(action.newName)];
  if (action.kind === "owner") return [...head, " OWNER TO ", printIdentifier(action.owner)];
  const changes = action.changes.map((c): Doc => {
    if (c.kind === "rotate_keys") return "ROTATE KEYS";
    if (c.kind === "reset") return `DROP (${c.option})`;
    return ["SET (", printOption(c), ")"];
  });
  const options = materializeExtras<MzStatementExtras>(statement.extras)?.with ?? [];
  const withOptions: Doc = options.length > 0 ? [line, "WITH ", parenList(options.map(printOption))] : "";
  return group([...head, indent([line, join([",", line], changes), withOptions])]);
}

function emitStatement(statement: Statement, ctx: EmitContext): Doc {
  switch (statement.kind) {
    case "create_connection":
      return emitCreateConnection(statement, ctx);
    case "alter_connection":
      return emitAlterConnection(statement);
    case "drop":
      return [
        "DROP ",
        statement.objectType === "connection" ? "CONNECTION " : "SECRET ",
        ifExists(statement.ifExists),
        join(", ", statement.names.map(itemName)),
        statement.cascade ? " CASCADE" : "",
      ];
    case "create_secret":
      return [
        "CREATE SECRET ",
        statement.ifNotExists ? "IF NOT EXISTS " : "",
        itemName(statement.name),
        " AS ",
        secretValue(statement.value, "value", statement.span, ctx),
      ];
    case "alter_secret": {
      const head = ["ALTER SECRET ", ifExists(statement.ifExists), itemName(statement.name)];
      const action = statement.action;
      if (action.kind === "set_value") return [...head, " AS ", secretValue(action.value, "action.value", statement.span, ctx)];
      if (action.kind === "rename") return [...head, " RENAME TO ", itemName(action.newName)];
      return [...head, " OWNER TO ", printIdentifier(action.owner)];
    }
    case "show":
      return [
        "SHOW ",
        statement.objectType === "connections" ? "CONNECTIONS" : "SECRETS",
        statement.from ? [" FROM ", itemName(statement.from)] : "",
        statement.like !== undefined ? [" LIKE ", quoteString(statement.like)] : "",
        statement.where ? [" WHERE ", whereSql(statement.where, statement.span, ctx)] : "",
      ];
    case "show_create_connection":
      return ["SHOW ", statement.redacted ? "REDACTED " : "", "CREATE CONNECTION ", rawName(statement.name)];
    case "describe_connection":
      ctx.diagnostics.push(
        warning("materialize.describe", "Materialize has no DESCRIBE CONNECTION; emitted as SHOW CREATE CONNECTION", statement.span),
      );
      return ["SHOW CREATE CONNECTION ", rawName(statement.name)];
    case "validate_connection":
      return ["VALIDATE CONNECTION ", rawName(statement.name)];
    case "comment_on":
      return [
        "COMMENT ON ",
        statement.objectType === "connection" ? "CONNECTION " : "SECRET ",
        itemName(statement.name),
        " IS ",
        statement.comment === null ? "NULL" : quoteString(statement.comment),
      ];
    case "verbatim":
      if (statement.dialect !== "materialize") {
        ctx.diagnostics.push({
          ...warning("materialize.foreign-verbatim", `statement passed through unchanged from ${statement.dialect}`, statement.span),
          path: "dialect",
        });
      }
      return statement.text;
  }
}

function whereSql(where: { dialect: string; sql: string }, span: Span | undefined, ctx: EmitContext): string {
  if (where.dialect !== "materialize") {
    ctx.diagnostics.push({ ...warning("materialize.foreign-expression", `WHERE expression copied from ${where.dialect} unchanged`, span), path: "where" });
  }
  return where.sql;
}

/** Builds the Doc of a whole program: statements terminated by `;`, one per line. */
export function emitProgram(program: Program, ctx: EmitContext): Doc {
  const parts: Doc[] = [];
  for (const statement of program.statements) {
    appendAll(parts, printComments(statement.comments));
    let body: Doc;
    // Statement-level losses are reported for statements that are emitted; a refusal says it all.
    const statementLoss = reportStatementLoss(statement, fieldsSaid(statement), LOSS_TARGET, STATEMENT_NOUN[statement.kind]);
    try {
      if (statementLoss.refusal !== undefined) {
        appendAll(ctx.diagnostics, statementLoss.diagnostics);
        throw new NotExpressible(statementLoss.refusal);
      }
      body = emitStatement(statement, ctx);
      appendAll(ctx.diagnostics, statementLoss.diagnostics);
    } catch (e) {
      if (!(e instanceof NotExpressible)) throw e;
      parts.push(refusalComment(e.reason), hardline);
      continue;
    }
    // Text kept as written that ends inside an unterminated string or comment
    // gets no terminator: it would land inside it.
    const open = statement.kind === "verbatim" && splitStatements(statement.text).diagnostics.length > 0;
    if (open) parts.push(body, statement.text.endsWith("\n") ? "" : hardline);
    else parts.push(body, ";", hardline);
  }
  appendAll(parts, printComments(program.trailingComments));
  return parts;
}
