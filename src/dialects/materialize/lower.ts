// Lowering of Materialize parse trees to the IR. Applies the lexical rules
// that the token grammar leaves open (identifier folding, string escapes,
// adjacent strings) and places options into concept-named IR fields.
import { ParserRuleContext, TerminalNode, type ParseTree, type Token } from "antlr4ng";
import * as P from "../../generated/materialize/MaterializeParser.js";
import { error } from "../../diagnostics.js";
import type {
  Connection,
  ConnectionChange,
  Identifier,
  MaterializeStatementExtras,
  ObjectName,
  SecretValue,
  Statement,
  Tunnel,
  Value,
} from "../../ir/schema.js";
import { FIELDS, KIND_OF_TYPE, SENSITIVE_OPTIONS, type MzConnectionType, type MzOptionName } from "./catalog.js";
import { embeddedSecretRanges, isSensitiveName } from "../../ir/sensitivity.js";
import { fieldPathOf } from "../shared/paths.js";
import { byteaFromText, CAST_PRECEDENCE, evaluate, EvaluationError, ExprBuilder, IS_NULL_PRECEDENCE, printExpr, type Expr, type PrefixOperator } from "./expression.js";
import { placeOption, type MzConnectionExtras, type MzLayoutEntry, type MzOption } from "./fields.js";
import { printName, quoteString } from "./print.js";
import { MAX_NESTING, MzToken as T } from "./syntax.js";
import { quoteForMessage } from "../shared/antlr-parse.js";
import { CONTROL_ESCAPES } from "../shared/escapes.js";
import { LoweringError, StatementLowering } from "../shared/lowering.js";

const MAX_IDENTIFIER_BYTES = 255;
const utf8 = new TextEncoder();

/** `WITH (VALIDATE ...)` options as written (shape defined by the IR schema). */
export type MzStatementExtras = MaterializeStatementExtras;

export class Lowering extends StatementLowering<P.StatementContext> {
  private fail(ctx: ParserRuleContext | Token, message: string, code = "materialize.syntax", hint?: string): never {
    throw new LoweringError(error(code, message, this.span(ctx), hint));
  }

  protected override statement(tree: P.StatementContext): Statement {
    const child = tree.children.find((c) => c instanceof ParserRuleContext);
    if (child instanceof P.CreateConnectionContext) return this.createConnection(child);
    if (child instanceof P.AlterConnectionContext) return this.alterConnection(child);
    if (child instanceof P.CreateSecretContext) return this.createSecret(child);
    if (child instanceof P.AlterSecretContext) return this.alterSecret(child);
    if (child instanceof P.DropObjectsContext) return this.dropObjects(child);
    if (child instanceof P.ShowObjectsContext) return this.showObjects(child);
    if (child instanceof P.ShowCreateConnectionContext) {
      return { kind: "show_create_connection", name: this.rawName(child.rawName()), ...(child.REDACTED() ? { redacted: true } : {}) };
    }
    if (child instanceof P.ValidateConnectionContext) return { kind: "validate_connection", name: this.rawName(child.rawName()) };
    if (child instanceof P.CommentOnContext) {
      const literal = child.stringLiteral();
      return {
        kind: "comment_on",
        objectType: child.CONNECTION() ? "connection" : "secret",
        name: this.itemName(child.itemName()),
        comment: literal ? this.string(literal) : null,
      };
    }
    return this.fail(tree, "unsupported statement");
  }

  // ---- CREATE / ALTER CONNECTION -------------------------------------------

  private connectionType(ctx: P.ConnectionTypeContext): MzConnectionType {
    const words = [];
    for (let i = 0; i < ctx.getChildCount(); i++) words.push(ctx.getChild(i)!.getText().toUpperCase());
    return words.join(" ") as MzConnectionType;
  }

  private createConnection(ctx: P.CreateConnectionContext): Statement {
    const type = this.connectionType(ctx.connectionType()!);
    const options = ctx.connectionOption().map((o) => this.connectionOption(o));
    const connection = this.buildConnection(type, options);
    this.recordField("name", this.span(ctx.itemName()));
    const statement: Statement = {
      kind: "create_connection",
      name: this.itemName(ctx.itemName()),
      ...(ctx.ifNotExists() ? { ifNotExists: true } : {}),
      connection,
    };
    const withOptions = ctx.withOptions();
    if (withOptions) statement.extras = { materialize: { with: this.withOptions(withOptions) } };
    return statement;
  }

  buildConnection(type: MzConnectionType, options: MzOption[]): Connection {
    const fields: Record<string, unknown> = { kind: KIND_OF_TYPE[type] };
    const layout: MzLayoutEntry[] = [];
    const verbatim: MzOption[] = [];
    const saidUnset = new Set<string>();
    for (const option of options) {
      const placed = placeOption(type, fields, option, saidUnset);
      if (placed !== undefined) {
        layout.push(placed);
        if (placed.unset) saidUnset.add(placed.option);
        const path = FIELDS[type][option.option as MzOptionName];
        if (path !== undefined) this.recordField(`connection.${fieldPathOf(path)}`, option.span);
      } else {
        this.recordField(`connection.extras.materialize.options[${verbatim.length}]`, option.span);
        verbatim.push(option);
        layout.push({ option: option.option, ...(option.span ? { span: option.span } : {}) });
      }
    }
    const extras: MzConnectionExtras = {};
    if (layout.length > 0) extras.layout = { options: layout };
    if (verbatim.length > 0) extras.options = verbatim;
    if (Object.keys(extras).length > 0) fields.extras = { materialize: extras };
    return fields as unknown as Connection;
  }

  private withOptions(ctx: P.WithOptionsContext): MzOption[] {
    return ctx.validateOption().map((o, i) => {
      const value = o.optionValue();
      this.recordField(`extras.materialize.with[${i}]`, this.span(o));
      return { option: "VALIDATE", ...(value ? { value: this.optionValue(value) } : {}), span: this.span(o) };
    });
  }

  private optionName(ctx: P.ValueOptionNameContext): string {
    const words: string[] = [];
    for (let i = 0; i < ctx.getChildCount(); i++) words.push(ctx.getChild(i)!.getText().toUpperCase());
    if (words[0] === "ROLE" || (words[0] === "ASSUME" && words.length === 1)) this.fail(ctx, "unsupported option ROLE");
    if (words[0] === "PUBLIC") {
      const n = words[2];
      if (n !== "1" && n !== "2") this.fail(ctx, `Expected 1 or 2 after PUBLIC KEY, found number "${n}"`);
    }
    return words[0] === "USERNAME" ? "USER" : words.join(" ");
  }

  private connectionOptionName(ctx: P.ConnectionOptionNameContext): string {
    const valueName = ctx.valueOptionName();
    if (valueName) return this.optionName(valueName);
    const words: string[] = [];
    for (let i = 0; i < ctx.getChildCount(); i++) words.push(ctx.getChild(i)!.getText().toUpperCase());
    return words.join(" ");
  }

  connectionOption(ctx: P.ConnectionOptionContext): MzOption {
    const option = this.unmarkedOption(ctx);
    this.markStrings(ctx, SENSITIVE_OPTIONS.has(option.option) || isSensitiveName(option.option));
    return option;
  }

  /**
   * Records the strings under a tree node as sensitive: all of them, or only
   * the secrets embedded in them (a URL's password, `AccountKey=...`).
   */
  private markStrings(ctx: ParserRuleContext, all: boolean): void {
    const visit = (node: TerminalNode): void => {
      const token = node.symbol;
      if (token.type !== T.STRING && token.type !== T.ESCAPE_STRING && token.type !== T.DOLLAR_STRING) return;
      const start = this.source.offsetOfCodePoint(token.start);
      const end = this.source.offsetOfCodePoint(token.stop + 1);
      const text = this.source.slice(start, end);
      const open = token.type === T.STRING ? 1 : token.type === T.ESCAPE_STRING ? 2 : text.indexOf("$", 1) + 1;
      const close = token.type === T.DOLLAR_STRING ? open : 1;
      const contentStart = start + open;
      const contentEnd = end - close;
      if (all) return this.recordSensitive(contentStart, contentEnd);
      const content = this.source.slice(contentStart, contentEnd);
      const embedded = embeddedSecretRanges(this.decodeStringToken(token));
      if (embedded.length === 0) return;
      // Where the literal has no escapes its value is its text, and the secret's offsets are exact.
      if (this.decodeStringToken(token) !== content) return this.recordSensitive(contentStart, contentEnd);
      for (const [from, to] of embedded) this.recordSensitive(contentStart + from, contentStart + to);
    };
    // Parents before children, children in order; from a stack, not the call stack.
    const todo: ParseTree[] = [ctx];
    while (todo.length > 0) {
      const node = todo.pop()!;
      if (node instanceof TerminalNode) visit(node);
      else for (let i = node.getChildCount() - 1; i >= 0; i--) todo.push(node.getChild(i)!);
    }
  }

  private unmarkedOption(ctx: P.ConnectionOptionContext): MzOption {
    const span = this.span(ctx);
    if (ctx instanceof P.AwsConnectionOptionContext) {
      return { option: "AWS CONNECTION", value: this.nameValue(this.rawName(ctx.rawName())), span };
    }
    if (ctx instanceof P.SshTunnelOptionContext) {
      return { option: "SSH TUNNEL", value: this.nameValue(this.rawName(ctx.rawName())), span };
    }
    if (ctx instanceof P.AwsPrivatelinkOptionContext) {
      const tunnel: Tunnel = { kind: "privatelink", connection: this.rawName(ctx.rawName()) };
      const port = ctx.signedNumber();
      if (port) tunnel.port = this.portNumber(port);
      return { option: "AWS PRIVATELINK", value: { kind: "tunnel", tunnel }, span };
    }
    if (ctx instanceof P.BrokerOptionContext) {
      return { option: "BROKER", value: this.kafkaBroker(ctx.kafkaBroker()), span };
    }
    if (ctx instanceof P.BrokersOptionContext) {
      return { option: "BROKERS", value: { kind: "list", items: ctx.brokerEntry().map((e) => this.brokerEntry(e)) }, span };
    }
    const valueOption = ctx as P.ValueOptionContext;
    const option = this.optionName(valueOption.valueOptionName());
    const value = valueOption.optionValue();
    return value ? { option, value: this.optionValue(value), span } : { option, span };
  }

  private portNumber(ctx: P.SignedNumberContext): number {
    const text = ctx.getText();
    const n = Number(text);
    if (!/^-?\d+$/.test(text) || n < 0 || n > 65535) this.fail(ctx, `invalid PORT: ${text} is not a valid port number`, "materialize.invalid-value");
    return n;
  }

  private kafkaBroker(ctx: P.KafkaBrokerContext): Value {
    const address = this.string(ctx.stringLiteral());
    const tunnelCtx = ctx.brokerTunnel();
    const broker: { address: string; tunnel?: Tunnel } = { address };
    if (tunnelCtx instanceof P.SshBrokerTunnelContext) {
      broker.tunnel = { kind: "ssh", connection: this.rawName(tunnelCtx.rawName()) };
    } else if (tunnelCtx instanceof P.PrivatelinkBrokerTunnelContext) {
      broker.tunnel = this.privatelinkTunnel(tunnelCtx.rawName(), tunnelCtx.privatelinkOption());
    }
    return { kind: "kafka_broker", broker };
  }

  private privatelinkTunnel(name: P.RawNameContext, options: P.PrivatelinkOptionContext[]): Tunnel {
    const tunnel: Tunnel = { kind: "privatelink", connection: this.rawName(name) };
    for (const o of options) {
      const valueCtx = o.optionValue();
      const value = valueCtx ? this.optionValue(valueCtx) : undefined;
      if (o.AVAILABILITY()) {
        if (tunnel.availabilityZone !== undefined) this.fail(o, "AVAILABILITY ZONE specified more than once", "materialize.duplicate-option");
        if (value?.kind !== "string") this.fail(o, "invalid AVAILABILITY ZONE: cannot use value as string", "materialize.invalid-value");
        tunnel.availabilityZone = value.value;
      } else {
        if (tunnel.port !== undefined) this.fail(o, "PORT specified more than once", "materialize.duplicate-option");
        const n = value?.kind === "number" ? Number(value.value) : NaN;
        if (!Number.isInteger(n) || n < 0 || n > 65535) this.fail(o, "invalid PORT: cannot use value as number", "materialize.invalid-value");
        tunnel.port = n;
      }
    }
    return tunnel;
  }

  private brokerEntry(ctx: P.BrokerEntryContext): Value {
    if (ctx instanceof P.MatchingRuleContext) {
      const patternCtx = ctx.stringLiteral();
      const pattern = this.string(patternCtx);
      let inner = pattern.startsWith("*") ? pattern.slice(1) : pattern;
      if (inner.endsWith("*")) inner = inner.slice(0, -1);
      if (inner.includes("*")) this.fail(patternCtx, "pattern may only contain `*` as a leading and/or trailing wildcard");
      return {
        kind: "kafka_broker_rule",
        rule: { pattern, tunnel: this.privatelinkTunnel(ctx.rawName(), ctx.privatelinkOption()) },
      };
    }
    return this.kafkaBroker((ctx as P.StaticBrokerContext).kafkaBroker());
  }

  private alterConnection(ctx: P.AlterConnectionContext): Statement {
    const name = this.itemName(ctx.itemName());
    const base = { kind: "alter_connection" as const, name, ...(ctx.ifExists() ? { ifExists: true } : {}) };
    const newName = ctx.ident();
    if (newName && ctx.RENAME()) return { ...base, action: { kind: "rename", newName: { parts: [this.ident(newName)] } } };
    if (newName && ctx.OWNER()) return { ...base, action: { kind: "owner", owner: this.ident(newName) } };
    const changes: ConnectionChange[] = ctx.alterAction().map((a, i): ConnectionChange => {
      const span = this.span(a);
      this.recordField(`action.changes[${i}]`, span);
      if (a instanceof P.RotateKeysActionContext) return { kind: "rotate_keys", span };
      if (a instanceof P.SetActionContext) {
        const option = this.connectionOption(a.connectionOption());
        return { kind: "set", option: option.option, ...(option.value ? { value: option.value } : {}), span };
      }
      return { kind: "reset", option: this.connectionOptionName((a as P.DropActionContext).connectionOptionName()), span };
    });
    const statement: Statement = { ...base, action: { kind: "change", changes } };
    const withOptions = ctx.withOptions();
    if (withOptions) statement.extras = { materialize: { with: this.withOptions(withOptions) } };
    return statement;
  }

  // ---- Secrets -------------------------------------------------------------

  private secretValue(ctx: P.ExpressionContext): SecretValue {
    this.markStrings(ctx, true);
    const expr = this.expression(ctx);
    // A plain literal is read as bytea (spec §5.2): `\\` is one backslash. It
    // becomes a text value when printing that value gives the literal back;
    // otherwise (hex format, octal escapes, invalid input) the literal is kept
    // as written, with its value where it has one.
    if (expr.k === "string") {
      const decoded = decodeSecretLiteral(expr.value);
      if (decoded !== undefined && secretLiteralText(decoded) === expr.value) return { kind: "text", value: decoded };
    }
    const value: SecretValue = { kind: "expression", expression: { dialect: "materialize", sql: this.printExpr(expr) } };
    try {
      const constant = evaluate(expr);
      if (constant.type === "bytea") {
        const text = new TextDecoder("utf-8", { fatal: true }).decode(constant.value);
        value.value = text;
      } else if (constant.type === "text" || constant.type === "unknown") {
        value.value = new TextDecoder("utf-8", { fatal: true }).decode(byteaFromText(constant.value));
      }
    } catch (e) {
      if (!(e instanceof EvaluationError) && !(e instanceof TypeError)) throw e;
    }
    return value;
  }

  private createSecret(ctx: P.CreateSecretContext): Statement {
    return {
      kind: "create_secret",
      name: this.itemName(ctx.itemName()),
      ...(ctx.ifNotExists() ? { ifNotExists: true } : {}),
      value: this.secretValue(ctx.expression()),
    };
  }

  private alterSecret(ctx: P.AlterSecretContext): Statement {
    const base = {
      kind: "alter_secret" as const,
      name: this.itemName(ctx.itemName()),
      ...(ctx.ifExists() ? { ifExists: true } : {}),
    };
    const expression = ctx.expression();
    if (expression) return { ...base, action: { kind: "set_value", value: this.secretValue(expression) } };
    const ident = this.ident(ctx.ident()!);
    if (ctx.RENAME()) return { ...base, action: { kind: "rename", newName: { parts: [ident] } } };
    return { ...base, action: { kind: "owner", owner: ident } };
  }

  // ---- DROP / SHOW ---------------------------------------------------------

  private dropObjects(ctx: P.DropObjectsContext): Statement {
    return {
      kind: "drop",
      objectType: ctx.CONNECTION() ? "connection" : "secret",
      names: ctx.itemName().map((n) => this.itemName(n)),
      ...(ctx.ifExists() ? { ifExists: true } : {}),
      ...(ctx.CASCADE() ? { cascade: true } : {}),
    };
  }

  private showObjects(ctx: P.ShowObjectsContext): Statement {
    const statement: Statement = { kind: "show", objectType: ctx.CONNECTIONS() ? "connections" : "secrets" };
    const from = ctx.itemName();
    if (from) statement.from = this.itemName(from);
    const like = ctx.stringLiteral();
    if (like) statement.like = this.string(like);
    const where = ctx.expression();
    if (where) statement.where = { dialect: "materialize", sql: this.printExpr(this.expression(where)) };
    return statement;
  }

  // ---- Expressions -----------------------------------------------------------

  private printExpr(e: Expr): string {
    return printExpr(e, printName, quoteString);
  }

  /**
   * Lowers a scalar expression (secret values, SHOW ... WHERE): operators in
   * source order go through ExprBuilder, which applies their precedence.
   * `depth` is the nesting the expression starts at (the brackets around it);
   * each operator waiting for its right operand nests one level deeper, and
   * beyond MAX_NESTING the operator is refused where it stands.
   */
  expression(ctx: P.ExpressionContext, depth = 0): Expr {
    const builder = new ExprBuilder(depth);
    const nested = (at: ParserRuleContext) => {
      if (builder.depth > MAX_NESTING) this.fail(at, `nesting limit of ${MAX_NESTING} exceeded`);
    };
    for (const child of ctx.children) {
      if (child instanceof P.OperandContext) {
        for (const prefix of child.prefixOperator()) {
          builder.prefix(prefix.getText().toUpperCase() as PrefixOperator);
          nested(prefix);
        }
        builder.operand(this.primary(child.primaryExpression(), builder.depth + 1));
      } else if (child instanceof P.BinaryOperatorContext) {
        const words: string[] = [];
        for (let i = 0; i < child.getChildCount(); i++) words.push(child.getChild(i)!.getText().toUpperCase());
        const op = words.join(" ");
        builder.binary(op === "!=" ? "<>" : op);
        nested(child);
      } else if (child instanceof P.CastOperatorContext) {
        const type = this.typeName(child.typeName());
        builder.postfix(CAST_PRECEDENCE, (expr) => ({ k: "cast", expr, type }));
      } else if (child instanceof P.IsNullOperatorContext) {
        const not = child.NOT() !== null;
        builder.postfix(IS_NULL_PRECEDENCE, (expr) => ({ k: "is_null", expr, not }));
      }
    }
    return builder.finish();
  }

  /** `depth`: the nesting of the brackets a primary expression opens (counted with the operators around them). */
  private primary(ctx: P.PrimaryExpressionContext, depth: number): Expr {
    if (ctx instanceof P.LiteralExprContext) return this.literalExpr(ctx.literal());
    if (ctx instanceof P.ParameterExprContext) return { k: "parameter", text: ctx.getText() };
    const bracket =
      ctx instanceof P.ParenExprContext || ctx instanceof P.SubqueryExprContext || ctx instanceof P.CastCallExprContext || ctx instanceof P.FunctionCallExprContext
        ? ctx.LPAREN()
        : undefined;
    if (bracket !== undefined && depth > MAX_NESTING) this.fail(bracket.symbol, `nesting limit of ${MAX_NESTING} exceeded`);
    if (ctx instanceof P.SubqueryExprContext) {
      const start = this.source.offsetOfCodePoint(ctx.SELECT().symbol.start);
      const end = this.source.offsetOfCodePoint((ctx.RPAREN().symbol.start));
      return { k: "subquery", text: this.source.slice(start, end).trim() };
    }
    if (ctx instanceof P.ParenExprContext) return { k: "nested", expr: this.expression(ctx.expression(), depth) };
    if (ctx instanceof P.CastCallExprContext) return { k: "cast", expr: this.expression(ctx.expression(), depth), type: this.typeName(ctx.typeName()) };
    if (ctx instanceof P.FunctionCallExprContext) {
      return { k: "call", name: this.itemName(ctx.itemName()), args: ctx.expression().map((e) => this.expression(e, depth)) };
    }
    return { k: "column", name: this.itemName((ctx as P.ColumnExprContext).itemName()) };
  }

  private typeName(ctx: P.TypeNameContext): string {
    return printName(this.itemName(ctx.itemName())) + (ctx.LBRACKET() ? "[]" : "");
  }

  private literalExpr(ctx: P.LiteralContext): Expr {
    const v = this.literal(ctx);
    switch (v.kind) {
      case "string":
        return { k: "string", value: v.value };
      case "number":
        return { k: "number", text: v.value };
      case "boolean":
        return { k: "boolean", value: v.value };
      case "hex":
        return { k: "hex", value: v.value };
      case "interval":
        return { k: "interval", value: v.value };
      default:
        return { k: "null" };
    }
  }

  // ---- Values ------------------------------------------------------------------

  optionValue(ctx: P.OptionValueContext): Value {
    if (ctx instanceof P.SequenceValueContext) return { kind: "list", items: ctx.optionValue().map((v) => this.optionValue(v)) };
    if (ctx instanceof P.MapValueContext) {
      return {
        kind: "map",
        entries: ctx.mapEntry().map((e) => ({ key: this.string(e.stringLiteral()), value: this.optionValue(e.optionValue()) })),
      };
    }
    if (ctx instanceof P.SecretValueContext) return { kind: "secret", name: this.rawName(ctx.rawName()) };
    if (ctx instanceof P.LiteralValueContext) return this.literal(ctx.literal());
    return this.nameValue(this.rawName((ctx as P.NameValueContext).rawName()));
  }

  private nameValue(name: ObjectName): Value {
    return { kind: "identifier", name };
  }

  private literal(ctx: P.LiteralContext): Value {
    const str = ctx.stringLiteral();
    if (ctx.INTERVAL()) return { kind: "interval", value: this.string(str!) };
    if (str) return { kind: "string", value: this.string(str) };
    const number = ctx.NUMBER();
    if (number) {
      const text = number.getText().replace(/e/, "E");
      return { kind: "number", value: ctx.MINUS() ? `-${text}` : text };
    }
    const hex = ctx.HEX_STRING();
    if (hex) return { kind: "hex", value: hex.getText().slice(2, -1) };
    if (ctx.TRUE()) return { kind: "boolean", value: true };
    if (ctx.FALSE()) return { kind: "boolean", value: false };
    return { kind: "null" };
  }

  /** Decodes a string literal, joining adjacent pieces separated by a newline (§1). */
  string(ctx: P.StringLiteralContext): string {
    let out = "";
    let previous: Token | undefined;
    for (let i = 0; i < ctx.getChildCount(); i++) {
      const token = (ctx.getChild(i) as TerminalNode).symbol;
      if (previous !== undefined) {
        const gap = this.source.slice(
          this.source.offsetOfCodePoint(previous.stop + 1),
          this.source.offsetOfCodePoint(token.start),
        );
        if (!/^\s*$/.test(gap) || !/[\n\r]/.test(gap)) {
          this.fail(token, "Expected end of statement, found string literal", "materialize.syntax", "adjacent strings need a newline between them");
        }
      }
      out += this.decodeStringToken(token);
      previous = token;
    }
    return out;
  }

  private decodeStringToken(token: Token): string {
    const text = token.text!;
    if (token.type === T.STRING) return text.slice(1, -1).replace(/''/g, "'");
    if (token.type === T.DOLLAR_STRING) {
      const tagEnd = text.indexOf("$", 1) + 1;
      return text.slice(tagEnd, text.length - tagEnd);
    }
    return this.decodeEscapeString(token, text.slice(2, -1));
  }

  private decodeEscapeString(token: Token, body: string): string {
    let out = "";
    for (let i = 0; i < body.length; i++) {
      const c = body[i]!;
      if (c === "'" && body[i + 1] === "'") {
        out += "'";
        i++;
        continue;
      }
      if (c !== "\\") {
        out += c;
        continue;
      }
      const e = body[++i]!;
      const control = CONTROL_ESCAPES[e];
      if (control !== undefined) {
        out += control;
        continue;
      }
      switch (e) {
        case "u":
        case "U": {
          const len = e === "u" ? 4 : 8;
          const hex = body.slice(i + 1, i + 1 + len);
          const code = /^[0-9a-fA-F]+$/.test(hex) && hex.length === len ? parseInt(hex, 16) : NaN;
          if (!(code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) this.fail(token, `invalid unicode escape: \\${e}${hex}`, "materialize.lexical");
          out += String.fromCodePoint(code);
          i += len;
          break;
        }
        case "x":
          this.fail(token, "hexadecimal escapes are not supported", "materialize.lexical");
        // falls through (fail never returns)
        default:
          if (/[0-7]/.test(e)) this.fail(token, "octal escapes are not supported", "materialize.lexical");
          out += e;
      }
    }
    return out;
  }

  // ---- Names ---------------------------------------------------------------------

  ident(ctx: P.IdentContext): Identifier {
    const quotedToken = ctx.QUOTED_IDENT();
    if (quotedToken) {
      const value = quotedToken.getText().slice(1, -1).replace(/""/g, '"');
      if (value.length === 0) this.fail(ctx, "zero-length delimited identifier");
      if (value.includes("\0")) this.fail(ctx, "null character in quoted identifier");
      this.checkIdentifier(ctx, value);
      return { value, quoted: true };
    }
    const value = ctx.getText().toLowerCase();
    this.checkIdentifier(ctx, value);
    return { value, quoted: false };
  }

  private checkIdentifier(ctx: ParserRuleContext, value: string): void {
    if (value.length * 3 > MAX_IDENTIFIER_BYTES && utf8.encode(value).length > MAX_IDENTIFIER_BYTES) this.fail(ctx, "identifier length exceeds 255 bytes");
    if (value === "." || value === "..") this.fail(ctx, `invalid identifier: ${quoteForMessage(value)}`);
  }

  itemName(ctx: P.ItemNameContext): ObjectName {
    return { parts: ctx.ident().map((i) => this.ident(i)) };
  }

  rawName(ctx: P.RawNameContext): ObjectName {
    const name = this.itemName(ctx.itemName());
    const id = ctx.ident();
    if (id) {
      if (name.parts.length < 2) this.fail(ctx, "the name of an item in the [id AS name] form needs at least two parts");
      name.catalogId = id.getText();
      const version = ctx.NUMBER();
      if (version) name.version = version.getText();
    }
    return name;
  }
}

/** The text a secret literal stands for (bytea input, then UTF-8), or undefined when it is not valid. */
function decodeSecretLiteral(literal: string): string | undefined {
  if (!literal.includes("\\")) return literal;
  // Only doubled backslashes: undo them on the string itself (keeps every character as written).
  if (/^(?:[^\\]|\\\\)*$/.test(literal)) return literal.replace(/\\\\/g, "\\");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(byteaFromText(literal));
  } catch {
    return undefined;
  }
}

/** The literal text that stands for a secret value: backslashes doubled for bytea input. */
export function secretLiteralText(value: string): string {
  return value.replace(/\\/g, "\\\\");
}
