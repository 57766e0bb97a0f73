// The command line on inputs that used to reach a recursion limit (issue 7,
// point 4): a secret expression of 4,000 `||`, comments nested 10,000 deep,
// parentheses and JSON nested far past the platforms' limits, a translation
// that writes 150,000 comment lines. Each ends with exit 0 or 1 and positioned
// diagnostics, never "internal error" or a stack trace, with and without --json.
import { describe, expect, it } from "vitest";
import { connbridge, STACK_FRAME, type CliResult } from "./run.js";

function sound(result: CliResult): void {
  expect([0, 1]).toContain(result.status);
  expect(result.stderr).not.toMatch(/internal error/i);
  expect(result.stderr).not.toMatch(STACK_FRAME);
}

/** The records of a --json run: one per input, each with its diagnostics, none an internal error. */
function records(result: CliResult): Array<{ diagnostics: Array<{ code: string; message: string; span?: { start: { line: number; column: number } } }>; text?: string }> {
  sound(result);
  expect(result.stderr).toBe("");
  const lines = result.stdout.split("\n").filter((l) => l !== "");
  expect(lines.length).toBeGreaterThan(0);
  const parsed = lines.map((l) => JSON.parse(l));
  for (const record of parsed) expect(record.diagnostics.filter((d: { code: string }) => d.code === "internal.error")).toEqual([]);
  return parsed;
}

const CONCAT_4000 = `CREATE SECRET s AS ${Array.from({ length: 4_001 }, () => "'a'").join(" || ")};\n`;
const BYTEA_4000 = `CREATE SECRET s AS ${Array.from({ length: 4_001 }, () => "decode('YQ==', 'base64')").join(" || ")};\nCREATE CONNECTION m TO MYSQL (HOST 'h', USER 'u', PASSWORD SECRET s);\n`;
const NESTED_COMMENT = `${"/* ".repeat(10_000)}deep${" */".repeat(10_000)}\nDROP CONNECTION a;\n`;
const DEEP_PARENS = `CREATE SECRET s AS ${"(".repeat(10_000)}'a'${")".repeat(10_000)};\n`;
const DEEP_JSON = `CREATE LINK l AS HDFS CREDENTIALS '' CONFIG '{"a":${"[".repeat(10_000)}1${"]".repeat(10_000)}}';\n`;
// 150,000 lines within Materialize's 1,000,000 bytes a statement.
const LONG_KEPT = `CREATE SOURCE s FROM x (\n${"  x,\n".repeat(150_000)});\n`;

describe("the command line on deep and long inputs", () => {
  it("a secret of 4,000 `||`: the platform's error for a text value, in text and in JSON", () => {
    const result = connbridge(["check"], { input: CONCAT_4000 });
    sound(result);
    expect(result.status).toBe(1);
    expect(result.stderr.split("\n")[0]).toBe("<stdin>:1:1: error materialize.invalid-secret: AS must have type bytea, not type text");
    const [record] = records(connbridge(["format", "--json"], { input: CONCAT_4000 }));
    expect(record!.diagnostics.map((d) => d.code)).toEqual(["materialize.invalid-secret"]);
    expect(record!.text!.match(/\|\|/g)).toHaveLength(4_000);
  });

  it("a bytea secret of 4,000 `||` is resolved into the SingleStore link", () => {
    const result = connbridge(["translate", "--to", "singlestore"], { input: BYTEA_4000 });
    sound(result);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`"database.password":"${"a".repeat(4_001)}"`);
  });

  it("comments nested 10,000 deep are kept by format and written as line comments for SingleStore", () => {
    const formatted = connbridge(["format"], { input: NESTED_COMMENT });
    sound(formatted);
    expect(formatted.status).toBe(0);
    expect(formatted.stdout).toBe(NESTED_COMMENT);
    const translated = connbridge(["translate", "--to", "singlestore"], { input: NESTED_COMMENT });
    sound(translated);
    expect(translated.status).toBe(0);
    expect(translated.stdout.endsWith("DROP LINK `a`;\n")).toBe(true);
    const back = connbridge(["check", "-d", "singlestore"], { input: translated.stdout });
    sound(back);
    expect(back.status).toBe(0);
  });

  it("parentheses nested 10,000 deep: an error at the 129th, in text and in JSON", () => {
    const result = connbridge(["check"], { input: DEEP_PARENS });
    sound(result);
    expect(result.status).toBe(1);
    expect(result.stderr.split("\n")[0]).toBe("<stdin>:1:148: error materialize.syntax: nesting limit of 128 exceeded");
    const [record] = records(connbridge(["translate", "--to", "singlestore", "--json"], { input: DEEP_PARENS }));
    expect(record!.diagnostics.find((d) => d.message === "nesting limit of 128 exceeded")?.span?.start).toMatchObject({ line: 1, column: 148 });
  });

  it("JSON nested 10,000 deep: an error where it passes 100 levels", () => {
    const result = connbridge(["check", "-d", "singlestore"], { input: DEEP_JSON });
    sound(result);
    expect(result.status).toBe(1);
    expect(result.stderr.split("\n")[0]).toBe("<stdin>:1:150: error singlestore.invalid-json: invalid JSON in CONFIG: JSON nested more than 100 levels deep");
    records(connbridge(["translate", "--from", "singlestore", "--to", "materialize", "--json"], { input: DEEP_JSON }));
  });

  it("a translation that writes 150,000 comment lines", () => {
    const result = connbridge(["translate", "--to", "singlestore"], { input: LONG_KEPT });
    sound(result);
    expect(result.status).toBe(0);
    expect(result.stdout.split("\n").filter((l) => l.startsWith("--")).length).toBeGreaterThanOrEqual(150_000);
    const [record] = records(connbridge(["translate", "--to", "singlestore", "--json"], { input: LONG_KEPT }));
    expect(record!.diagnostics.map((d) => d.code)).toEqual(["materialize.out-of-scope", "translate.verbatim"]);
  });
});
