import { describe, expect, it } from "vitest";
import { format, parse, type Statement } from "../../src/index.js";
import { stringLiteralContents } from "../../src/dialects/singlestore/syntax.js";

const s2 = { dialect: "singlestore" } as const;

function statements(sql: string): Statement[] {
  return parse(sql, { ...s2, check: false }).program.statements;
}

function errors(sql: string) {
  return parse(sql, s2).diagnostics.filter((d) => d.severity === "error");
}

/** The description of the first statement, as decoded. */
function description(literal: string): string | undefined {
  const statement = statements(`CREATE LINK l AS S3 CREDENTIALS '{}' DESCRIPTION ${literal}`)[0];
  return statement?.kind === "create_connection" ? statement.description : undefined;
}

describe("SingleStore lexical rules (spec §1)", () => {
  it("reads keywords in any case", () => {
    expect(statements("create or replace link if not exists l as kafka credentials '{}'")[0]).toMatchObject({
      kind: "create_connection",
      orReplace: true,
      ifNotExists: true,
      connection: { kind: "kafka" },
    });
    expect(statements("Show Links On db")[0]).toMatchObject({ kind: "show", from: { parts: [{ value: "db" }] } });
  });

  it("keeps the case of names and reads back-quoted names with doubled back-quotes", () => {
    expect(statements("DROP LINK `my``db`.Link_1")[0]).toMatchObject({
      names: [{ parts: [{ value: "my`db", quoted: true }, { value: "Link_1", quoted: false }] }],
    });
  });

  it("reads names that start with a digit or hold $, and keywords that are not reserved", () => {
    expect(statements("DROP LINK 1st$link")[0]).toMatchObject({ names: [{ parts: [{ value: "1st$link" }] }] });
    expect(statements("DROP LINK kafka.link")[0]).toMatchObject({ names: [{ parts: [{ value: "kafka" }, { value: "link" }] }] });
    expect(errors("DROP LINK 123")[0]?.message).toBe('Expected identifier, found number "123"');
  });

  it("decodes backslash escapes and doubled quotes in both kinds of string", () => {
    expect(description(String.raw`'it''s \'q\' \"d\" \\ \n\t\0\Z \x'`)).toBe(`it's 'q' "d" \\ \n\t\0\x1a x`);
    expect(description(String.raw`"say ""hi"" \"there\""`)).toBe('say "hi" "there"');
  });

  it("keeps the backslash of \\% and \\_ (they are LIKE escapes)", () => {
    expect(description(String.raw`'100\% \_'`)).toBe(String.raw`100\% \_`);
  });

  it("joins adjacent literals, single- and double-quoted alike", () => {
    expect(description(`'a' "b"\n  'c'`)).toBe("abc");
  });

  it("treats -- as a comment only when a blank or control character follows", () => {
    expect(statements("SHOW LINKS -- note\n")[0]).toMatchObject({ kind: "show" });
    expect(statements("SHOW LINKS --\n")[0]).toMatchObject({ kind: "show" });
    expect(errors("SHOW LINKS --note")[0]).toMatchObject({ message: 'Expected end of statement, found operator "--"', span: { start: { column: 12 } } });
  });

  it("reads # comments and /* */ comments, executable ones included", () => {
    const result = parse("# one\n/* two */ /*!40101 three */ SHOW LINKS", s2);
    expect(result.diagnostics).toEqual([]);
    expect(result.program.statements[0]?.comments?.map((c) => c.text)).toEqual([" one", " two ", "!40101 three "]);
  });

  it("never prints an executable comment back as one", () => {
    expect(format("/*!40101 x*/ SHOW LINKS", s2).text).toBe("/* !40101 x*/\nSHOW LINKS;\n");
  });

  it("prints a line comment as -- when its text starts with a blank, else as #", () => {
    expect(format("#x\n# y\nSHOW LINKS", s2).text).toBe("#x\n-- y\nSHOW LINKS;\n");
  });

  it("ends statements at ; and at the mysql client's \\G", () => {
    expect(statements("SHOW LINKS\\G SHOW CREATE LINK l\\G").map((s) => s.kind)).toEqual(["show", "show_create_connection"]);
  });

  it("never splits inside strings, back-quoted names or comments", () => {
    const result = statements(String.raw`CREATE LINK ${"`a;b`"} AS HTTP CREDENTIALS '{"headers":{"k":";\\\\G"}}' /* ; */ DESCRIPTION "-- ;"; SHOW LINKS`);
    expect(result.map((s) => s.kind)).toEqual(["create_connection", "show"]);
    expect(result[0]).toMatchObject({ name: { parts: [{ value: "a;b" }] }, description: "-- ;", connection: { headers: { k: ";\\G" } } });
  });

  it("reports an unterminated string once and keeps the statement as written", () => {
    const result = parse("SHOW LINKS; CREATE LINK l AS S3 CREDENTIALS '{\"a\":1}", s2);
    expect(result.diagnostics.map((d) => [d.code, d.message, d.span?.start.column])).toEqual([["singlestore.lexical", "unterminated string literal", 45]]);
    expect(result.program.statements[1]).toMatchObject({ kind: "verbatim", text: "CREATE LINK l AS S3 CREDENTIALS '{\"a\":1}" });
    expect(format("SHOW LINKS; CREATE LINK l AS S3 CREDENTIALS 'x", s2).text).toBe("SHOW LINKS;\nCREATE LINK l AS S3 CREDENTIALS 'x\n");
  });

  it("reports an escaped closing quote as an unterminated string", () => {
    expect(errors("CREATE LINK l AS S3 CREDENTIALS 'abc\\'").map((d) => d.message)).toEqual(["unterminated string literal"]);
  });

  it("reports unterminated comments and back-quoted names", () => {
    expect(errors("SHOW LINKS; /* open").map((d) => [d.message, d.span?.start.column])).toEqual([["unterminated comment", 13]]);
    expect(errors("DROP LINK `open").map((d) => [d.message, d.span?.start.column])).toEqual([["unterminated quoted identifier", 11]]);
  });

  it("rejects an empty back-quoted name", () => {
    expect(errors("DROP LINK ``").map((d) => d.message)).toEqual(["an identifier cannot be empty"]);
  });

  it("finds the contents of every string literal, for masking in code frames", () => {
    const text = `CREATE LINK l AS KAFKA CONFIG '{"p": "it\\'s"}' CREDENTIALS "{\\"u\\": \\"bob\\"}" DESCRIPTION 'open`;
    expect(stringLiteralContents(text).map(([a, b]) => text.slice(a, b))).toEqual([`{"p": "it\\'s"}`, `{\\"u\\": \\"bob\\"}`, "open"]);
  });

  it("passes other statements through unchanged, with an info diagnostic", () => {
    const sql = "CREATE PIPELINE p AS LOAD DATA LINK l 'b:9092/t' INTO TABLE t";
    const result = parse(sql, s2);
    expect(result.program.statements[0]).toMatchObject({ kind: "verbatim", dialect: "singlestore", text: sql });
    expect(result.diagnostics.map((d) => [d.severity, d.message])).toEqual([["info", "CREATE PIPELINE is not connection-link DDL; passed through unchanged"]]);
    expect(format(`${sql}\\G`, s2).text).toBe(`${sql};\n`);
  });
});
