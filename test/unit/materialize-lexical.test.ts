import { describe, expect, it } from "vitest";
import { format, parse } from "../../src/index.js";

const mz = { dialect: "materialize" } as const;

function secretText(sql: string): string | undefined {
  const statement = parse(sql, { ...mz, check: false }).program.statements[0];
  if (statement?.kind !== "create_secret" || statement.value.kind !== "text") return undefined;
  return statement.value.value;
}

describe("Materialize lexical rules (spec §1)", () => {
  it("nests block comments", () => {
    const result = parse("/* a /* b */ c */ DROP SECRET s", mz);
    expect(result.diagnostics).toEqual([]);
    expect(result.program.statements[0]?.comments?.[0]?.text).toBe(" a /* b */ c ");
  });

  it("reports an unterminated nested comment at its start", () => {
    const result = parse("DROP SECRET s; /* a /* b */", mz);
    expect(result.diagnostics.map((d) => [d.message, d.span?.start.column])).toEqual([["unterminated multiline comment", 16]]);
  });

  it("decodes E'' escapes, including \\u and \\U", () => {
    expect(secretText("CREATE SECRET s AS E'a\\nb\\tc\\'d\\u00e9\\U0001F600'")).toBe("a\nb\tc'dé😀");
  });

  it("rejects octal escapes in E'' strings", () => {
    const result = parse("CREATE SECRET s AS E'\\101'", mz);
    expect(result.diagnostics[0]?.message).toBe("octal escapes are not supported");
  });

  it("does not interpret backslashes in standard strings", () => {
    const statement = parse("COMMENT ON SECRET s IS 'a\\nb'", mz).program.statements[0];
    expect(statement).toMatchObject({ kind: "comment_on", comment: "a\\nb" });
  });

  it("reads a secret literal as bytea: a doubled backslash is one backslash", () => {
    expect(secretText("CREATE SECRET s AS 'a\\\\b'")).toBe("a\\b");
    expect(format("CREATE SECRET s AS 'a\\\\b'", mz).text).toBe("CREATE SECRET s AS 'a\\\\b';\n");
    // Other escapes keep the literal as written; an invalid one is the platform's error.
    expect(parse("CREATE SECRET s AS 'a\\qb'", mz).diagnostics[0]?.message).toBe("invalid input syntax for type bytea");
  });

  it("reads dollar-quoted strings with and without tags, verbatim", () => {
    expect(secretText("CREATE SECRET s AS $$it's $x$ -- not a comment$$")).toBe("it's $x$ -- not a comment");
    expect(secretText("CREATE SECRET s AS $tag$a $$ b$tag$")).toBe("a $$ b");
  });

  it("joins adjacent strings only across a newline", () => {
    expect(secretText("CREATE SECRET s AS 'a'\n  'b'")).toBe("ab");
    const sameLine = parse("CREATE SECRET s AS 'a' 'b'", mz);
    expect(sameLine.diagnostics.some((d) => d.severity === "error" && d.span?.start.column === 24)).toBe(true);
  });

  it("folds bare identifiers to lower case and keeps quoted ones", () => {
    const statement = parse('DROP CONNECTION MyDb."MySchema".Conn', mz).program.statements[0];
    expect(statement).toMatchObject({
      kind: "drop",
      names: [{ parts: [{ value: "mydb", quoted: false }, { value: "MySchema", quoted: true }, { value: "conn", quoted: false }] }],
    });
  });

  it("folds bare option values: HOST MyHost means 'myhost'", () => {
    expect(format("CREATE CONNECTION c TO SSH TUNNEL (HOST MyHost, USER u)", mz).text).toBe(
      "CREATE CONNECTION c TO SSH TUNNEL (HOST = myhost, USER = u);\n",
    );
  });

  it("accepts keywords as identifiers", () => {
    expect(format("CREATE SECRET secret AS 'x'; DROP SECRET secret", mz).text).toBe("CREATE SECRET secret AS 'x';\nDROP SECRET secret;\n");
  });

  it("rejects identifiers longer than 255 bytes", () => {
    const result = parse(`DROP SECRET ${"é".repeat(128)}`, mz);
    expect(result.diagnostics[0]?.message).toBe("identifier length exceeds 255 bytes");
  });

  it("rejects the empty quoted identifier", () => {
    expect(parse('DROP SECRET ""', mz).diagnostics[0]?.message).toBe("zero-length delimited identifier");
  });

  it("does not treat Unicode case variants as keywords", () => {
    // "ſ" upper-cases to "S" in Unicode; the platform's keyword match is ASCII only.
    const result = parse("CREATE CONNECTION c TO SSH TUNNEL (HOST ſet, USER u)", mz);
    expect(result.diagnostics).toEqual([]);
  });
});

describe("statement splitting", () => {
  it("never cuts inside strings, comments or dollar quotes", () => {
    const sql = "CREATE SECRET a AS 'x;y'; /* ; */ CREATE SECRET b AS $$;$$; -- ;\nCREATE SECRET c AS E'\\';'";
    const result = parse(sql, mz);
    expect(result.diagnostics).toEqual([]);
    expect(result.program.statements.map((s) => s.kind)).toEqual(["create_secret", "create_secret", "create_secret"]);
  });

  it("passes statements of other kinds through verbatim with an info diagnostic", () => {
    const sql = "CREATE SOURCE s FROM KAFKA CONNECTION k (TOPIC 't;x')\n  FORMAT JSON;";
    const result = format(sql, mz);
    expect(result.text).toBe("CREATE SOURCE s FROM KAFKA CONNECTION k (TOPIC 't;x')\n  FORMAT JSON;\n");
    expect(result.diagnostics.map((d) => [d.severity, d.code])).toEqual([["info", "materialize.out-of-scope"]]);
  });

  it("keeps comments before, inside and after statements", () => {
    const sql = "-- lead\nCREATE CONNECTION k TO KAFKA (BROKER 'a:1' /* inner */);\n-- tail\n";
    expect(format(sql, mz).text).toBe("-- lead\n/* inner */\nCREATE CONNECTION k TO KAFKA (BROKER = 'a:1');\n-- tail\n");
  });
});

describe("comments next to a terminator", () => {
  it("keeps a comment between a statement's last token and its semicolon", () => {
    expect(format("SELECT 1 /* c */; SELECT 2;", mz).text).toBe("SELECT 1;\n/* c */\nSELECT 2;\n");
  });
});
