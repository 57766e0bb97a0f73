import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { connbridge, fixturesCleanedAfterEach, KAFKA, KAFKA_FORMATTED, STACK_FRAME, TRAILING_COMMA } from "./run.js";

const fixtures = fixturesCleanedAfterEach();

describe("diagnostic lines", () => {
  it("are file:line:col: severity code: message, then the source line and a caret under the span", () => {
    const dir = fixtures({ "bad.sql": `${KAFKA}${TRAILING_COMMA}` });
    const result = connbridge(["check", "bad.sql"], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    const [header, ...frame] = result.stderr.split("\n");
    expect(header).toMatch(/^bad\.sql:2:42: error materialize\.syntax: Expected .+, found right parenthesis$/);
    // String contents are masked in frames; the caret stays under the right character.
    expect(frame.join("\n")).toBe(
      "  2 | CREATE CONNECTION c TO KAFKA (BROKER '***',)\n" +
        "    |                                            ^\n",
    );
  });

  it("name standard input <stdin>", () => {
    const result = connbridge(["check"], { input: TRAILING_COMMA });
    expect(result.stderr.split("\n")[0]).toMatch(/^<stdin>:1:42: error materialize\.syntax: /);
  });

  it("underline the whole span, widening the gutter for the line number", () => {
    const input = `${"\n".repeat(9)}CREATE CONNECTION k TO KAFKA (PORT 9092);\n`;
    const result = connbridge(["check"], { input });
    expect(result.stderr).toBe(
      "<stdin>:10:31: error materialize.option-not-supported: KAFKA connections do not support PORT values\n" +
        "  10 | CREATE CONNECTION k TO KAFKA (PORT 9092);\n" +
        "     |                               ^^^^^^^^^\n",
    );
  });

  it("never show the contents of string literals, where secrets live", () => {
    const input = "CREATE CONNECTION p TO POSTGRES (\n  HOST 'h',\n  PASSWORD 'hunter2',\n  USER 'u'\n);\n";
    const result = connbridge(["check"], { input });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      "<stdin>:3:3: error materialize.invalid-option: invalid PASSWORD: must provide a secret value\n" +
        "  3 |   PASSWORD '***',\n" +
        "    |   ^^^^^^^^^^^^^^\n",
    );
  });

  it("mask secret values in CREATE SECRET, including escape and dollar-quoted strings", () => {
    const input = "CREATE SECRET s AS decode(E'aHVu\\'dGVy', 'base64') x;\nCREATE SECRET t AS $tag$hunter2$tag$ y;\n";
    const result = connbridge(["check"], { input });
    expect(result.status).toBe(1);
    expect(result.stderr).not.toMatch(/aHVu|dGVy|hunter2/);
    expect(result.stderr).toContain("  1 | CREATE SECRET s AS decode(E'***', '***') x;\n");
    expect(result.stderr).toContain("  2 | CREATE SECRET t AS $tag$***$tag$ y;\n");
  });

  it("cut long lines to a window around the span", () => {
    const input = `CREATE CONNECTION c TO KAFKA (${"SSH TUNNEL t, ".repeat(20)}BROKER 'a');\n`;
    const result = connbridge(["check"], { input });
    const [header, line, underline] = result.stderr.split("\n");
    expect(header).toBe("<stdin>:1:45: error materialize.duplicate-option: SSH TUNNEL specified more than once");
    // 30 columns before the span, 100 in all, an ellipsis where the line goes on.
    expect(line).toBe(`  1 | …${input.slice(14, 114)}…`);
    expect(underline).toBe(`    | ${" ".repeat(31)}${"^".repeat(12)}`);
  });

  it("end with the hint of usage errors that have one", () => {
    const result = connbridge(["check", "--dialect", "flink"], { input: KAFKA });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      "connbridge: the flink dialect is not implemented yet (source)\n" +
        "hint: implemented: materialize, singlestore\n" +
        "Run 'connbridge check --help' for usage.\n",
    );
  });
});

describe("the hint line", () => {
  it("follows the code frame", async () => {
    const { renderDiagnostic, FrameSource } = await import("../../dist/cli/report.js");
    const text = "CREATE CONNECTION c TO KAFKA (BROKER 'a');\n";
    const rendered = renderDiagnostic(
      {
        severity: "warning",
        code: "example.code",
        message: "something to look at",
        hint: "do this instead",
        span: { start: { line: 1, column: 31, offset: 30 }, end: { line: 1, column: 41, offset: 40 } },
      },
      { file: "x.sql", source: new FrameSource(text, "sql") },
    );
    expect(rendered).toBe(
      "x.sql:1:31: warning example.code: something to look at\n" +
        "  1 | CREATE CONNECTION c TO KAFKA (BROKER '***');\n" +
        "    |                               ^^^^^^^^^^^^\n" +
        "  hint: do this instead",
    );
  });
});

describe("garbage input", () => {
  it("random bytes exit 1 with positioned diagnostics and no stack trace", () => {
    for (let seed = 0; seed < 3; seed++) {
      const dir = fixtures({ "noise.sql": randomBytes(4096) });
      const result = connbridge(["format", "noise.sql"], { cwd: dir });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/^noise\.sql:\d+:\d+: error [\w.-]+: /m);
      expect(result.stderr).not.toMatch(STACK_FRAME);
      expect(result.stderr).not.toContain("internal error");
      // Control characters never reach the terminal raw.
      expect(result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    }
  });

  it("invalid UTF-8 is reported at its position, and the input is not run", () => {
    const bytes = Buffer.concat([Buffer.from("CREATE CONNECTION c TO KAFKA (BROKER '"), Buffer.from([0xff, 0xfe]), Buffer.from("');\n")]);
    const result = connbridge(["check"], { input: bytes });
    expect(result.status).toBe(1);
    expect(result.stderr.split("\n")[0]).toBe("<stdin>:1:39: error input.invalid-utf8: invalid UTF-8 at byte 38; the file is not read and nothing is written for it");
    expect(result.stderr).not.toContain("materialize.");
  });

  it("1 MB of ( exits 1 with a positioned diagnostic and no stack trace", () => {
    const result = connbridge(["check"], { input: "(".repeat(1024 * 1024) });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^<stdin>:1:1: error materialize\.[\w-]+: /);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    // The frame shows a window of the line, not a megabyte.
    expect(result.stderr.length).toBeLessThan(1000);
  });

  it("deep nesting inside a statement exits 1 with a positioned diagnostic", () => {
    const input = `CREATE CONNECTION c TO KAFKA (BROKER ${"(".repeat(100_000)}'a'${")".repeat(100_000)});\n`;
    const result = connbridge(["check"], { input });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^<stdin>:1:\d+: error materialize\.[\w-]+: /);
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });
});

describe("failures inside the library", () => {
  it("print one internal-error line (or diagnostics), never a stack trace", () => {
    const ir = JSON.parse(connbridge(["parse"], { input: KAFKA }).stdout);
    ir.statements[0].connection.extras.flink = { nested: "@" };
    const deep = JSON.stringify(ir).replace('"@"', `${"[".repeat(5000)}${"]".repeat(5000)}`);
    const result = connbridge(["emit"], { input: deep });
    expect(result.stderr).not.toMatch(STACK_FRAME);
    if (result.status === 2) expect(result.stderr).toMatch(/^connbridge: internal error: [^\n]+\n$/);
    else expect(result.status).toBe(1);
  });
});

describe("exit status", () => {
  it("is 0 when there are only info diagnostics", () => {
    expect(connbridge(["check"], { input: "SELECT 1;\n" }).status).toBe(0);
  });

  it("is 1 when any input has an error diagnostic, and the other inputs are still processed", () => {
    const dir = fixtures({ "a.sql": TRAILING_COMMA, "b.sql": KAFKA });
    const result = connbridge(["format", "a.sql", "b.sql"], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`-- b.sql\n${KAFKA_FORMATTED}`);
  });

  it.each([
    [["frobnicate"], /^connbridge: unknown command "frobnicate"\n/],
    [[], /^connbridge: missing command\n/],
    [["format", "--frobnicate"], /^connbridge: unknown option --frobnicate\n/],
    [["format", "-x"], /^connbridge: unknown option -x\n/],
    [["format", "--width"], /^connbridge: option --width needs a value \(N\)\n/],
    [["format", "--width", "wide"], /^connbridge: --width expects a positive integer, got "wide"\n/],
    [["format", "--dialect", "--json"], /^connbridge: option --dialect needs a value \(NAME\)\n/],
    [["format", "--json=yes"], /^connbridge: option --json does not take a value\n/],
    [["check", "--width", "80"], /^connbridge: option --width does not apply to check\n/],
    [["translate"], /^connbridge: option --to is required for translate\n/],
    [["format", "--dialect", "oracle"], /^connbridge: unknown dialect "oracle"\nhint: known dialects: materialize, /],
    [["format", "-d", "__proto__"], /^connbridge: unknown dialect "__proto__"\n/],
    [["translate", "--from", "materialize", "--to", "nope"], /^connbridge: unknown dialect "nope"\n/],
    [["emit", "--dialect", "databend"], /^connbridge: the databend dialect is not implemented yet \(target\)\n/],
    [["format", "--out-dir", "out"], /^connbridge: --out-dir needs file or directory inputs, not standard input\n/],
  ])("is 2 for the usage error in %j", (args, message) => {
    const result = connbridge(args, { input: KAFKA });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/Run 'connbridge (\w+ )?--help' for usage\.\n$/);
  });

  it("is 2 for a missing file, after processing the inputs that exist", () => {
    const dir = fixtures({ "a.sql": KAFKA });
    const result = connbridge(["format", "missing.sql", "a.sql"], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("missing.sql: error io.read: no such file or directory\n");
    expect(result.stdout).toBe(KAFKA_FORMATTED);
  });

  it("is 2 for a path that cannot be read", () => {
    const dir = fixtures({ "a.sql": KAFKA });
    const result = connbridge(["format", "a.sql/b.sql"], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("a.sql/b.sql: error io.read: a path component is not a directory\n");
  });

  it("is 2 for emit input that is not JSON, with the position of the syntax error", () => {
    const result = connbridge(["emit"], { input: '{"statements": [{"kind": "create_secret", "value": "hunter2" x}]}' });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      "<stdin>:1:62: error io.invalid-json: unexpected character 'x', expected ',' or '}'\n" +
        '  1 | {"statements": [{"kind": "***", "value": "***" x}]}\n' +
        "    |                                                ^\n",
    );
  });

  it("is 2 for truncated JSON", () => {
    const result = connbridge(["emit", "--json"], { input: '{"statements": [' });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout).diagnostics[0]).toMatchObject({
      code: "io.invalid-json",
      message: "unexpected end of input, expected a value",
      span: { start: { line: 1, column: 17, offset: 16 } },
    });
  });
});
