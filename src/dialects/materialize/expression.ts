// Scalar expressions as they appear in CREATE/ALTER SECRET ... AS <expr> and
// SHOW ... WHERE <expr>: a small syntax tree, its canonical printing, and
// constant evaluation (so that secret values can be checked and resolved).
import type { ObjectName } from "../../ir/schema.js";

export type Expr =
  | { k: "string"; value: string }
  | { k: "number"; text: string }
  | { k: "boolean"; value: boolean }
  | { k: "null" }
  | { k: "hex"; value: string }
  | { k: "interval"; value: string }
  | { k: "parameter"; text: string }
  | { k: "column"; name: ObjectName }
  | { k: "call"; name: ObjectName; args: Expr[] }
  | { k: "cast"; expr: Expr; type: string }
  | { k: "unary"; op: string; expr: Expr }
  | { k: "binary"; op: string; left: Expr; right: Expr }
  | { k: "is_null"; expr: Expr; not: boolean }
  | { k: "like"; expr: Expr; pattern: Expr; not: boolean }
  | { k: "not"; expr: Expr }
  | { k: "nested"; expr: Expr }
  | { k: "subquery"; text: string };

// ---- Building from the flat operator sequence of the grammar ----------------
//
// The grammar reads an expression as operands and operators in a row; the
// precedence the platform's parser gives them is applied here with an explicit
// operator stack (the shunting-yard method), so that a chain of any length
// costs no call depth. A pending operator is one whose right operand is still
// being read: the platform's recursive descent parser would be one level
// deeper for each, which is what the nesting limit counts.

/** How tightly each binary operator binds (higher binds tighter); all are left-associative. */
const BINARY_PRECEDENCE: Readonly<Record<string, number>> = {
  "^": 11,
  "*": 10,
  "/": 10,
  "%": 10,
  "+": 9,
  "-": 9,
  "||": 8,
  "=": 7,
  "<>": 7,
  "<": 7,
  ">": 7,
  "<=": 7,
  ">=": 7,
  LIKE: 5,
  "NOT LIKE": 5,
  AND: 3,
  OR: 2,
};
/** Other operators (`~`, `@`, `&`, ...) bind like `||`. */
const OTHER_OPERATOR_PRECEDENCE = 8;
/** `::type` binds tightest of all, `IS [NOT] NULL` between comparisons and LIKE. */
export const CAST_PRECEDENCE = 13;
export const IS_NULL_PRECEDENCE = 6;
/** A prefix operator's operand takes every operator that binds at least this tightly. */
const PREFIX_OPERAND_PRECEDENCE: Readonly<Record<PrefixOperator, number>> = { "+": 12, "-": 12, NOT: 4 };

export type PrefixOperator = "+" | "-" | "NOT";

interface Pending {
  op: string;
  prefix: boolean;
  /** The loosest-binding operator the right operand may still take. */
  min: number;
}

/** Builds one expression from its operands and operators in source order. */
export class ExprBuilder {
  private readonly values: Expr[] = [];
  private readonly pending: Pending[] = [];

  /** `base`: the nesting depth the expression starts at (brackets and operators around it). */
  constructor(private readonly base = 0) {}

  /** The nesting depth reached: the starting depth plus the operators waiting for their right operand. */
  get depth(): number {
    return this.base + this.pending.length;
  }

  prefix(op: PrefixOperator): void {
    this.pending.push({ op, prefix: true, min: PREFIX_OPERAND_PRECEDENCE[op] });
  }

  operand(e: Expr): void {
    this.values.push(e);
  }

  /** A binary operator (`LIKE` and `NOT LIKE` included), upper case, `!=` written `<>`. */
  binary(op: string): void {
    const precedence = BINARY_PRECEDENCE[op] ?? OTHER_OPERATOR_PRECEDENCE;
    this.reduceAbove(precedence);
    this.pending.push({ op, prefix: false, min: precedence + 1 });
  }

  /** A postfix operator of a precedence, applied to the operand it binds to. */
  postfix(precedence: number, apply: (e: Expr) => Expr): void {
    this.reduceAbove(precedence);
    this.values.push(apply(this.values.pop()!));
  }

  finish(): Expr {
    this.reduceAbove(-1);
    return this.values.pop()!;
  }

  /** Completes the pending operators whose right operand cannot take an operator of this precedence. */
  private reduceAbove(precedence: number): void {
    while (this.pending.length > 0 && this.pending[this.pending.length - 1]!.min > precedence) {
      const { op, prefix } = this.pending.pop()!;
      const right = this.values.pop()!;
      if (prefix) {
        this.values.push(op === "NOT" ? { k: "not", expr: right } : { k: "unary", op, expr: right });
        continue;
      }
      const left = this.values.pop()!;
      this.values.push(
        op === "LIKE" || op === "NOT LIKE" ? { k: "like", expr: left, pattern: right, not: op === "NOT LIKE" } : { k: "binary", op, left, right },
      );
    }
  }
}

// ---- Printing and walking ------------------------------------------------------
//
// Both work from an explicit stack: a chain's tree is as deep as the chain is long.

/** The sub-expressions of an expression, in source order. */
function childrenOf(e: Expr): readonly Expr[] {
  switch (e.k) {
    case "call":
      return e.args;
    case "cast":
    case "unary":
    case "is_null":
    case "not":
    case "nested":
      return [e.expr];
    case "binary":
      return [e.left, e.right];
    case "like":
      return [e.expr, e.pattern];
    default:
      return [];
  }
}

/** Whether an expression written before `::` stays its operand (it has no operator of its own outside brackets). */
function standsBeforeCast(e: Expr): boolean {
  switch (e.k) {
    case "unary":
    case "binary":
    case "is_null":
    case "like":
    case "not":
      return false;
    case "number":
      return !e.text.startsWith("-");
    default:
      return true;
  }
}

export function printExpr(root: Expr, printName: (n: ObjectName) => string, quote: (s: string) => string): string {
  const out: string[] = [];
  // Texts and expressions still to print, the next one last.
  const todo: Array<Expr | string> = [root];
  while (todo.length > 0) {
    const e = todo.pop()!;
    if (typeof e === "string") {
      out.push(e);
      continue;
    }
    switch (e.k) {
      case "string":
        out.push(quote(e.value));
        break;
      case "number":
      case "parameter":
        out.push(e.text);
        break;
      case "boolean":
        out.push(e.value ? "true" : "false");
        break;
      case "null":
        out.push("NULL");
        break;
      case "hex":
        out.push(`X'${e.value}'`);
        break;
      case "interval":
        out.push(`INTERVAL ${quote(e.value)}`);
        break;
      case "column":
        out.push(printName(e.name));
        break;
      case "call":
        todo.push(")");
        for (let i = e.args.length - 1; i >= 0; i--) {
          todo.push(e.args[i]!);
          if (i > 0) todo.push(", ");
        }
        todo.push(`${printName(e.name)}(`);
        break;
      case "cast":
        // `CAST(a || b AS t)` is written `(a || b)::t`: `::` binds tighter than any operator.
        if (standsBeforeCast(e.expr)) todo.push(`::${e.type}`, e.expr);
        else todo.push(`)::${e.type}`, e.expr, "(");
        break;
      case "unary":
        // `- -1` written `--1` would start a comment.
        todo.push(e.expr, e.expr.k === "unary" ? `${e.op} ` : e.op);
        break;
      case "binary":
        todo.push(e.right, ` ${e.op} `, e.left);
        break;
      case "is_null":
        todo.push(e.not ? " IS NOT NULL" : " IS NULL", e.expr);
        break;
      case "like":
        todo.push(e.pattern, e.not ? " NOT LIKE " : " LIKE ", e.expr);
        break;
      case "not":
        todo.push(e.expr, "NOT ");
        break;
      case "nested":
        todo.push(")", e.expr, "(");
        break;
      case "subquery":
        out.push(`(${e.text})`);
        break;
    }
  }
  return out.join("");
}

/** Walks an expression tree, parents before children. */
export function* walkExpr(root: Expr): Generator<Expr> {
  const todo: Expr[] = [root];
  while (todo.length > 0) {
    const e = todo.pop()!;
    yield e;
    const children = childrenOf(e);
    for (let i = children.length - 1; i >= 0; i--) todo.push(children[i]!);
  }
}

// ---- Constant evaluation ------------------------------------------------------

/** A constant value with its SQL type; `unknown` is an untyped string literal. */
export type Constant =
  | { type: "unknown" | "text"; value: string }
  | { type: "bytea"; value: Uint8Array }
  | { type: "integer" | "numeric"; value: number }
  | { type: "boolean"; value: boolean }
  | { type: "null" };

export class EvaluationError extends Error {}

/** Largest value the evaluator builds (secrets are limited to 512 KiB; leave headroom). */
const MAX_VALUE_BYTES = 16 * 1024 * 1024;

const encoder = new TextEncoder();

/** PostgreSQL bytea input: `\x` hex format or the escape format. */
export function byteaFromText(text: string): Uint8Array {
  if (text.startsWith("\\x")) {
    const hex = text.slice(2).replace(/\s+/g, "");
    if (hex.length % 2 !== 0 || /[^0-9a-fA-F]/.test(hex)) throw new EvaluationError("invalid hexadecimal data");
    const out = new Uint8Array(hex.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
    return out;
  }
  if (!text.includes("\\")) return encoder.encode(text);
  const bytes: number[] = [];
  // Text between escapes is encoded a run at a time.
  let run = 0;
  const flush = (end: number) => {
    if (end > run) for (const b of encoder.encode(text.slice(run, end))) bytes.push(b);
  };
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== "\\") continue;
    flush(i);
    if (text[i + 1] === "\\") {
      bytes.push(0x5c);
      i++;
    } else if (/^[0-3][0-7][0-7]$/.test(text.slice(i + 1, i + 4))) {
      bytes.push(parseInt(text.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      throw new EvaluationError("invalid input syntax for type bytea");
    }
    run = i + 1;
  }
  flush(text.length);
  return Uint8Array.from(bytes);
}

function asText(c: Constant): string {
  switch (c.type) {
    case "unknown":
    case "text":
      return c.value;
    case "bytea":
      return "\\x" + Array.from(c.value, (b) => b.toString(16).padStart(2, "0")).join("");
    case "integer":
    case "numeric":
      return String(c.value);
    case "boolean":
      return c.value ? "true" : "false";
    case "null":
      throw new EvaluationError("null");
  }
}

function asBytes(c: Constant): Uint8Array {
  if (c.type === "bytea") return c.value;
  if (c.type === "unknown" || c.type === "text") return byteaFromText(c.value);
  throw new EvaluationError(`cannot cast type ${c.type} to bytea`);
}

function decodeBytes(data: string, format: string): Uint8Array {
  switch (format.toLowerCase()) {
    case "base64": {
      const clean = data.replace(/\s+/g, "");
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.replace(/=+$/, "").length % 4 === 1) {
        throw new EvaluationError("invalid base64 input");
      }
      return Uint8Array.from(Buffer.from(clean, "base64"));
    }
    case "hex":
      return byteaFromText("\\x" + data);
    case "escape":
      return byteaFromText(data);
    default:
      throw new EvaluationError(`unrecognized encoding: "${format}"`);
  }
}

function functionName(name: ObjectName): string {
  const parts = name.parts.map((p) => p.value);
  if (parts.length === 2 && (parts[0] === "pg_catalog" || parts[0] === "mz_catalog")) return parts[1]!;
  return parts.length === 1 ? parts[0]! : parts.join(".");
}

function checkSize(n: number): void {
  if (n > MAX_VALUE_BYTES) throw new EvaluationError("value too large to evaluate");
}

/**
 * Bytes being concatenated: a chain `a || b || ...` of bytea collects its
 * pieces and joins them once, instead of copying the growing value at every
 * step. Only the evaluator sees this form.
 */
interface ByteChunks {
  type: "bytea chunks";
  chunks: Uint8Array[];
  length: number;
}

type Evaluated = Constant | ByteChunks;

function settle(v: Evaluated): Constant {
  if (v.type !== "bytea chunks") return v;
  const out = new Uint8Array(v.length);
  let at = 0;
  for (const chunk of v.chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return { type: "bytea", value: out };
}

/** The sub-expressions whose values an expression's value is computed from (none where it cannot be computed). */
function operandsOf(e: Expr): readonly Expr[] {
  switch (e.k) {
    case "nested":
    case "unary":
    case "cast":
      return [e.expr];
    case "binary":
      return [e.left, e.right];
    case "call":
      return e.args;
    default:
      return [];
  }
}

/**
 * Evaluates a constant expression. Throws EvaluationError where it cannot.
 * Operands are evaluated before their operator, from an explicit stack.
 */
export function evaluate(root: Expr): Constant {
  interface Frame {
    e: Expr;
    operands: readonly Expr[];
    values: Evaluated[];
  }
  const stack: Frame[] = [{ e: root, operands: operandsOf(root), values: [] }];
  for (;;) {
    const top = stack[stack.length - 1]!;
    if (top.values.length < top.operands.length) {
      const next = top.operands[top.values.length]!;
      stack.push({ e: next, operands: operandsOf(next), values: [] });
      continue;
    }
    stack.pop();
    const value = evaluateNode(top.e, top.values);
    if (stack.length === 0) return settle(value);
    stack[stack.length - 1]!.values.push(value);
  }
}

/** One expression's value from its operands' values. */
function evaluateNode(e: Expr, operands: Evaluated[]): Evaluated {
  switch (e.k) {
    case "string":
      return { type: "unknown", value: e.value };
    case "number": {
      const n = Number(e.text);
      return /^\d+$/.test(e.text) ? { type: "integer", value: n } : { type: "numeric", value: n };
    }
    case "boolean":
      return { type: "boolean", value: e.value };
    case "null":
      return { type: "null" };
    case "hex":
      return { type: "text", value: e.value };
    case "nested":
      return operands[0]!;
    case "unary": {
      const v = settle(operands[0]!);
      if (v.type !== "integer" && v.type !== "numeric") throw new EvaluationError(`operator ${e.op} needs a number`);
      return { type: v.type, value: e.op === "-" ? -v.value : v.value };
    }
    case "cast": {
      const v = settle(operands[0]!);
      if (v.type === "null") return v;
      const type = e.type.toLowerCase();
      if (type === "bytea") return { type: "bytea", value: asBytes(v) };
      if (type === "text" || type === "varchar" || type === "string") return { type: "text", value: asText(v) };
      if (type === "int" || type === "integer" || type === "int4" || type === "int8" || type === "bigint") {
        const n = Number(asText(v));
        if (!Number.isInteger(n)) throw new EvaluationError("invalid integer");
        return { type: "integer", value: n };
      }
      throw new EvaluationError(`cannot evaluate cast to ${e.type}`);
    }
    case "binary": {
      const l = operands[0]!;
      const r = operands[1]!;
      if (l.type === "null" || r.type === "null") return { type: "null" };
      if (e.op === "||") return concatenate(l, r);
      const left = settle(l);
      const right = settle(r);
      if ((left.type === "integer" || left.type === "numeric") && (right.type === "integer" || right.type === "numeric")) {
        const type = left.type === "integer" && right.type === "integer" ? "integer" : "numeric";
        switch (e.op) {
          case "+":
            return { type, value: left.value + right.value };
          case "-":
            return { type, value: left.value - right.value };
          case "*":
            return { type, value: left.value * right.value };
          case "/":
            if (right.value === 0) throw new EvaluationError("division by zero");
            return { type, value: type === "integer" ? Math.trunc(left.value / right.value) : left.value / right.value };
          case "%":
            if (right.value === 0) throw new EvaluationError("division by zero");
            return { type, value: left.value % right.value };
        }
      }
      throw new EvaluationError(`cannot evaluate operator ${e.op}`);
    }
    case "call": {
      const name = functionName(e.name);
      const args = operands.map(settle);
      if (args.some((a) => a.type === "null")) return { type: "null" };
      if (name === "decode" && args.length === 2) {
        return { type: "bytea", value: decodeBytes(asText(args[0]!), asText(args[1]!)) };
      }
      if (name === "repeat" && args.length === 2) {
        const text = asText(args[0]!);
        const count = args[1]!;
        if (count.type !== "integer") throw new EvaluationError("repeat needs an integer count");
        checkSize(text.length * Math.max(0, count.value));
        return { type: "text", value: text.repeat(Math.max(0, count.value)) };
      }
      if ((name === "convert_to" || name === "convert_from") && args.length === 2) {
        return name === "convert_to"
          ? { type: "bytea", value: encoder.encode(asText(args[0]!)) }
          : { type: "text", value: new TextDecoder().decode(asBytes(args[0]!)) };
      }
      if ((name === "lower" || name === "upper" || name === "btrim" || name === "trim") && args.length === 1) {
        const t = asText(args[0]!);
        return { type: "text", value: name === "lower" ? t.toLowerCase() : name === "upper" ? t.toUpperCase() : t.trim() };
      }
      throw new EvaluationError(`cannot evaluate function ${name}`);
    }
    default:
      throw new EvaluationError(`cannot evaluate ${e.k}`);
  }
}

/** `l || r` of two values that are not null: bytea when both are, else text. */
function concatenate(l: Evaluated, r: Evaluated): Evaluated {
  const isBytes = (v: Evaluated) => v.type === "bytea" || v.type === "bytea chunks";
  if (isBytes(l) && isBytes(r)) {
    // The left value of a chain is its own (each value has one user): it grows in place.
    const out: ByteChunks = l.type === "bytea chunks" ? l : { type: "bytea chunks", chunks: [(l as { value: Uint8Array }).value], length: (l as { value: Uint8Array }).value.length };
    const pieces = r.type === "bytea chunks" ? r.chunks : [(r as { value: Uint8Array }).value];
    for (const piece of pieces) {
      out.chunks.push(piece);
      out.length += piece.length;
    }
    checkSize(out.length);
    return out;
  }
  const value = asText(settle(l)) + asText(settle(r));
  checkSize(value.length);
  return { type: "text", value };
}
