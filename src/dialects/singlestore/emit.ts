// SingleStore emitter: the canonical form of spec §7, built as a prettier Doc.
// At unbounded width every statement is one line:
//
//   CREATE LINK `db`.`name` AS KAFKA CONFIG '{...}' CREDENTIALS '{...}' DESCRIPTION '...'
//
// and a statement longer than a finite width puts each clause on its own
// line. Where the IR carries a SingleStore layout (it was read from
// SingleStore text), key order, clause order and value spelling follow it.
import { error, info, warning, type Diagnostic } from "../../diagnostics.js";
import type { Program, Statement, StatementKind, StatementOf, Value } from "../../ir/schema.js";
import { group, hardline, indent, join, line, type Doc } from "../shared/doc.js";
import { fieldSpan, refusalComment, reportConnectionLoss, reportStatementLoss, type LossTarget } from "../shared/loss.js";
import { SAID_ELSEWHERE, typeOfKind, type Clause } from "./catalog.js";
import { keysOf, parseChangeOption, singlestoreExtras, type OutputKey } from "./fields.js";
import { isJsonNumber, printJson, quoteSqlString, type NumberText } from "./json.js";
import type { SingleStoreAlterExtras } from "./lower.js";
import { printComments, printIdentifier, printJsonKey, printName } from "./print.js";
import { splitStatements } from "./syntax.js";
import { quoteForMessage } from "../shared/antlr-parse.js";
import { appendAll } from "../shared/arrays.js";

export interface EmitContext {
  diagnostics: Diagnostic[];
}

/** A statement SingleStore cannot say: the reason, printed as a comment in its place. */
class NotExpressible {
  constructor(readonly reason: string) {}
}

/** The source text of the numbers of a value, looked up by path (one look-up per number printed). */
function numberTextOf(numbers: NumberText[] | undefined) {
  if (numbers === undefined || numbers.length === 0) return undefined;
  const byPath = new Map<string, NumberText[]>();
  for (const number of numbers) {
    const key = JSON.stringify(number.path);
    const list = byPath.get(key);
    if (list === undefined) byPath.set(key, [number]);
    else list.push(number);
  }
  return (path: readonly (string | number)[], n: number) => byPath.get(JSON.stringify(path))?.find((x) => Number(x.text) === n)?.text;
}

function printKeys(keys: OutputKey[]): string {
  const members = keys
    .filter((k) => k.value !== undefined)
    .map((k) => `${JSON.stringify(k.key)}:${printJson(k.value!, numberTextOf(k.layout?.numbers))}`);
  return `{${members.join(",")}}`;
}

const LOSS_TARGET: LossTarget = {
  dialect: "singlestore",
  platform: "SingleStore",
  holder: (kind) => `a SingleStore ${kind} link`,
  saidElsewhere: SAID_ELSEWHERE,
};

/** The statement-level fields each statement kind writes; anything else a statement carries is reported as lost. */
const STATEMENT_FIELDS_SAID: Record<StatementKind, readonly string[]> = {
  create_connection: ["name.parts", "orReplace", "ifNotExists", "description", "extras.singlestore"],
  alter_connection: ["name.parts", "action", "extras.singlestore"],
  drop: ["objectType", "names[].parts"],
  create_secret: [],
  alter_secret: [],
  show: ["objectType", "from.parts"],
  // SingleStore always redacts credentials in SHOW CREATE LINK (said with an info).
  show_create_connection: ["name.parts", "redacted"],
  describe_connection: ["name.parts"],
  validate_connection: ["name.parts"],
  comment_on: ["objectType", "name.parts", "comment"],
  verbatim: ["dialect", "text"],
};

/** The statement in SingleStore's words, for messages. */
const STATEMENT_NOUN: Record<StatementKind, string> = {
  create_connection: "CREATE LINK",
  alter_connection: "ALTER LINK",
  drop: "DROP LINK",
  create_secret: "CREATE SECRET",
  alter_secret: "ALTER SECRET",
  show: "SHOW LINKS",
  show_create_connection: "SHOW CREATE LINK",
  describe_connection: "SHOW CREATE LINK",
  validate_connection: "VALIDATE",
  comment_on: "COMMENT ON",
  verbatim: "a statement passed through",
};

function emitCreateLink(statement: StatementOf<"create_connection">, ctx: EmitContext): Doc {
  const connection = statement.connection;
  const type = typeOfKind(connection.kind);
  if (type === undefined) {
    const reason = `SingleStore has no ${connection.kind} link type; ${printName(statement.name)} is not emitted`;
    ctx.diagnostics.push(error("singlestore.unsupported-connection-type", reason, statement.span));
    throw new NotExpressible(reason);
  }
  const keys = keysOf(type, connection);
  for (const k of [...keys.config, ...keys.credentials]) {
    if (k.unknownTerm !== undefined) {
      ctx.diagnostics.push({
        ...warning(
          "singlestore.unknown-value",
          `SingleStore has no ${JSON.stringify(k.key)} value ${quoteForMessage(k.unknownTerm.value)}; it is written as given`,
          k.span ?? fieldSpan(statement, `connection.${k.unknownTerm.field}`),
          `SingleStore knows ${k.unknownTerm.spellings.join(", ")}`,
        ),
        path: `connection.${k.unknownTerm.field}`,
      });
    }
    for (const path of k.secretReferences) {
      ctx.diagnostics.push({
        ...error(
          "singlestore.secret-reference",
          `connection.${path} is a reference to a secret, which SingleStore cannot name; resolve it to a value before emitting`,
          statement.span,
        ),
        path: `connection.${path}`,
      });
    }
  }
  const loss = reportConnectionLoss(statement, keys.consumed, LOSS_TARGET);
  appendAll(ctx.diagnostics, loss.diagnostics);
  if (loss.refusal !== undefined) throw new NotExpressible(loss.refusal);
  if ((connection as { auth?: { method?: string } }).auth?.method === "implicit") {
    // Said by leaving the credentials out: worth a word, since nothing in the text shows it.
    ctx.diagnostics.push({
      ...info("singlestore.implicit-credentials", "auth implicit is written as a link without credentials, which uses the ambient credentials of the cluster", fieldSpan(statement, "connection.auth")),
      path: "connection.auth",
    });
  }

  const extras = singlestoreExtras(connection);
  const layout = extras?.layout;
  const written = layout?.clauses;
  const clauseLayout = (clause: Clause) => written?.find((c) => c.clause === clause);
  const literal = (clause: Clause): string | undefined => {
    const nonObject = clause === "CONFIG" ? extras?.configValue : extras?.credentialsValue;
    if (nonObject !== undefined) return quoteSqlString(printJson(nonObject, numberTextOf(clauseLayout(clause)?.numbers)));
    const list = clause === "CONFIG" ? keys.config : keys.credentials;
    if (list.length > 0) return quoteSqlString(printKeys(list));
    // Empty: CONFIG is left out unless it was written; CREDENTIALS is always there
    // ('' where the source said so), unless the source left it out.
    if (written === undefined) return clause === "CONFIG" ? undefined : "'{}'";
    const was = clauseLayout(clause);
    if (was === undefined) return undefined;
    return was.empty ? "''" : "'{}'";
  };
  // The server prints CONFIG first; text that put CREDENTIALS first keeps its order.
  const position = (clause: Clause) => written?.findIndex((c) => c.clause === clause) ?? -1;
  const credentialsFirst = position("CREDENTIALS") >= 0 && position("CONFIG") > position("CREDENTIALS");
  const order: Clause[] = credentialsFirst ? ["CREDENTIALS", "CONFIG"] : ["CONFIG", "CREDENTIALS"];
  const clauses: Doc[] = [];
  for (const clause of order) {
    const text = literal(clause);
    if (text !== undefined) clauses.push(`${clause} ${text}`);
  }
  if (statement.description !== undefined) clauses.push(`DESCRIPTION ${quoteSqlString(statement.description)}`);
  return group([
    "CREATE ",
    statement.orReplace ? "OR REPLACE " : "",
    "LINK ",
    statement.ifNotExists ? "IF NOT EXISTS " : "",
    printName(statement.name),
    " AS ",
    type,
    clauses.length > 0 ? indent([line, join(line, clauses)]) : "",
  ]);
}

/** JSON text of a dialect-neutral value (ALTER LINK); numbers keep their text. */
function jsonOfValue(value: Value): string {
  switch (value.kind) {
    case "string":
      return JSON.stringify(value.value);
    case "number":
      if (!isJsonNumber(value.value)) throw new NotExpressible(`the number ${value.value} is not JSON`);
      return value.value;
    case "boolean":
      return value.value ? "true" : "false";
    case "null":
      return "null";
    case "list":
      return `[${value.items.map(jsonOfValue).join(",")}]`;
    case "map":
      return `{${value.entries.map((e) => `${JSON.stringify(e.key)}:${jsonOfValue(e.value)}`).join(",")}}`;
    default:
      throw new NotExpressible(`a ${value.kind} value cannot be written as JSON`);
  }
}

function emitAlterLink(statement: StatementOf<"alter_connection">, ctx: EmitContext): Doc {
  const action = statement.action;
  const fail = (reason: string): never => {
    ctx.diagnostics.push(error("singlestore.unsupported-alter", `${reason}; the statement is not emitted`, statement.span));
    throw new NotExpressible(reason);
  };
  if (action.kind !== "change") fail(`ALTER LINK cannot ${action.kind === "rename" ? "rename a link" : "change a link's owner"}`);
  const layouts = (statement.extras?.singlestore as SingleStoreAlterExtras | undefined)?.layout?.changes ?? [];
  const sets = (action as Extract<typeof action, { kind: "change" }>).changes.map((change, i): Doc => {
    const parsed = change.kind === "set" ? parseChangeOption(change.option) : undefined;
    if (parsed === undefined || change.kind !== "set" || change.value === undefined) {
      return fail("ALTER LINK can only SET CONFIG or SET CREDENTIALS");
    }
    const layout = layouts[i] ?? {};
    if (parsed.key !== undefined) {
      if (change.value.kind !== "string") return fail(`SET ${parsed.clause} ::key = ... takes a string value`);
      return `SET ${parsed.clause} ::${printJsonKey(parsed.key, layout.quotedKey !== true)} = ${quoteSqlString(change.value.value)}`;
    }
    if (layout.empty && change.value.kind === "map" && change.value.entries.length === 0) return `SET ${parsed.clause} ''`;
    let json: string;
    try {
      json = jsonOfValue(change.value);
    } catch (e) {
      if (e instanceof NotExpressible) return fail(e.reason);
      throw e;
    }
    return `SET ${parsed.clause} ${quoteSqlString(json)}`;
  });
  return group(["ALTER LINK ", printName(statement.name), indent([line, join(line, sets)])]);
}

function noSecrets(statement: Statement, ctx: EmitContext): never {
  const reason = "SingleStore has no secret objects; credentials live in a link's CREDENTIALS";
  ctx.diagnostics.push(error("singlestore.no-secrets", reason, statement.span));
  throw new NotExpressible(reason);
}

function emitStatement(statement: Statement, ctx: EmitContext): Doc[] {
  switch (statement.kind) {
    case "create_connection":
      return [emitCreateLink(statement, ctx)];
    case "alter_connection":
      return [emitAlterLink(statement, ctx)];
    case "drop":
      if (statement.objectType === "secret") noSecrets(statement, ctx);
      // DROP LINK takes one name: one statement per name.
      return statement.names.map((name) => ["DROP LINK ", printName(name)]);
    case "show": {
      if (statement.objectType === "secrets") noSecrets(statement, ctx);
      const from = statement.from;
      return [["SHOW LINKS", from ? [" ON ", from.parts.length === 1 ? printIdentifier(from.parts[0]!) : printName(from)] : ""]];
    }
    case "show_create_connection":
      if (statement.redacted) {
        ctx.diagnostics.push({
          ...info("singlestore.always-redacted", "SingleStore always redacts credentials in SHOW CREATE LINK: REDACTED needs no words", statement.span),
          path: "redacted",
        });
      }
      return [["SHOW CREATE LINK ", printName(statement.name)]];
    case "describe_connection":
      ctx.diagnostics.push(warning("singlestore.describe", "SingleStore has no DESCRIBE LINK; emitted as SHOW CREATE LINK", statement.span));
      return [["SHOW CREATE LINK ", printName(statement.name)]];
    case "validate_connection": {
      const reason = "SingleStore has no statement that validates a link";
      ctx.diagnostics.push(error("singlestore.unsupported-statement", reason, statement.span));
      throw new NotExpressible(reason);
    }
    case "comment_on": {
      if (statement.objectType === "secret") noSecrets(statement, ctx);
      const reason = "SingleStore cannot change a link's description after CREATE LINK ... DESCRIPTION";
      ctx.diagnostics.push(error("singlestore.unsupported-statement", reason, statement.span));
      throw new NotExpressible(reason);
    }
    case "create_secret":
    case "alter_secret":
      return noSecrets(statement, ctx);
    case "verbatim":
      if (statement.dialect !== "singlestore") {
        ctx.diagnostics.push({
          ...warning("singlestore.foreign-verbatim", `statement passed through unchanged from ${statement.dialect}`, statement.span),
          path: "dialect",
        });
      }
      return [statement.text];
  }
}

/** Builds the Doc of a whole program: statements terminated by `;`, one per line. */
export function emitProgram(program: Program, ctx: EmitContext): Doc {
  const parts: Doc[] = [];
  for (const statement of program.statements) {
    appendAll(parts, printComments(statement.comments));
    let bodies: Doc[];
    // Statement-level losses are reported for statements that are emitted; a refusal says it all.
    const statementLoss = reportStatementLoss(statement, STATEMENT_FIELDS_SAID[statement.kind], LOSS_TARGET, STATEMENT_NOUN[statement.kind]);
    try {
      if (statementLoss.refusal !== undefined) {
        appendAll(ctx.diagnostics, statementLoss.diagnostics);
        throw new NotExpressible(statementLoss.refusal);
      }
      bodies = emitStatement(statement, ctx);
      appendAll(ctx.diagnostics, statementLoss.diagnostics);
    } catch (e) {
      if (!(e instanceof NotExpressible)) throw e;
      parts.push(refusalComment(e.reason), hardline);
      continue;
    }
    // Text kept as written that ends inside an unterminated string or comment
    // gets no terminator: it would land inside it.
    const open = statement.kind === "verbatim" && splitStatements(statement.text).diagnostics.length > 0;
    for (const body of bodies) {
      if (open) parts.push(body, statement.kind === "verbatim" && statement.text.endsWith("\n") ? "" : hardline);
      else parts.push(body, ";", hardline);
    }
  }
  appendAll(parts, printComments(program.trailingComments));
  return parts;
}
