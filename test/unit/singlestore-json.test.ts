import { describe, expect, it } from "vitest";
import { emit, format, parse, type Program } from "../../src/index.js";
import { MAX_JSON_DEPTH, parseJson, JsonSyntaxError } from "../../src/dialects/singlestore/json.js";

const s2 = { dialect: "singlestore" } as const;

function jsonError(sql: string) {
  const errors = parse(sql, s2).diagnostics.filter((d) => d.severity === "error");
  expect(errors).toHaveLength(1);
  const [e] = errors;
  return { message: e!.message, at: `${e!.span!.start.line}:${e!.span!.start.column}-${e!.span!.end.line}:${e!.span!.end.column}` };
}

function connectionOf(sql: string) {
  const statement = parse(sql, { ...s2, check: false }).program.statements[0];
  if (statement?.kind !== "create_connection") throw new Error(`not a CREATE LINK: ${JSON.stringify(statement)}`);
  return statement.connection as unknown as Record<string, unknown>;
}

describe("JSON inside string literals: two layers (spec §1)", () => {
  it("reports a JSON error at its line and column in the file", () => {
    expect(jsonError("CREATE LINK l AS KAFKA\nCONFIG '{\n  \"security.protocol\": \"ssl\"\n  \"sasl.mechanism\": \"PLAIN\"}'\nCREDENTIALS '{}'")).toEqual({
      message: "invalid JSON in CONFIG: expected ',' or '}' in a JSON object, found '\"'",
      at: "4:3-4:4",
    });
  });

  it("maps positions through SQL escapes: a doubled quote and an escaped backslash are each one character of JSON", () => {
    // Decoded JSON: {"it's":"x\y"} — `\y` is not a JSON escape; it starts at the `\\` in the file.
    expect(jsonError(String.raw`CREATE LINK l AS HTTP CREDENTIALS '{"it''s":"x\\y"}'`)).toEqual({
      message: "invalid JSON in CREDENTIALS: invalid escape in a JSON string (JSON knows \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u)",
      at: "1:47-1:50",
    });
  });

  it("maps positions across adjacent literals and inside a double-quoted literal", () => {
    expect(jsonError(`CREATE LINK l AS S3 CREDENTIALS '{"a":' \n "\\"b\\" x}"`)).toEqual({
      message: "invalid JSON in CREDENTIALS: expected ',' or '}' in a JSON object, found other text",
      at: "2:9-2:10",
    });
  });

  it("reports the end of the JSON text at the closing quote", () => {
    expect(jsonError("CREATE LINK l AS S3 CREDENTIALS '{\"a\":'")).toEqual({
      message: "invalid JSON in CREDENTIALS: expected a JSON value, found the end of the text",
      at: "1:39-1:39",
    });
  });

  it("counts columns in UTF-16 units after astral characters", () => {
    expect(jsonError("CREATE LINK l AS S3 CREDENTIALS '{\"😀\": tru}'")).toEqual({
      message: "invalid JSON in CREDENTIALS: expected a JSON value, found other text",
      at: "1:41-1:42",
    });
  });

  it("rejects a quote that only the SQL layer escaped: '{\"k\":\"a\\\"b\"}' is not JSON", () => {
    expect(jsonError(String.raw`CREATE LINK l AS S3 CREDENTIALS '{"k":"a\"b"}'`).message).toBe(
      "invalid JSON in CREDENTIALS: expected ',' or '}' in a JSON object, found other text",
    );
    expect(connectionOf(String.raw`CREATE LINK l AS S3 CREDENTIALS '{"aws_access_key_id":"a\\"b"}'`)).toMatchObject({
      auth: { accessKeyId: 'a"b' },
    });
  });

  it("quotes only JSON punctuation in its messages, never text that may be a secret", () => {
    const error = jsonError(`CREATE LINK l AS KAFKA CREDENTIALS '{"sasl.password": hunter2}'`);
    expect(error).toEqual({ message: "invalid JSON in CREDENTIALS: expected a JSON value, found other text", at: "1:55-1:56" });
  });

  it("is strict JSON: no raw control characters in strings, no trailing commas, no comments", () => {
    expect(() => parseJson('{"a":"x\ny"}')).toThrow("character U+000A must be escaped in a JSON string");
    expect(() => parseJson('{"a":1,}')).toThrow(JsonSyntaxError);
    expect(() => parseJson('{"a":1} // no')).toThrow("unexpected other text after the JSON value");
    expect(() => parseJson("1e400")).toThrow("JSON number too large to be stored in a double");
  });

  it("keeps strings, numbers with their text, booleans, null, arrays and nested objects in order", () => {
    const hdfs = connectionOf(
      `CREATE LINK l AS HDFS CREDENTIALS '' CONFIG '{"z": 1.50, "a": true, "n": null, "list": [1, "x", {"k": false}], "obj": {"b": 2, "a": 1e3}}'`,
    );
    expect(Object.keys(hdfs.properties as object)).toEqual(["z", "a", "n", "list", "obj"]);
    expect(hdfs.properties).toEqual({ z: 1.5, a: true, n: null, list: [1, "x", { k: false }], obj: { b: 2, a: 1000 } });
    expect(format(`CREATE LINK l AS HDFS CREDENTIALS '' CONFIG '{"z": 1.50, "obj": {"b": 2, "a": 1e3}, "big": 12345678901234567890}'`, s2).text).toBe(
      `CREATE LINK \`l\` AS HDFS CREDENTIALS '' CONFIG '{"z":1.50,"obj":{"b":2,"a":1e3},"big":12345678901234567890}';\n`,
    );
  });

  it("reads CREDENTIALS '' as no credentials, and '{}' the same", () => {
    const empty = connectionOf("CREATE LINK l AS HDFS CREDENTIALS ''");
    const braces = connectionOf("CREATE LINK l AS HDFS CREDENTIALS '{}'");
    expect(empty).toEqual({ kind: "hdfs", extras: { singlestore: { layout: { clauses: [expect.objectContaining({ clause: "CREDENTIALS", empty: true })] } } } });
    expect(braces).toEqual({ kind: "hdfs", extras: { singlestore: { layout: { clauses: [expect.objectContaining({ clause: "CREDENTIALS" })] } } } });
  });

  it("does not take CONFIG '' for an empty object", () => {
    expect(jsonError("CREATE LINK l AS S3 CREDENTIALS '{}' CONFIG ''").message).toBe(
      "invalid JSON in CONFIG: expected a JSON value, found the end of the text",
    );
  });

  it("warns about a repeated key inside a nested object, whose last value wins", () => {
    const result = parse(`CREATE LINK l AS HDFS CREDENTIALS '' CONFIG '{"o": {"k": 1, "k": 2}}'`, s2);
    expect(result.diagnostics.map((d) => [d.code, d.span?.start.column])).toEqual([["singlestore.duplicate-key", 61]]);
  });

  it("refuses JSON nested deeper than MySQL's 100 levels, at the value that goes deeper, rather than overflowing the stack", () => {
    const deep = `CREATE LINK l AS HDFS CREDENTIALS '' CONFIG '{"a":${"[".repeat(100_000)}'`;
    // The object is level 1 and the first `[` (column 51) level 2: the 99th `[` is level 100, the 100th one too deep.
    expect(jsonError(deep)).toEqual({ message: `invalid JSON in CONFIG: JSON nested more than ${MAX_JSON_DEPTH} levels deep`, at: "1:150-1:151" });
    const deepest = `CREATE LINK l AS HDFS CREDENTIALS '' CONFIG '{"a":${"[".repeat(98)}1${"]".repeat(98)}}'`;
    expect(parse(deepest, s2).diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("gives positioned diagnostics for garbage, never an exception", () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 50; n++) {
      const noise = Array.from({ length: 120 }, () => String.fromCharCode(Math.floor(random() * 256))).join("");
      for (const text of [noise, `CREATE LINK l AS S3 CREDENTIALS '${noise.replace(/'/g, "")}'`]) {
        const result = format(text, s2);
        expect(result.diagnostics.filter((d) => d.severity === "error").every((d) => d.span !== undefined)).toBe(true);
      }
    }
  });

  it("emits compact JSON, then escapes both layers: \\ → \\\\ and ' → ''", () => {
    const program: Program = {
      statements: [
        {
          kind: "create_connection",
          name: { parts: [{ value: "k", quoted: false }] },
          connection: { kind: "kafka", sasl: { username: "o'neil", password: 'a"b\\c\n\u0001é' } },
        },
      ],
    };
    const text = emit(program, s2).text;
    expect(text).toBe(
      String.raw`CREATE LINK ${"`k`"} AS KAFKA CREDENTIALS '{"sasl.username":"o''neil","sasl.password":"a\\"b\\\\c\\n\\u0001é"}';` + "\n",
    );
    const back = parse(text, s2).program.statements[0];
    expect(back).toMatchObject({ connection: { sasl: { username: "o'neil", password: 'a"b\\c\n\u0001é' } } });
  });
});
