// Lowering of SingleStore parse trees to the IR: names, the two layers of
// CONFIG / CREDENTIALS (SQL literal, then JSON), and placement of each key
// into a concept-named IR field (fields.ts).
import type { TerminalNode } from "antlr4ng";
import * as P from "../../generated/singlestore/SingleStoreParser.js";
import { error, warning } from "../../diagnostics.js";
import type {
  ConnectionChange,
  Identifier,
  NonObjectJsonValue,
  ObjectName,
  SingleStoreAlterChangeLayout,
  SingleStoreAlterExtras,
  Span,
  Statement,
} from "../../ir/schema.js";
import { ALL_SECRET_KEYS, keyEntry, KIND_OF_TYPE, secretKeysOf, type Clause, type LinkType } from "./catalog.js";
import { embeddedSecretRanges, isSensitiveName } from "../../ir/sensitivity.js";
import { fieldPathOf } from "../shared/paths.js";
import { KEY_SEPARATOR, placeKeys, type ClauseLayout, type SingleStoreConnectionExtras, type SourceKey } from "./fields.js";
import {
  decodedSpan,
  decodeLiterals,
  jsonValueOf,
  JsonSyntaxError,
  parseJson,
  valueOfJson,
  type DecodedLiteral,
  type JsonEntry,
  type JsonNode,
  type NumberText,
} from "./json.js";
import { quoteForMessage } from "../shared/antlr-parse.js";
import { LoweringError, StatementLowering } from "../shared/lowering.js";

// Defined by the IR schema, which validates IR JSON from elsewhere.
/** Spelling of one ALTER LINK SET clause. */
export type AlterChangeLayout = SingleStoreAlterChangeLayout;
export type { SingleStoreAlterExtras };

export class Lowering extends StatementLowering<P.StatementContext> {
  private fail(message: string, span: Span, code = "singlestore.syntax"): never {
    throw new LoweringError(error(code, message, span));
  }

  protected override statement(tree: P.StatementContext): Statement {
    const create = tree.createLink();
    if (create) return this.createLink(create);
    const alter = tree.alterLink();
    if (alter) return this.alterLink(alter);
    const drop = tree.dropLink();
    if (drop) return { kind: "drop", objectType: "connection", names: [this.linkName(drop.linkName())] };
    const show = tree.showLinks();
    if (show) {
      const db = show.ident();
      return { kind: "show", objectType: "connections", ...(db ? { from: { parts: [this.ident(db)] } } : {}) };
    }
    return { kind: "show_create_connection", name: this.linkName(tree.showCreateLink()!.linkName()) };
  }

  // ---- CREATE LINK -----------------------------------------------------------

  private createLink(ctx: P.CreateLinkContext): Statement {
    const type = ctx.linkType().getText().toUpperCase() as LinkType;
    const keys: SourceKey[] = [];
    const clauses: ClauseLayout[] = [];
    const nonObject: Partial<Record<Clause, NonObjectJsonValue>> = {};
    for (const clauseCtx of ctx.linkClause()) {
      const clause: Clause = clauseCtx.CONFIG() ? "CONFIG" : "CREDENTIALS";
      const span = this.span(clauseCtx);
      if (clauses.some((c) => c.clause === clause)) this.fail(`${clause} given more than once`, span, "singlestore.duplicate-clause");
      const layout: ClauseLayout = { clause, span };
      clauses.push(layout);
      const json = this.json(clause, clauseCtx.stringLiteral());
      if (json === undefined) {
        layout.empty = true;
        continue;
      }
      this.markJson(clause, json.literal, json.root, type);
      if (json.root.type === "object") {
        for (const entry of json.root.entries) {
          const keySpan = decodedSpan(json.literal, this.source, entry.keyStart, entry.end);
          keys.push({ clause, key: entry.key, value: entry.value, span: keySpan });
          const catalogued = keyEntry(type, entry.key)?.path;
          this.recordField(`connection.extras.singlestore.${clause.toLowerCase()}.${entry.key}`, keySpan);
          if (catalogued !== undefined) this.recordField(`connection.${fieldPathOf(catalogued)}`, keySpan);
        }
      } else {
        const numbers: NumberText[] = [];
        nonObject[clause] = jsonValueOf(json.root, numbers) as NonObjectJsonValue;
        if (numbers.length > 0) layout.numbers = numbers;
      }
    }

    const fields: Record<string, unknown> = { kind: KIND_OF_TYPE[type] };
    const extras: SingleStoreConnectionExtras = placeKeys(type, fields, keys);
    if (nonObject.CONFIG !== undefined) extras.configValue = nonObject.CONFIG;
    if (nonObject.CREDENTIALS !== undefined) extras.credentialsValue = nonObject.CREDENTIALS;
    extras.layout = { clauses, ...extras.layout };
    fields.extras = { singlestore: extras };

    const description = ctx.descriptionClause();
    this.recordField("name", this.span(ctx.linkName()));
    return {
      kind: "create_connection",
      name: this.linkName(ctx.linkName()),
      ...(ctx.orReplace() ? { orReplace: true } : {}),
      ...(ctx.ifNotExists() ? { ifNotExists: true } : {}),
      ...(description ? { description: this.string(description.stringLiteral()).value } : {}),
      connection: fields as unknown as Extract<Statement, { kind: "create_connection" }>["connection"],
    };
  }

  /**
   * Records the sensitive values of a CONFIG or CREDENTIALS object: every
   * value of CREDENTIALS (SingleStore hides the whole clause), values of
   * CONFIG keys that are secret by the catalogue or by name, and secrets
   * embedded in other string values.
   */
  private markJson(clause: Clause, literal: DecodedLiteral, root: JsonNode, type: LinkType | undefined): void {
    const mark = (from: number, to: number) => {
      if (to > from) this.recordSensitive(literal.starts[from]!, literal.ends[to - 1]!);
    };
    const markValue = (node: JsonNode, all: boolean): void => {
      if (node.type === "object") return node.entries.forEach((e) => markValue(e.value, all || this.secretKey(type, e.key)));
      if (node.type === "array") return node.items.forEach((item) => markValue(item, all));
      if (node.type !== "string") return all ? mark(node.start, node.end) : undefined;
      const contentStart = node.start + 1;
      const contentEnd = node.end - 1;
      if (all) return mark(contentStart, contentEnd);
      const embedded = embeddedSecretRanges(node.value);
      if (embedded.length === 0) return;
      // Where the JSON string has no escapes its value is its text, and the secret's offsets are exact.
      if (literal.value.slice(contentStart, contentEnd) !== node.value) return mark(contentStart, contentEnd);
      for (const [from, to] of embedded) mark(contentStart + from, contentStart + to);
    };
    markValue(root, clause === "CREDENTIALS");
  }

  private secretKey(type: LinkType | undefined, key: string): boolean {
    const entry = type === undefined ? undefined : keyEntry(type, key);
    return entry?.secret ?? isSensitiveName(key, type === undefined ? ALL_SECRET_KEYS : secretKeysOf(type));
  }

  /**
   * Decodes a CONFIG / CREDENTIALS literal and parses its JSON; undefined for
   * `CREDENTIALS ''`. A JSON error is reported where it is in the file.
   */
  private json(clause: Clause, ctx: P.StringLiteralContext): { literal: DecodedLiteral; root: JsonNode } | undefined {
    const literal = this.string(ctx);
    if (clause === "CREDENTIALS" && literal.value === "") return undefined;
    let root: JsonNode;
    try {
      root = parseJson(literal.value);
    } catch (e) {
      if (!(e instanceof JsonSyntaxError)) throw e;
      this.fail(`invalid JSON in ${clause}: ${e.message}`, decodedSpan(literal, this.source, e.start, e.end), "singlestore.invalid-json");
    }
    const duplicates: JsonEntry[] = [];
    // Repeated keys below the top level (the top level keeps them all).
    const walk = (node: JsonNode) => {
      if (node.type === "array") node.items.forEach(walk);
      if (node.type !== "object") return;
      const seen = new Set<string>();
      for (const entry of node.entries) {
        if (seen.has(entry.key)) duplicates.push(entry);
        seen.add(entry.key);
        walk(entry.value);
      }
    };
    if (root.type === "object") root.entries.forEach((e) => walk(e.value));
    else walk(root);
    for (const entry of duplicates) {
      this.diagnostics.push(
        warning(
          "singlestore.duplicate-key",
          `key ${quoteForMessage(entry.key)} appears more than once in a JSON object of ${clause}; the last value is kept`,
          decodedSpan(literal, this.source, entry.keyStart, entry.end),
        ),
      );
    }
    return { literal, root };
  }

  // ---- ALTER LINK ------------------------------------------------------------------

  private alterLink(ctx: P.AlterLinkContext): Statement {
    const layouts: AlterChangeLayout[] = [];
    const changes = ctx.setClause().map((c, i): ConnectionChange => {
      const clause: Clause = (c as P.SetWholeJsonContext).CONFIG() ? "CONFIG" : "CREDENTIALS";
      const span = this.span(c);
      this.recordField(`action.changes[${i}]`, span);
      const layout: AlterChangeLayout = {};
      layouts.push(layout);
      if (c instanceof P.SetOneKeyContext) {
        const parts = c.jsonKey().ident();
        if (parts.some((p) => p.BACKTICK_IDENT() !== null)) layout.quotedKey = true;
        const key = parts.map((p) => this.ident(p).value).join(".");
        const literal = this.string(c.stringLiteral());
        if (clause === "CREDENTIALS" || this.secretKey(undefined, key)) this.recordSensitive(literal.starts[0]!, literal.ends[literal.value.length - 1] ?? literal.starts[0]!);
        return { kind: "set", option: `${clause}${KEY_SEPARATOR}${key}`, value: { kind: "string", value: literal.value }, span };
      }
      const json = this.json(clause, (c as P.SetWholeJsonContext).stringLiteral());
      if (json !== undefined) this.markJson(clause, json.literal, json.root, undefined);
      if (json === undefined) {
        layout.empty = true;
        return { kind: "set", option: clause, value: { kind: "map", entries: [] }, span };
      }
      return { kind: "set", option: clause, value: valueOfJson(json.root), span };
    });
    const statement: Statement = { kind: "alter_connection", name: this.linkName(ctx.linkName()), action: { kind: "change", changes } };
    if (layouts.some((l) => Object.keys(l).length > 0)) {
      statement.extras = { singlestore: { layout: { changes: layouts } } };
    }
    return statement;
  }

  // ---- Literals and names ---------------------------------------------------------

  string(ctx: P.StringLiteralContext): DecodedLiteral {
    const pieces = [];
    for (let i = 0; i < ctx.getChildCount(); i++) {
      const token = (ctx.getChild(i) as TerminalNode).symbol;
      pieces.push({ text: token.text!, offset: this.source.offsetOfCodePoint(token.start) });
    }
    return decodeLiterals(pieces);
  }

  ident(ctx: P.IdentContext): Identifier {
    const quoted = ctx.BACKTICK_IDENT();
    if (quoted) {
      const value = quoted.getText().slice(1, -1).replace(/``/g, "`");
      if (value.length === 0) this.fail("an identifier cannot be empty", this.span(ctx));
      return { value, quoted: true };
    }
    return { value: ctx.getText(), quoted: false };
  }

  linkName(ctx: P.LinkNameContext): ObjectName {
    return { parts: ctx.ident().map((i) => this.ident(i)) };
  }
}
