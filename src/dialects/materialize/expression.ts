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

export function printExpr(e: Expr, printName: (n: ObjectName) => string, quote: (s: string) => string): string {
  const p = (x: Expr) => printExpr(x, printName, quote);
  switch (e.k) {
    case "string":
      return quote(e.value);
    case "number":
    case "parameter":
      return e.text;
    case "boolean":
      return e.value ? "true" : "false";
    case "null":
      return "NULL";
    case "hex":
      return `X'${e.value}'`;
    case "interval":
      return `INTERVAL ${quote(e.value)}`;
    case "column":
      return printName(e.name);
    case "call":
      return `${printName(e.name)}(${e.args.map(p).join(", ")})`;
    case "cast":
      return `${p(e.expr)}::${e.type}`;
    case "unary":
      return `${e.op}${p(e.expr)}`;
    case "binary":
      return `${p(e.left)} ${e.op} ${p(e.right)}`;
    case "is_null":
      return `${p(e.expr)} IS ${e.not ? "NOT " : ""}NULL`;
    case "like":
      return `${p(e.expr)} ${e.not ? "NOT " : ""}LIKE ${p(e.pattern)}`;
    case "not":
      return `NOT ${p(e.expr)}`;
    case "nested":
      return `(${p(e.expr)})`;
    case "subquery":
      return `(${e.text})`;
  }
}

/** Walks an expression tree, parents before children. */
export function* walkExpr(e: Expr): Generator<Expr> {
  yield e;
  switch (e.k) {
    case "call":
      for (const a of e.args) yield* walkExpr(a);
      return;
    case "cast":
    case "unary":
    case "is_null":
    case "not":
    case "nested":
      yield* walkExpr(e.expr);
      return;
    case "binary":
      yield* walkExpr(e.left);
      yield* walkExpr(e.right);
      return;
    case "like":
      yield* walkExpr(e.expr);
      yield* walkExpr(e.pattern);
      return;
    default:
      return;
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
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== "\\") {
      bytes.push(...encoder.encode(c === undefined ? "" : String.fromCodePoint(text.codePointAt(i)!)));
      if (text.codePointAt(i)! > 0xffff) i++;
      continue;
    }
    if (text[i + 1] === "\\") {
      bytes.push(0x5c);
      i++;
    } else if (/^[0-3][0-7][0-7]$/.test(text.slice(i + 1, i + 4))) {
      bytes.push(parseInt(text.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      throw new EvaluationError("invalid input syntax for type bytea");
    }
  }
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

/** Evaluates a constant expression. Throws EvaluationError where it cannot. */
export function evaluate(e: Expr): Constant {
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
      return evaluate(e.expr);
    case "unary": {
      const v = evaluate(e.expr);
      if (v.type !== "integer" && v.type !== "numeric") throw new EvaluationError(`operator ${e.op} needs a number`);
      return { type: v.type, value: e.op === "-" ? -v.value : v.value };
    }
    case "cast": {
      const v = evaluate(e.expr);
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
      const l = evaluate(e.left);
      const r = evaluate(e.right);
      if (l.type === "null" || r.type === "null") return { type: "null" };
      if (e.op === "||") {
        if (l.type === "bytea" && r.type === "bytea") {
          checkSize(l.value.length + r.value.length);
          const out = new Uint8Array(l.value.length + r.value.length);
          out.set(l.value);
          out.set(r.value, l.value.length);
          return { type: "bytea", value: out };
        }
        const value = asText(l) + asText(r);
        checkSize(value.length);
        return { type: "text", value };
      }
      if ((l.type === "integer" || l.type === "numeric") && (r.type === "integer" || r.type === "numeric")) {
        const type = l.type === "integer" && r.type === "integer" ? "integer" : "numeric";
        switch (e.op) {
          case "+":
            return { type, value: l.value + r.value };
          case "-":
            return { type, value: l.value - r.value };
          case "*":
            return { type, value: l.value * r.value };
          case "/":
            if (r.value === 0) throw new EvaluationError("division by zero");
            return { type, value: type === "integer" ? Math.trunc(l.value / r.value) : l.value / r.value };
          case "%":
            if (r.value === 0) throw new EvaluationError("division by zero");
            return { type, value: l.value % r.value };
        }
      }
      throw new EvaluationError(`cannot evaluate operator ${e.op}`);
    }
    case "call": {
      const name = functionName(e.name);
      const args = e.args.map(evaluate);
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
