import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { connbridge, fixturesCleanedAfterEach, KAFKA, KAFKA_FORMATTED, POSTGRES, POSTGRES_FORMATTED } from "./run.js";

const fixtures = fixturesCleanedAfterEach();

describe("connbridge format", () => {
  it("prints a file in canonical form and exits 0", () => {
    const dir = fixtures({ "kafka.sql": KAFKA });
    const result = connbridge(["format", "kafka.sql"], { cwd: dir });
    expect(result).toEqual({ status: 0, stdout: KAFKA_FORMATTED, stderr: "" });
  });

  it("reads standard input when no path is given", () => {
    const result = connbridge(["format"], { input: KAFKA });
    expect(result).toEqual({ status: 0, stdout: KAFKA_FORMATTED, stderr: "" });
  });

  it("reads standard input for the path -", () => {
    const result = connbridge(["format", "-"], { input: POSTGRES });
    expect(result).toEqual({ status: 0, stdout: POSTGRES_FORMATTED, stderr: "" });
  });

  it("breaks statements to fit --width", () => {
    const result = connbridge(["format", "--width", "40"], { input: POSTGRES });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      "CREATE CONNECTION pg TO POSTGRES (\n    HOST = 'db.example.com',\n    PORT = 5432,\n    USER = 'app',\n    DATABASE = shop\n);\n",
    );
  });

  it("accepts --option=value and -d for the dialect", () => {
    const result = connbridge(["format", "--width=40", "-d", "materialize"], { input: KAFKA });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("CREATE CONNECTION kafka_conn TO KAFKA (\n    BROKER = 'broker:9092'\n);\n");
  });

  it("treats every argument after -- as a path", () => {
    const dir = fixtures({ "-odd.sql": KAFKA });
    const result = connbridge(["format", "--", "-odd.sql"], { cwd: dir });
    expect(result).toEqual({ status: 0, stdout: KAFKA_FORMATTED, stderr: "" });
  });

  it("precedes each output with a -- <path> header when there are several inputs", () => {
    const dir = fixtures({ "a.sql": KAFKA, "b.sql": POSTGRES });
    const result = connbridge(["format", "a.sql", "b.sql"], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`-- a.sql\n${KAFKA_FORMATTED}-- b.sql\n${POSTGRES_FORMATTED}`);
  });

  it("passes statements that are not connection DDL through and reports them as info", () => {
    const result = connbridge(["format"], { input: `${KAFKA}SELECT 1;\n` });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${KAFKA_FORMATTED}SELECT 1;\n`);
    expect(result.stderr).toBe(
      "<stdin>:2:1: info materialize.out-of-scope: SELECT 1 is not connection DDL; passed through unchanged\n" +
        "  2 | SELECT 1;\n" +
        "    | ^^^^^^^^\n",
    );
  });
});

describe("connbridge format --fix", () => {
  const LINK = `CREATE LINK m AS MYSQL CONFIG '{"database.hostname":"h","database.password":"pa55"}' CREDENTIALS '{"database.user":"u"}';\n`;

  it("without --fix keeps a password where it was written, with its warning", () => {
    const result = connbridge(["format", "-d", "singlestore"], { input: LINK });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`CREATE LINK \`m\` AS MYSQL CONFIG '{"database.hostname":"h","database.password":"pa55"}' CREDENTIALS '{"database.user":"u"}';\n`);
    expect(result.stderr).toContain("warning singlestore.secret-in-config");
  });

  it("with --fix moves it to CREDENTIALS and reports the move by key, never by value", () => {
    const result = connbridge(["format", "-d", "singlestore", "--fix"], { input: LINK });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`CREATE LINK \`m\` AS MYSQL CONFIG '{"database.hostname":"h"}' CREDENTIALS '{"database.user":"u","database.password":"pa55"}';\n`);
    expect(result.stderr.split("\n")[0]).toBe(
      '<stdin>:1:57: info singlestore.key-moved: "database.password" moved from CONFIG to CREDENTIALS, which SHOW LINKS does not display',
    );
    expect(result.stderr).not.toContain("pa55");
    expect(result.stderr).not.toContain("secret-in-config");
  });

  it("--fix applies to format only", () => {
    const result = connbridge(["translate", "--to", "singlestore", "--fix"], { input: "" });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("option --fix does not apply to translate");
  });
});

describe("connbridge parse", () => {
  it("prints the IR of the program as JSON", () => {
    const result = connbridge(["parse"], { input: KAFKA });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
    const program = JSON.parse(result.stdout);
    expect(program.statements).toHaveLength(1);
    expect(program.statements[0]).toMatchObject({
      kind: "create_connection",
      name: { parts: [{ value: "kafka_conn", quoted: false }] },
      connection: { kind: "kafka", brokers: [{ address: "broker:9092" }] },
    });
  });

  it("with --json prints {file, program, diagnostics}", () => {
    const result = connbridge(["parse", "--json"], { input: KAFKA });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
    const record = JSON.parse(result.stdout);
    expect(Object.keys(record)).toEqual(["file", "program", "diagnostics"]);
    expect(record.file).toBe("<stdin>");
    expect(record.program.statements[0].kind).toBe("create_connection");
    expect(record.diagnostics).toEqual([]);
  });
});

describe("connbridge check", () => {
  it("prints nothing on stdout and exits 0 for valid input", () => {
    expect(connbridge(["check"], { input: KAFKA + POSTGRES })).toEqual({ status: 0, stdout: "", stderr: "" });
  });

  it("reports planner errors with exit status 1", () => {
    const result = connbridge(["check"], { input: "CREATE CONNECTION k TO KAFKA (PORT 9092);\n" });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^<stdin>:1:31: error materialize\.option-not-supported: KAFKA connections do not support PORT values\n/);
  });
});

describe("connbridge emit", () => {
  it("writes IR JSON from parse back as SQL of the --dialect", () => {
    const ir = connbridge(["parse"], { input: KAFKA }).stdout;
    const result = connbridge(["emit", "--dialect", "materialize"], { input: ir });
    expect(result).toEqual({ status: 0, stdout: KAFKA_FORMATTED, stderr: "" });
  });

  it("accepts the records of parse --json too", () => {
    const record = connbridge(["parse", "--json"], { input: POSTGRES }).stdout;
    const result = connbridge(["emit"], { input: record });
    expect(result).toEqual({ status: 0, stdout: POSTGRES_FORMATTED, stderr: "" });
  });

  it("breaks statements to fit --width", () => {
    const ir = connbridge(["parse"], { input: KAFKA }).stdout;
    const result = connbridge(["emit", "--width", "30"], { input: ir });
    expect(result.stdout).toBe("CREATE CONNECTION kafka_conn TO KAFKA (\n    BROKER = 'broker:9092'\n);\n");
  });

  it("reports IR that does not match the schema with its path and exit status 1", () => {
    const result = connbridge(["emit"], { input: '{"statements": [{"kind": "nope"}]}' });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^<stdin>: error ir\.invalid: \/statements\/0\/kind: unknown kind "nope"/);
  });
});

describe("connbridge translate", () => {
  it("converts between --from and --to", () => {
    const result = connbridge(["translate", "--from", "materialize", "--to", "materialize"], { input: KAFKA });
    expect(result).toEqual({ status: 0, stdout: KAFKA_FORMATTED, stderr: "" });
  });

  it("reads the source dialect from --from, defaulting to materialize", () => {
    const result = connbridge(["translate", "--to", "materialize", "--width", "40"], { input: POSTGRES });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("CREATE CONNECTION pg TO POSTGRES (\n    HOST = 'db.example.com',");
  });
});

describe("--json", () => {
  it("prints one {file, text, diagnostics} object per input for format, nothing on stderr", () => {
    const dir = fixtures({ "a.sql": KAFKA, "b.sql": "CREATE CONNECTION c TO KAFKA (BROKER 'a',)\n" });
    const result = connbridge(["format", "--json", "a.sql", "b.sql"], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe("");
    const records = result.stdout.trimEnd().split("\n").map((line) => JSON.parse(line));
    expect(records).toHaveLength(2);
    expect(records[0]).toEqual({ file: "a.sql", text: KAFKA_FORMATTED, diagnostics: [] });
    expect(Object.keys(records[1])).toEqual(["file", "text", "diagnostics"]);
    expect(records[1].diagnostics).toEqual([
      {
        severity: "error",
        code: "materialize.syntax",
        message: expect.stringMatching(/found right parenthesis$/),
        span: { start: { line: 1, column: 42, offset: 41 }, end: { line: 1, column: 43, offset: 42 } },
      },
    ]);
  });

  it("prints {file, diagnostics} for check", () => {
    const result = connbridge(["check", "--json"], { input: "SELECT 1;\n" });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({
      file: "<stdin>",
      diagnostics: [
        {
          severity: "info",
          code: "materialize.out-of-scope",
          message: "SELECT 1 is not connection DDL; passed through unchanged",
          span: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 9, offset: 8 } },
        },
      ],
    });
  });

  it("prints {file, text, diagnostics} for emit and translate", () => {
    const ir = connbridge(["parse"], { input: KAFKA }).stdout;
    expect(JSON.parse(connbridge(["emit", "--json"], { input: ir }).stdout)).toEqual({ file: "<stdin>", text: KAFKA_FORMATTED, diagnostics: [] });
    expect(JSON.parse(connbridge(["translate", "--json", "--to", "materialize"], { input: KAFKA }).stdout)).toEqual({
      file: "<stdin>",
      text: KAFKA_FORMATTED,
      diagnostics: [],
    });
  });

  it("reports an input that cannot be read as a record with an io diagnostic", () => {
    const result = connbridge(["check", "--json", "does-not-exist.sql"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({
      file: "does-not-exist.sql",
      diagnostics: [{ severity: "error", code: "io.read", message: "no such file or directory" }],
    });
  });
});

describe("directories", () => {
  const tree = {
    "conns/b.sql": POSTGRES,
    "conns/a.sql": KAFKA,
    "conns/nested/c.sql": "CREATE SECRET pw AS 'x';\n",
    "conns/notes.txt": "not SQL",
  };

  it("take every *.sql file below them, recursively and in sorted order", () => {
    const dir = fixtures(tree);
    const result = connbridge(["format", "conns"], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      `-- conns/a.sql\n${KAFKA_FORMATTED}-- conns/b.sql\n${POSTGRES_FORMATTED}-- conns/nested/c.sql\nCREATE SECRET pw AS 'x';\n`,
    );
  });

  it("with --out-dir are mirrored under DIR and nothing goes to stdout", () => {
    const dir = fixtures(tree);
    const result = connbridge(["format", "conns", "--out-dir", "out"], { cwd: dir });
    expect(result).toEqual({ status: 0, stdout: "", stderr: "" });
    expect(readFileSync(join(dir, "out/a.sql"), "utf8")).toBe(KAFKA_FORMATTED);
    expect(readFileSync(join(dir, "out/b.sql"), "utf8")).toBe(POSTGRES_FORMATTED);
    expect(readFileSync(join(dir, "out/nested/c.sql"), "utf8")).toBe("CREATE SECRET pw AS 'x';\n");
    expect(existsSync(join(dir, "out/notes.txt"))).toBe(false);
  });

  it("round-trip through parse --out-dir (*.json) and emit --out-dir (*.sql)", () => {
    const dir = fixtures(tree);
    expect(connbridge(["parse", "conns", "--out-dir", "ir"], { cwd: dir }).status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "ir/nested/c.json"), "utf8")).statements[0].kind).toBe("create_secret");
    const result = connbridge(["emit", "ir", "--out-dir", "sql"], { cwd: dir });
    expect(result).toEqual({ status: 0, stdout: "", stderr: "" });
    expect(readFileSync(join(dir, "sql/a.sql"), "utf8")).toBe(KAFKA_FORMATTED);
    expect(readFileSync(join(dir, "sql/nested/c.sql"), "utf8")).toBe("CREATE SECRET pw AS 'x';\n");
  });

  it("refuse an --out-dir that lies inside them, writing nothing (exit 2)", () => {
    const dir = fixtures(tree);
    const result = connbridge(["format", "conns", "--out-dir", "conns/formatted"], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr.split("\n")[0]).toBe("connbridge: --out-dir conns/formatted lies inside the input folder conns; its results would overwrite or mix with the inputs");
    expect(existsSync(join(dir, "conns/formatted"))).toBe(false);
  });

  it("with --json and --out-dir report where each result was written", () => {
    const dir = fixtures(tree);
    const result = connbridge(["format", "conns", "--out-dir", "out", "--json"], { cwd: dir });
    expect(JSON.parse(result.stdout.split("\n")[0]!)).toEqual({ file: "conns/a.sql", output: "out/a.sql", diagnostics: [] });
  });

  it("keep the relative paths of file arguments under --out-dir", () => {
    const dir = fixtures({ "x/a.sql": KAFKA, "y/a.sql": POSTGRES });
    expect(connbridge(["format", "x/a.sql", "y/a.sql", "--out-dir", "out"], { cwd: dir }).status).toBe(0);
    expect(readFileSync(join(dir, "out/x/a.sql"), "utf8")).toBe(KAFKA_FORMATTED);
    expect(readFileSync(join(dir, "out/y/a.sql"), "utf8")).toBe(POSTGRES_FORMATTED);
  });

  it("given together are mirrored below their common folder", () => {
    const dir = fixtures({ "x/a.sql": KAFKA, "y/a.sql": POSTGRES });
    expect(connbridge(["format", "x", "y", "--out-dir", "out"], { cwd: dir })).toEqual({ status: 0, stdout: "", stderr: "" });
    expect(readFileSync(join(dir, "out/x/a.sql"), "utf8")).toBe(KAFKA_FORMATTED);
    expect(readFileSync(join(dir, "out/y/a.sql"), "utf8")).toBe(POSTGRES_FORMATTED);
  });

  it("without matching files are an error", () => {
    const dir = fixtures({ "empty/readme.txt": "" });
    const result = connbridge(["check", "empty"], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("empty: error io.no-inputs: no *.sql files found in this directory\n");
  });
});

describe("--help and --version", () => {
  it("--version prints the version from package.json", () => {
    const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    expect(connbridge(["--version"])).toEqual({ status: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("--help lists every command and exits 0", () => {
    const result = connbridge(["--help"]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^Usage: connbridge <command> \[options\] \[path \.\.\.\]$/m);
    for (const command of ["parse", "check", "format", "emit", "translate"]) expect(result.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
    expect(connbridge(["-h"]).stdout).toBe(result.stdout);
  });

  it("<command> --help shows that command's options only", () => {
    const result = connbridge(["check", "--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: connbridge check \[options\] \[path \.\.\.\]$/m);
    expect(result.stdout).toContain("--dialect NAME");
    expect(result.stdout).not.toContain("--width");
    expect(result.stdout).not.toContain("--out-dir");
    expect(connbridge(["help", "check"]).stdout).toBe(result.stdout);
  });

  it("--help wins over other problems on the command line", () => {
    const result = connbridge(["translate", "--bogus", "--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("--to NAME");
  });
});
