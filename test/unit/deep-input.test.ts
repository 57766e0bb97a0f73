// No input reaches a recursion limit (issue 7, point 4). Long chains
// (`'a' || 'a' || ...`) are read and evaluated without recursion; nesting
// beyond the platforms' limits (Materialize's 128 for brackets and pending
// operators, MySQL's 100 levels of JSON) is an error at the line and column
// of the construct that goes deeper; comments nested 10,000 deep, JSON and
// IR at the deepest that is accepted, and translations that write 150,000
// comment lines all come through. The library's safety net (an
// `internal.error` diagnostic for an exception inside it) never fires.
import { describe, expect, it } from "vitest";
import { emit, equivalent, format, parse, translate, validateProgram, type Diagnostic, type Program } from "../../src/index.js";
import { MAX_NESTING } from "../../src/dialects/materialize/syntax.js";
import { MAX_JSON_DEPTH } from "../../src/dialects/singlestore/json.js";
import { MAX_IR_DEPTH } from "../../src/ir/validate.js";

const mz = { dialect: "materialize" } as const;
const s2 = { dialect: "singlestore" } as const;
const M2S = { from: "materialize", to: "singlestore" } as const;
const S2M = { from: "singlestore", to: "materialize" } as const;

function noInternalError(result: { diagnostics: Diagnostic[] }): void {
  expect(result.diagnostics.filter((d) => d.code === "internal.error")).toEqual([]);
}

/** Every API function that reads the text, none of which may fail inside. */
function throughEveryFunction(text: string, dialect: "materialize" | "singlestore") {
  const results = {
    parse: parse(text, { dialect }),
    format: format(text, { dialect }),
    formatAt40: format(text, { dialect, width: 40 }),
    translate: translate(text, dialect === "materialize" ? M2S : S2M),
  };
  for (const result of Object.values(results)) noInternalError(result);
  return results;
}

const at = (d: Diagnostic | undefined) => (d?.span === undefined ? undefined : `${d.span.start.line}:${d.span.start.column}`);

describe("long chains are read, printed and evaluated without recursion", () => {
  it("a secret of 4,000 `||` (28 KB) is read whole; its text value is refused as the platform refuses it", () => {
    const text = `CREATE SECRET s AS ${Array.from({ length: 4_001 }, () => "'a'").join(" || ")};`;
    expect(text.length).toBeGreaterThan(28_000);
    const { parse: parsed, format: formatted } = throughEveryFunction(text, "materialize");
    expect(parsed.diagnostics.map((d) => [d.code, d.message, at(d)])).toEqual([["materialize.invalid-secret", "AS must have type bytea, not type text", "1:1"]]);
    // Formatting keeps every operand and reads back the same.
    expect(formatted.text.match(/\|\|/g)).toHaveLength(4_000);
    expect(format(formatted.text, mz).text).toBe(formatted.text);
  });

  it("a bytea secret of 4,000 `||` has its value, which a translation writes into the connection", () => {
    const secret = Array.from({ length: 4_001 }, () => "decode('YQ==', 'base64')").join(" || ");
    const text = `CREATE SECRET s AS ${secret};\nCREATE CONNECTION m TO MYSQL (HOST 'h', USER 'u', PASSWORD SECRET s);`;
    const { parse: parsed, translate: translated } = throughEveryFunction(text, "materialize");
    expect(parsed.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const value = parsed.program.statements[0]!.kind === "create_secret" ? parsed.program.statements[0]!.value : undefined;
    expect(value?.value).toBe("a".repeat(4_001));
    expect(translated.text).toContain(`"database.password":"${"a".repeat(4_001)}"`);
  });

  it.each([
    ["casts", `'a'${"::text".repeat(10_000)}`],
    ["comparisons", Array.from({ length: 10_000 }, () => "1").join(" = ")],
    ["LIKE", Array.from({ length: 10_000 }, () => "'a'").join(" LIKE ")],
    ["IS NULL", `a${" IS NULL".repeat(10_000)}`],
    ["AND", Array.from({ length: 10_000 }, () => "a").join(" AND ")],
    ["a chain whose terms are prefixed", Array.from({ length: 10_000 }, () => "-1").join(" + ")],
  ])("a chain of 10,000 %s is no nesting", (_name, expression) => {
    const text = `SHOW SECRETS WHERE ${expression};`;
    const { parse: parsed, format: formatted } = throughEveryFunction(text, "materialize");
    expect(parsed.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(format(formatted.text, mz).text).toBe(formatted.text);
  });
});

/**
 * Constructs that nest, each as a statement nested `depth` levels, and a
 * pattern matching the tokens that open a level: the diagnostic points at
 * the one that opens level limit + 1.
 */
const NESTING: Array<{ name: string; statement: (depth: number) => string; opens: RegExp }> = [
  { name: "prefix minus", statement: (d) => `CREATE SECRET s AS ${"- ".repeat(d)}1`, opens: /-/g },
  { name: "NOT", statement: (d) => `SHOW SECRETS WHERE ${"NOT ".repeat(d)}a`, opens: /NOT/g },
  // NOT a = NOT b = ...: each NOT and each `=` waits for its right operand.
  { name: "NOT and `=` in turn", statement: (d) => `SHOW SECRETS WHERE ${"NOT a = ".repeat(Math.ceil(d / 2))}b`, opens: /NOT|=/g },
  { name: "parentheses", statement: (d) => `CREATE SECRET s AS ${"(".repeat(d)}1${")".repeat(d)}`, opens: /\(/g },
  { name: "function calls", statement: (d) => `CREATE SECRET s AS ${"f(".repeat(d)}1${")".repeat(d)}`, opens: /\(/g },
  { name: "operators around brackets", statement: (d) => `CREATE SECRET s AS ${"- ".repeat(40)}${"(".repeat(d - 40)}1${")".repeat(d - 40)}`, opens: /[-(]/g },
  { name: "minus before parentheses", statement: (d) => `CREATE SECRET s AS ${"-(".repeat(Math.ceil(d / 2))}1${")".repeat(Math.ceil(d / 2))}`, opens: /[-(]/g },
  { name: "option value lists", statement: (d) => `CREATE CONNECTION c TO KAFKA (BROKER 'b', PROGRESS TOPIC = ${"(".repeat(d - 1)}'t'${")".repeat(d - 1)})`, opens: /\(/g },
  { name: "MAP values", statement: (d) => `CREATE CONNECTION c TO KAFKA (BROKER 'b', HOST = ${"MAP['k' => ".repeat(d - 1)}'v'${"]".repeat(d - 1)})`, opens: /[([]/g },
];

/** The 1-based column where the pattern matches for the `k`-th time. */
function nthColumn(text: string, pattern: RegExp, k: number): number {
  const match = [...text.matchAll(pattern)][k - 1];
  return match!.index! + 1;
}

describe(`nesting deeper than Materialize's ${MAX_NESTING} is an error where it goes deeper`, () => {
  it.each(NESTING.map((n) => [n.name, n]))("%s", (_name, construct) => {
    const nestingErrors = (text: string) => {
      const { parse: parsed } = throughEveryFunction(text, "materialize");
      return parsed.diagnostics.filter((d) => d.message === `nesting limit of ${MAX_NESTING} exceeded`);
    };
    const justOver = construct.statement(MAX_NESTING + 1);
    expect(nestingErrors(justOver).map((d) => [d.severity, d.code, at(d)])).toEqual([
      ["error", "materialize.syntax", `1:${nthColumn(justOver, construct.opens, MAX_NESTING + 1)}`],
    ]);
    // Far over: one error, at a token that opens a level (brackets are counted before parsing, operators after).
    const farOver = construct.statement(10_000);
    const [far, ...more] = nestingErrors(farOver);
    expect(more).toEqual([]);
    expect(far?.span?.start.line).toBe(1);
    expect(farOver.slice(far!.span!.start.offset, far!.span!.end.offset)).toMatch(new RegExp(`^(?:${construct.opens.source})$`));
    // At the limit itself the statement is read (what else it says is the checks' business).
    const atLimit = parse(construct.statement(MAX_NESTING), mz);
    expect(atLimit.diagnostics.filter((d) => d.message.startsWith("nesting limit"))).toEqual([]);
    expect(atLimit.program.statements[0]?.kind).not.toBe("verbatim");
  });

  it("an expression kept as text in IR from elsewhere is measured the same way when it is checked", () => {
    for (const sql of [`${"(".repeat(10_000)}'a'${")".repeat(10_000)}`, `${"- ".repeat(10_000)}1`]) {
      const program = { statements: [{ kind: "create_secret", name: { parts: [{ value: "s", quoted: false }] }, value: { kind: "expression", expression: { dialect: "materialize", sql } } }] };
      const result = emit(program, mz);
      noInternalError(result);
      expect(result.diagnostics.map((d) => [d.code, d.message])).toContainEqual(["materialize.syntax", `nesting limit of ${MAX_NESTING} exceeded`]);
    }
  });
});

describe("comments nested 10,000 deep", () => {
  const nested = `${"/* ".repeat(10_000)}deep${" */".repeat(10_000)}`;

  it("are one Materialize comment, kept by format and written as line comments in SingleStore", () => {
    const text = `${nested}\nDROP CONNECTION a;`;
    const { parse: parsed, format: formatted, translate: translated } = throughEveryFunction(text, "materialize");
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.program.statements[0]?.comments).toHaveLength(1);
    expect(formatted.text).toBe(`${nested}\nDROP CONNECTION a;\n`);
    // SingleStore comments do not nest: the text is kept in line comments, none of it live.
    const back = parse(translated.text, s2);
    expect(back.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(back.program.statements.map((s) => s.kind)).toEqual(["drop"]);
    expect(back.program.statements[0]!.comments!.map((c) => c.text).join("")).toContain("deep");
  });

  it("unterminated, are a lexical error at the comment's start", () => {
    const text = `DROP CONNECTION a;\n  ${nested.slice(0, -3)}`;
    const { parse: parsed } = throughEveryFunction(text, "materialize");
    expect(parsed.diagnostics.map((d) => [d.code, d.message, at(d)])).toEqual([["materialize.lexical", "unterminated multiline comment", "2:3"]]);
  });

  it("written in SingleStore (where they do not nest), come to Materialize without ending early", () => {
    const text = `/* ${"/* ".repeat(10_000)}x */\nDROP LINK a;`;
    const { translate: translated } = throughEveryFunction(text, "singlestore");
    const back = parse(translated.text, mz);
    expect(back.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(back.program.statements.map((s) => s.kind)).toEqual(["drop"]);
  });
});

describe(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`, () => {
  const config = (levels: number) => `{"a":${"[".repeat(levels - 2)}1${"]".repeat(levels - 2)}}`;

  it.each([
    ["CREATE LINK", (json: string) => `CREATE LINK l AS HDFS CONFIG '${json}' CREDENTIALS ''`],
    ["ALTER LINK", (json: string) => `ALTER LINK l SET CONFIG '${json}'`],
  ])("is an error where it goes deeper, in %s", (_name, statement) => {
    const text = statement(`{"a":${"[".repeat(10_000)}`);
    const { parse: parsed } = throughEveryFunction(text, "singlestore");
    const start = text.indexOf("[");
    expect(parsed.diagnostics.map((d) => [d.code, at(d)])).toEqual([["singlestore.invalid-json", `1:${start + MAX_JSON_DEPTH}`]]);
    // At the limit it is read, and the IR it makes is IR that emit takes.
    const deepest = throughEveryFunction(statement(config(MAX_JSON_DEPTH)), "singlestore");
    expect(deepest.parse.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(validateProgram(deepest.parse.program)).toEqual([]);
    for (const dialect of ["materialize", "singlestore"] as const) noInternalError(emit(deepest.parse.program, { dialect }));
  });
});

describe("the deepest IR a parse makes is IR that emit takes", () => {
  it.each([
    ["Materialize lists", `CREATE CONNECTION c TO KAFKA (BROKER 'b', PROGRESS TOPIC = ${"(".repeat(MAX_NESTING - 1)}'v'${")".repeat(MAX_NESTING - 1)})`],
    ["Materialize MAPs", `CREATE CONNECTION c TO KAFKA (BROKER 'b', PROGRESS TOPIC = ${"MAP['k' => ".repeat(MAX_NESTING - 1)}'v'${"]".repeat(MAX_NESTING - 1)})`],
    ["ALTER of Materialize MAPs", `ALTER CONNECTION c SET (PROGRESS TOPIC = ${"MAP['k' => ".repeat(MAX_NESTING - 2)}'v'${"]".repeat(MAX_NESTING - 2)})`],
  ])("%s", (_name, text) => {
    const { parse: parsed } = throughEveryFunction(text, "materialize");
    expect(parsed.diagnostics.filter((d) => d.message.startsWith("nesting limit"))).toEqual([]);
    expect(parsed.program.statements[0]?.kind).not.toBe("verbatim");
    expect(validateProgram(parsed.program)).toEqual([]);
    for (const dialect of ["materialize", "singlestore"] as const) {
      noInternalError(emit(parsed.program, { dialect }));
      noInternalError(emit(parsed.program, { dialect, redact: true, width: 40 }));
    }
  });
});

/** IR with a JSON value nested `levels` deep at an open place of a connection's extras. */
function deepProgram(place: "flink" | "singlestore" | "materialize", levels: number): unknown {
  let value: unknown = "x";
  for (let i = 0; i < levels; i++) value = [value];
  const extras =
    place === "flink"
      ? { flink: { y: value } }
      : place === "singlestore"
        ? { singlestore: { config: [{ key: "k", value }] } }
        : { materialize: { options: [{ option: "X", value: listValue(levels) }] } };
  return {
    statements: [
      {
        kind: "create_connection",
        name: { parts: [{ value: "c", quoted: false }] },
        connection: { kind: place === "materialize" ? "kafka" : place === "singlestore" ? "kafka" : "http", ...(place === "flink" ? { url: "https://h" } : {}), extras },
      },
    ],
  };
}

/** A Materialize option value of lists nested `levels` deep (two IR levels each). */
function listValue(levels: number): unknown {
  let value: unknown = { kind: "string", value: "v" };
  for (let i = 0; i < levels / 2; i++) value = { kind: "list", items: [value] };
  return value;
}

describe(`IR nested up to the validator's ${MAX_IR_DEPTH} levels`, () => {
  it.each(["flink", "singlestore", "materialize"] as const)("in %s extras is emitted, redacted and compared", (place) => {
    // The deepest that validates, found from below.
    let levels = MAX_IR_DEPTH - 20;
    while (validateProgram(deepProgram(place, levels + 2)).length === 0) levels += 2;
    const program = deepProgram(place, levels);
    expect(validateProgram(program)).toEqual([]);
    for (const dialect of ["materialize", "singlestore"] as const) {
      noInternalError(emit(program, { dialect }));
      noInternalError(emit(program, { dialect, redact: true, width: 1 }));
    }
    expect(equivalent(program, structuredClone(program))).toBe(true);
    // One level more is refused with the path, not walked.
    const deeper = emit(deepProgram(place, levels + 2), mz);
    expect(deeper.diagnostics.map((d) => d.code)).toContain("ir.invalid");
    expect(deeper.diagnostics.some((d) => d.message.includes(`nested more than ${MAX_IR_DEPTH} levels deep`))).toBe(true);
  });
});

describe("outputs and diagnostics of 150,000 lines", () => {
  const lines = Array.from({ length: 150_000 }, (_, i) => `  column${i} text,`).join("\n");
  const commentLines = (text: string) => text.split("\n").filter((l) => l.startsWith("--")).length;

  it("a statement kept as 150,000 comment lines, both ways", () => {
    const there = translate(`CREATE SOURCE s FROM x (\n${lines}\n);`, M2S);
    noInternalError(there);
    expect(commentLines(there.text)).toBeGreaterThanOrEqual(150_000);
    const back = translate(`CREATE PIPELINE p AS (\n${lines}\n);`, S2M);
    noInternalError(back);
    expect(commentLines(back.text)).toBeGreaterThanOrEqual(150_000);
  });

  it("150,000 comments before a statement and after the last, formatted and translated", () => {
    const comments = Array.from({ length: 150_000 }, (_, i) => `-- note ${i}`).join("\n");
    const text = `${comments}\nCREATE CONNECTION p TO POSTGRES (HOST 'h', DATABASE 'd', USER 'u');\n${comments}`;
    const formatted = format(text, mz);
    noInternalError(formatted);
    expect(commentLines(formatted.text)).toBe(300_000);
    const translated = translate(text, M2S);
    noInternalError(translated);
    expect(commentLines(translated.text)).toBeGreaterThan(300_000);
  });

  it("150,000 diagnostics of one statement", () => {
    const keys = Array.from({ length: 150_000 }, (_, i) => `"opt${i}":"v"`).join(",");
    const formatted = format(`CREATE LINK l AS KAFKA CONFIG '{${keys}}' CREDENTIALS '{}';`, s2);
    noInternalError(formatted);
    expect(formatted.diagnostics.filter((d) => d.code === "singlestore.unknown-key")).toHaveLength(150_000);
  });
});
