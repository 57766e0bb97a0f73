// Materialize scalar expressions are read flat and their operators' precedence
// applied with an explicit stack (expression.ts), so that no chain is a deep
// call. These properties hold that to the platform's rules: over generated
// expressions (prefix, binary and postfix operators, brackets, calls) the tree
// is the one a textbook recursive precedence parser builds from the
// platform's precedence table below, and printing the tree reads back as the
// same tree, the same text.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Expr } from "../../src/dialects/materialize/expression.js";
import { printExpr } from "../../src/dialects/materialize/expression.js";
import { parseExpression } from "../../src/dialects/materialize/parse.js";
import { printName, quoteString } from "../../src/dialects/materialize/print.js";
import { propertySettings } from "./roundtrip.js";

const { params } = propertySettings(20_250_107);

// ---- The platform's precedence, stated on its own ---------------------------------

/** Binary operators, loosest first; all left-associative. Operators of no named group bind like `||`. */
const BINARY: Record<string, number> = {
  OR: 2, AND: 3, LIKE: 5, "NOT LIKE": 5,
  "=": 7, "<>": 7, "<": 7, ">": 7, "<=": 7, ">=": 7,
  "||": 8, "~": 8, "&": 8,
  "+": 9, "-": 9, "*": 10, "/": 10, "%": 10, "^": 11,
};
/** A prefix operator's operand takes operators that bind at least this tightly. */
const PREFIX: Record<string, number> = { NOT: 4, "-": 12, "+": 12 };
const POSTFIX: Record<string, number> = { "IS NULL": 6, "IS NOT NULL": 6, "::text": 13 };

type Item =
  | { kind: "prefix"; op: string }
  | { kind: "binary"; op: string }
  | { kind: "postfix"; op: string }
  | { kind: "operand"; text: string; tree: Expr };

/** A textbook recursive precedence parser over generated items: the reference. */
function referenceTree(items: Item[]): Expr {
  let at = 0;
  const expression = (min: number): Expr => {
    const first = items[at++]!;
    let left: Expr;
    if (first.kind === "prefix") {
      const operand = expression(PREFIX[first.op]!);
      left = first.op === "NOT" ? { k: "not", expr: operand } : { k: "unary", op: first.op, expr: operand };
    } else {
      left = (first as Extract<Item, { kind: "operand" }>).tree;
    }
    for (;;) {
      const next = items[at];
      if (next?.kind === "binary" && BINARY[next.op]! >= min) {
        at++;
        const right = expression(BINARY[next.op]! + 1);
        left = next.op === "LIKE" || next.op === "NOT LIKE" ? { k: "like", expr: left, pattern: right, not: next.op === "NOT LIKE" } : { k: "binary", op: next.op, left, right };
      } else if (next?.kind === "postfix" && POSTFIX[next.op]! >= min) {
        at++;
        left = next.op === "::text" ? { k: "cast", expr: left, type: "text" } : { k: "is_null", expr: left, not: next.op === "IS NOT NULL" };
      } else {
        return left;
      }
    }
  };
  return expression(0);
}

const textOf = (items: Item[]) => items.map((i) => (i.kind === "operand" ? i.text : i.op)).join(" ");

// ---- Generated expressions ----------------------------------------------------------

const column = (name: string): Expr => ({ k: "column", name: { parts: [{ value: name, quoted: false }] } });

const expressionItems: fc.Arbitrary<Item[]> = fc.letrec<{ items: Item[]; operand: Item }>((tie) => ({
  operand: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom<Item>(
      { kind: "operand", text: "1", tree: { k: "number", text: "1" } },
      { kind: "operand", text: "'s'", tree: { k: "string", value: "s" } },
      { kind: "operand", text: "x", tree: column("x") },
      { kind: "operand", text: "NULL", tree: { k: "null" } },
    ),
    tie("items").map((inner): Item => ({ kind: "operand", text: `(${textOf(inner)})`, tree: { k: "nested", expr: referenceTree(inner) } })),
    fc.array(tie("items"), { minLength: 1, maxLength: 2 }).map((args): Item => ({
      kind: "operand",
      text: `f(${args.map(textOf).join(", ")})`,
      tree: { k: "call", name: { parts: [{ value: "f", quoted: false }] }, args: args.map(referenceTree) },
    })),
  ),
  items: fc
    .tuple(
      fc.array(fc.constantFrom("NOT", "-", "+"), { maxLength: 3 }),
      tie("operand"),
      fc.array(
        fc.oneof(
          fc.tuple(fc.constantFrom(...Object.keys(BINARY)), fc.array(fc.constantFrom("NOT", "-", "+"), { maxLength: 2 }), tie("operand")),
          fc.constantFrom(...Object.keys(POSTFIX)),
        ),
        { maxLength: 4 },
      ),
    )
    .map(([prefixes, first, rest]) => [
      ...prefixes.map((op): Item => ({ kind: "prefix", op })),
      first,
      ...rest.flatMap((step): Item[] =>
        typeof step === "string"
          ? [{ kind: "postfix", op: step }]
          : [{ kind: "binary", op: step[0] }, ...step[1].map((op): Item => ({ kind: "prefix", op })), step[2]],
      ),
    ]),
})).items;

const print = (e: Expr) => printExpr(e, printName, quoteString);
/** The tree with brackets written for grouping taken away: what the expression means. */
const meaning = (e: Expr) => JSON.stringify(e, (_key, value: unknown) => ((value as Expr | null)?.k === "nested" ? (value as { expr: Expr }).expr : value));

function read(text: string): Expr {
  const { expr, message } = parseExpression(text);
  expect(message).toBeUndefined();
  return expr!;
}

describe("expressions follow the platform's precedence", () => {
  it("the tree is the one a recursive precedence parser builds", () => {
    fc.assert(
      fc.property(expressionItems, (items) => {
        expect(read(textOf(items))).toEqual(referenceTree(items));
      }),
      params,
    );
  });

  it("the printed tree reads back as the same tree, and prints the same", () => {
    fc.assert(
      fc.property(expressionItems, (items) => {
        const tree = read(textOf(items));
        const printed = print(tree);
        const again = read(printed);
        expect(meaning(again)).toBe(meaning(tree));
        expect(print(again)).toBe(printed);
      }),
      params,
    );
  });

  it.each([
    ["-x::text", "-x::text"],
    ["- - 1", "- -1"],
    ["- + 1", "- +1"],
    ["CAST(x || 's' AS text)", "(x || 's')::text"],
    ["CAST(- 1 AS text)", "(-1)::text"],
    ["CAST(NOT x AS text)", "(NOT x)::text"],
    ["CAST(f(1) AS text)", "f(1)::text"],
    ["NOT x = NOT x AND x", "NOT x = NOT x AND x"],
    ["x != 1", "x <> 1"],
    ["x NOT LIKE 's'", "x NOT LIKE 's'"],
  ])("%s is written %s", (text, printed) => {
    expect(print(read(text))).toBe(printed);
    expect(meaning(read(printed))).toBe(meaning(read(text)));
  });
});
