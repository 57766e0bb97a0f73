// Comments of any origin print as comments only: whatever their text holds,
// re-parsing the output in the target gives no statement from it. The table
// runs every hostile text in both comment styles through every implemented
// dialect; the examples below it fix the re-encoding rule
// (src/dialects/shared/doc.ts, commentLines) where a text is not safe as it is.
import { describe, expect, it } from "vitest";
import { emit, format, parse, translate, type Comment, type DialectId, type Program } from "../../src/index.js";
import { CANARIES, HOSTILE_COMMENT_TEXTS, IMPLEMENTED, namesCanary } from "../property/kept-text.arbitrary.js";

const safeName = { parts: [{ value: "safe", quoted: false }] };

/** A program of one DROP carrying `comments`, the same comments after it. */
function commented(comments: Comment[]): Program {
  return { statements: [{ kind: "drop", objectType: "connection", names: [safeName], comments }], trailingComments: comments };
}

/** All text of comments with blanks and line breaks taken out: what re-encoding must keep. */
const visible = (comments: readonly Comment[]) => comments.map((c) => c.text).join("").replace(/\s+/g, "");

/** Emits the program, re-parses the output, and asserts that its comments stayed comments. */
function expectInert(dialect: DialectId, comments: Comment[]): void {
  const printed = emit(commented(comments), { dialect });
  expect(printed.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const reread = parse(printed.text, { dialect });
  const context = `${dialect} output ${JSON.stringify(printed.text)}`;
  expect(reread.diagnostics.filter((d) => d.severity === "error"), context).toEqual([]);
  expect(reread.program.statements.map((s) => s.kind), context).toEqual(["drop"]);
  expect(reread.program.statements.some(namesCanary), context).toBe(false);
  const statement = reread.program.statements[0]!;
  expect(visible(statement.comments ?? []), context).toBe(visible(comments));
  expect(visible(reread.program.trailingComments ?? []), context).toBe(visible(comments));
}

describe("comment text never becomes live in the target", () => {
  for (const dialect of IMPLEMENTED) {
    for (const style of ["line", "block"] as const) {
      describe(`${dialect}, ${style} comments`, () => {
        for (const text of HOSTILE_COMMENT_TEXTS) {
          it(`${JSON.stringify(text)} reads back as comments only`, () => expectInert(dialect, [{ style, text }]));
        }
      });
    }
    it(`${dialect}: every hostile text in one program, both styles alternating`, () => {
      expectInert(
        dialect,
        HOSTILE_COMMENT_TEXTS.map((text, i) => ({ style: i % 2 === 0 ? "line" : "block", text })),
      );
    });
  }
});

/** The printed lines of one comment in a dialect (the program is that comment only). */
function printed(dialect: DialectId, comment: Comment): string {
  return emit({ statements: [], trailingComments: [comment] }, { dialect }).text;
}

describe("text that is safe as it is prints unchanged", () => {
  const cases: [DialectId, Comment, string][] = [
    ["materialize", { style: "line", text: " plain" }, "-- plain\n"],
    ["materialize", { style: "line", text: "a\u2028b\u2029c" }, "--a\u2028b\u2029c\n"], // no lexer ends a comment there
    ["materialize", { style: "block", text: " a /* b */ c " }, "/* a /* b */ c */\n"],
    ["materialize", { style: "block", text: " two\n lines " }, "/* two\n lines */\n"],
    ["materialize", { style: "block", text: "!40101 x " }, "/*!40101 x */\n"], // nothing special to Materialize
    ["singlestore", { style: "line", text: " plain" }, "-- plain\n"],
    ["singlestore", { style: "line", text: "plain" }, "#plain\n"],
    ["singlestore", { style: "line", text: "\tx" }, "--\tx\n"],
    ["singlestore", { style: "block", text: " a /* b " }, "/* a /* b */\n"], // MySQL comments do not nest
    ["singlestore", { style: "block", text: "/" }, "/*/*/\n"],
  ];
  for (const [dialect, comment, expected] of cases) {
    it(`${dialect}: ${comment.style} ${JSON.stringify(comment.text)}`, () => expect(printed(dialect, comment)).toBe(expected));
  }

  it("formatting reproduces comments read from the same dialect exactly", () => {
    const materialize = "/* a /* b */ c */\n/*/**/*/\n-- x\u2028y\n/* line\r\nbreaks\r */\nDROP CONNECTION c;\n";
    expect(format(materialize, { dialect: "materialize" }).text).toBe(materialize);
    const singlestore = "/* a /* b */\n/*/*/\n#x\n-- y\n--\tz\n/* line\rbreaks */\nDROP LINK `c`;\n";
    expect(format(singlestore, { dialect: "singlestore" }).text).toBe(singlestore);
  });
});

describe("text that is not safe is re-encoded as line comments", () => {
  const cases: [DialectId, Comment, string][] = [
    // A line comment is cut at every carriage return and line feed.
    ["materialize", { style: "line", text: " SELECT 1\rDROP CONNECTION prod;" }, "-- SELECT 1\n--DROP CONNECTION prod;\n"],
    ["singlestore", { style: "line", text: " SELECT 1\rDROP LINK prod;" }, "-- SELECT 1\n#DROP LINK prod;\n"],
    ["singlestore", { style: "line", text: " a\r\n b\n\rc" }, "-- a\n-- b\n--\n#c\n"],
    // A block comment that would close early, or never, becomes one line comment per line.
    ["materialize", { style: "block", text: " a */ DROP CONNECTION prod; /* " }, "-- a */ DROP CONNECTION prod; /*\n"],
    ["materialize", { style: "block", text: " a /* b\nDROP CONNECTION prod; " }, "-- a /* b\n--DROP CONNECTION prod;\n"], // never closed
    ["materialize", { style: "block", text: "x/" }, "--x/\n"], // `/*x/*/` opens a nested comment
    ["singlestore", { style: "block", text: " outer /* inner */ DROP LINK prod; " }, "-- outer /* inner */ DROP LINK prod;\n"],
    ["singlestore", { style: "block", text: "*/\rDROP LINK prod;" }, "#*/\n#DROP LINK prod;\n"],
    // MySQL's executable comments and optimizer hints are never produced.
    ["singlestore", { style: "block", text: "!40101 DROP LINK prod " }, "/* !40101 DROP LINK prod */\n"],
    ["singlestore", { style: "block", text: "+ SET_VAR(x=1) " }, "/* + SET_VAR(x=1) */\n"],
  ];
  for (const [dialect, comment, expected] of cases) {
    it(`${dialect}: ${comment.style} ${JSON.stringify(comment.text)}`, () => expect(printed(dialect, comment)).toBe(expected));
  }
});

describe("kept statements stay comments in a translation", () => {
  it("a carriage return inside a statement kept as a comment does not end the comment", () => {
    const result = translate("SELECT 1\rDROP LINK prod;", { from: "materialize", to: "singlestore" });
    expect(result.text).toBe(
      "-- connbridge: not translated: Materialize statement outside connection DDL, or not parsed\n-- SELECT 1\n-- DROP LINK prod\n",
    );
    expect(parse(result.text, { dialect: "singlestore" }).program.statements).toEqual([]);
  });

  it("an unterminated block comment of the input is kept as comments that close", () => {
    for (const [from, to] of [["materialize", "singlestore"], ["singlestore", "materialize"]] as const) {
      const source = from === "materialize" ? "DROP CONNECTION a;\n/* open\rDROP LINK prod;" : "DROP LINK a;\n/* open\rDROP CONNECTION prod;";
      const result = translate(source, { from, to });
      const reread = parse(result.text, { dialect: to });
      expect(reread.program.statements.map((s) => s.kind), result.text).toEqual(["drop"]);
      expect(reread.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    }
  });

  it("canaries are statements of their dialect, so the checks above can see them", () => {
    expect(parse(CANARIES[0], { dialect: "singlestore" }).program.statements.some(namesCanary)).toBe(true);
    expect(parse(CANARIES[1], { dialect: "materialize" }).program.statements.some(namesCanary)).toBe(true);
  });
});
