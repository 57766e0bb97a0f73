// Materialize emitter: the canonical simple-mode form of spec §6.1, built as
// a prettier Doc. At unbounded width every statement is one line, exactly as
// the platform re-prints it; a finite width breaks option lists one per line.
import { error, warning, type Diagnostic } from "../../diagnostics.js";
import type { Connection, JsonValue, Program, SecretValue, Statement, Tunnel, Value } from "../../ir/schema.js";
import { group, hardline, indent, join, line, parenList, type Doc } from "../shared/doc.js";
import { typeOfKind } from "./catalog.js";
import { optionsOf, type ExtractedOption, type MzConnectionExtras, type MzOption } from "./fields.js";
import { secretLiteralText, type MzStatementExtras } from "./lower.js";
import { printComments, printIdentifier, printName, quoteString } from "./print.js";
import { fieldSpan, leafPaths, foreignExtras } from "../shared/loss.js";
import { splitStatements } from "./syntax.js";
import { quoteForMessage } from "../shared/antlr-parse.js";

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

function secretValue(value: SecretValue): Doc {
  return value.kind === "text" ? quoteString(secretLiteralText(value.value)) : value.expression.sql;
}

function materializeExtras<T>(extras: Record<string, Record<string, JsonValue>> | undefined): T | undefined {
  return extras?.materialize as T | undefined;
}

export interface EmitContext {
  diagnostics: Diagnostic[];
}

function emitCreateConnection(statement: Extract<Statement, { kind: "create_connection" }>, ctx: EmitContext): Doc | undefined {
  const connection: Connection = statement.connection;
  const type = typeOfKind(connection.kind);
  const name = printName(statement.name);
  if (type === undefined) {
    ctx.diagnostics.push(
      error(
        "materialize.unsupported-connection-type",
        `Materialize has no ${connection.kind} connection; ${name} is not emitted`,
        statement.span,
      ),
    );
    return undefined;
  }
  const extras = materializeExtras<MzConnectionExtras>(connection.extras);
  const options = optionsOf(type, connection, extras);
  reportUnknownTerms(options, statement, ctx);
  reportLoss(connection, options.flatMap((o) => o.consumed), statement, ctx);
  if (statement.orReplace) {
    ctx.diagnostics.push(
      warning("materialize.no-or-replace", "Materialize has no CREATE OR REPLACE CONNECTION; OR REPLACE is dropped", statement.span),
    );
  }
  for (const flag of ["temporary", "description"] as const) {
    if (statement[flag] !== undefined) {
      ctx.diagnostics.push(
        warning("materialize.unsupported-field", `Materialize CREATE CONNECTION has no ${flag}; it is dropped`, statement.span),
      );
    }
  }
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

function reportLoss(connection: Connection, consumed: string[], statement: Statement, ctx: EmitContext): void {
  for (const path of leafPaths(connection)) {
    if (consumed.some((c) => path === c || path.startsWith(`${c}.`) || path.startsWith(`${c}[`))) continue;
    ctx.diagnostics.push({
      ...warning(
        "materialize.unsupported-field",
        `Materialize cannot express ${connection.kind} field ${path}; it is dropped`,
        statement.span,
      ),
      path: `connection.${path}`,
    });
  }
  for (const [dialect, key] of foreignExtras(connection.extras, "materialize")) {
    ctx.diagnostics.push({
      ...warning("materialize.unsupported-field", `Materialize cannot express the ${dialect} setting ${key}; it is dropped`, statement.span),
      path: `connection.extras.${dialect}.${key}`,
    });
  }
}

function emitAlterConnection(statement: Extract<Statement, { kind: "alter_connection" }>): Doc {
  const head = ["ALTER CONNECTION ", ifExists(statement.ifExists), printName(statement.name)];
  const action = statement.action;
  if (action.kind === "rename") return [...head, " RENAME TO ", printName(action.newName)];
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

function emitStatement(statement: Statement, ctx: EmitContext): Doc | undefined {
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
        join(", ", statement.names.map(printName)),
        statement.cascade ? " CASCADE" : "",
      ];
    case "create_secret":
      return [
        "CREATE SECRET ",
        statement.ifNotExists ? "IF NOT EXISTS " : "",
        printName(statement.name),
        " AS ",
        secretValue(statement.value),
      ];
    case "alter_secret": {
      const head = ["ALTER SECRET ", ifExists(statement.ifExists), printName(statement.name)];
      const action = statement.action;
      if (action.kind === "set_value") return [...head, " AS ", secretValue(action.value)];
      if (action.kind === "rename") return [...head, " RENAME TO ", printName(action.newName)];
      return [...head, " OWNER TO ", printIdentifier(action.owner)];
    }
    case "show":
      if (statement.notLike) {
        ctx.diagnostics.push(
          error("materialize.unsupported-field", "Materialize SHOW has no NOT LIKE; the filter cannot be expressed", statement.span),
        );
      }
      return [
        "SHOW ",
        statement.objectType === "connections" ? "CONNECTIONS" : "SECRETS",
        statement.from ? [" FROM ", printName(statement.from)] : "",
        statement.like !== undefined ? [" LIKE ", quoteString(statement.like)] : "",
        statement.where ? [" WHERE ", whereSql(statement.where, ctx)] : "",
      ];
    case "show_create_connection":
      return ["SHOW ", statement.redacted ? "REDACTED " : "", "CREATE CONNECTION ", printName(statement.name)];
    case "describe_connection":
      ctx.diagnostics.push(
        warning("materialize.describe", "Materialize has no DESCRIBE CONNECTION; emitted as SHOW CREATE CONNECTION", statement.span),
      );
      return ["SHOW CREATE CONNECTION ", printName(statement.name)];
    case "validate_connection":
      return ["VALIDATE CONNECTION ", printName(statement.name)];
    case "comment_on":
      return [
        "COMMENT ON ",
        statement.objectType === "connection" ? "CONNECTION " : "SECRET ",
        printName(statement.name),
        " IS ",
        statement.comment === null ? "NULL" : quoteString(statement.comment),
      ];
    case "verbatim":
      if (statement.dialect !== "materialize") {
        ctx.diagnostics.push(
          warning("materialize.foreign-verbatim", `statement passed through unchanged from ${statement.dialect}`, statement.span),
        );
      }
      return statement.text;
  }
}

function whereSql(where: { dialect: string; sql: string }, ctx: EmitContext): string {
  if (where.dialect !== "materialize") {
    ctx.diagnostics.push(warning("materialize.foreign-expression", `WHERE expression copied from ${where.dialect} unchanged`));
  }
  return where.sql;
}

/** Builds the Doc of a whole program: statements terminated by `;`, one per line. */
export function emitProgram(program: Program, ctx: EmitContext): Doc {
  const parts: Doc[] = [];
  for (const statement of program.statements) {
    const body = emitStatement(statement, ctx);
    parts.push(...printComments(statement.comments));
    if (body === undefined) {
      parts.push(`-- connbridge: ${statement.kind} not expressible in Materialize (see diagnostics)`, hardline);
      continue;
    }
    // Text kept as written that ends inside an unterminated string or comment
    // gets no terminator: it would land inside it.
    const open = statement.kind === "verbatim" && splitStatements(statement.text).diagnostics.length > 0;
    if (open) parts.push(body, statement.text.endsWith("\n") ? "" : hardline);
    else parts.push(body, ";", hardline);
  }
  parts.push(...printComments(program.trailingComments));
  return parts;
}
