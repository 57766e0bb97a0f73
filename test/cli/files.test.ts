// The command line against real file trees and hostile files: no run
// overwrites or writes into its inputs, writes are all-or-nothing, folder
// walks stay inside their folder and never open what is not a regular file,
// and only text whose encoding is known is read — and then written back
// with the line breaks it came with.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, connbridge, fixturesCleanedAfterEach, KAFKA, KAFKA_FORMATTED, POSTGRES, POSTGRES_FORMATTED, RUN_TIMEOUT_MS } from "./run.js";

const fixtures = fixturesCleanedAfterEach();

/** Every entry below dir with what it is: file contents, link targets, folders. Two equal snapshots mean nothing was written. */
function snapshot(dir: string): Record<string, string> {
  const entries: Record<string, string> = {};
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      const key = relative(dir, path);
      const stats = lstatSync(path);
      if (stats.isSymbolicLink()) entries[key] = `-> ${readlinkSync(path)}`;
      else if (stats.isDirectory()) {
        entries[key] = "folder";
        walk(path);
      } else if (stats.isFile()) entries[key] = readFileSync(path).toString("base64");
      else entries[key] = "special";
    }
  };
  walk(dir);
  return entries;
}

/** The --json records of a run, one per line. */
function records(stdout: string): Array<Record<string, unknown>> {
  return stdout.trimEnd().split("\n").filter((line) => line !== "").map((line) => JSON.parse(line) as Record<string, unknown>);
}

const mkfifo = (path: string): boolean => spawnSync("mkfifo", [path]).status === 0;
const fifosAvailable = spawnSync("sh", ["-c", "command -v mkfifo"]).status === 0;

const ALL_COMMANDS_THAT_WRITE: Array<{ name: string; args: string[] }> = [
  { name: "format", args: ["format"] },
  { name: "translate", args: ["translate", "--to", "singlestore", "--placeholders"] },
  { name: "parse", args: ["parse"] },
];

describe("--out-dir never destroys an input", () => {
  const tree = { "in/a.sql": KAFKA, "in/b.sql": POSTGRES, "in/sub/c.sql": "CREATE SECRET pw AS 'hunter2';\n" };

  /** Ways of naming an out-dir that is, or lies inside, the input folder `in` (run from the fixture folder). */
  const overlapping: Array<{ name: string; setup?: (dir: string) => void; args: string[]; cwd?: string; message: RegExp; sameExtensionOnly?: boolean }> = [
    { name: "the input folder itself (--out-dir in in)", args: ["--out-dir", "in", "in"], message: /--out-dir in is the input folder in;/ },
    { name: "the input folder spelled with . and ..", args: ["--out-dir", "./in/sub/../", "in"], message: /--out-dir \.\/in\/sub\/\.\.\/ is the input folder in;/ },
    {
      name: "a symbolic link to the input folder",
      setup: (dir) => symlinkSync("in", join(dir, "alias")),
      args: ["--out-dir", "alias", "in"],
      message: /--out-dir alias is the input folder in;/,
    },
    { name: "a new folder nested inside the input folder", args: ["--out-dir", "in/formatted", "in"], message: /--out-dir in\/formatted lies inside the input folder in;/ },
    { name: "an existing folder nested inside the input folder", args: ["--out-dir", "in/sub", "in"], message: /--out-dir in\/sub lies inside the input folder in;/ },
    {
      name: "--out-dir . with the inputs given as relative paths",
      args: ["--out-dir", ".", "a.sql", "b.sql"],
      cwd: "in",
      message: /^connbridge: the output a\.sql of a\.sql would overwrite the input a\.sql$/m,
      // parse writes a.json beside a.sql, which destroys nothing (shown below)
      sameExtensionOnly: true,
    },
    {
      name: "a folder the input folder was given through a link into",
      setup: (dir) => symlinkSync("in", join(dir, "alias")),
      args: ["--out-dir", "in/new", "alias"],
      message: /--out-dir in\/new lies inside the input folder alias;/,
    },
  ];

  for (const command of ALL_COMMANDS_THAT_WRITE) {
    for (const overlap of overlapping.filter((o) => !o.sameExtensionOnly || command.name !== "parse")) {
      it(`${command.name}: refuses an --out-dir that is ${overlap.name}, with exit 2 and nothing written`, () => {
        const dir = fixtures(tree);
        overlap.setup?.(dir);
        const before = snapshot(dir);
        const result = connbridge([...command.args, ...overlap.args], { cwd: overlap.cwd !== undefined ? join(dir, overlap.cwd) : dir });
        expect(result.status).toBe(2);
        expect(result.stdout).toBe("");
        expect(result.stderr).toMatch(overlap.message);
        expect(snapshot(dir)).toEqual(before);
      });
    }
  }

  it("allows parse --out-dir . beside its inputs: a.json destroys no a.sql", () => {
    const dir = fixtures(tree);
    const result = connbridge(["parse", "--out-dir", ".", "a.sql", "b.sql"], { cwd: join(dir, "in") });
    expect(result).toEqual({ status: 0, stdout: "", stderr: "" });
    expect(readdirSync(join(dir, "in")).sort()).toEqual(["a.json", "a.sql", "b.json", "b.sql", "sub"]);
    expect(readFileSync(join(dir, "in/a.sql"), "utf8")).toBe(KAFKA);
  });

  it("refuses a file argument whose output would be the file itself", () => {
    const dir = fixtures(tree);
    const before = snapshot(dir);
    const result = connbridge(["format", "--out-dir", "in", "in/a.sql"], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr.split("\n")[0]).toBe("connbridge: the output in/a.sql of in/a.sql would overwrite the input in/a.sql");
    expect(snapshot(dir)).toEqual(before);
  });

  it("refuses an output that would land inside another input folder", () => {
    const dir = fixtures({ ...tree, "top.sql": KAFKA });
    const before = snapshot(dir);
    // The common folder of `in` and `top.sql` is the fixture folder: in's results would go to ./in/...
    const result = connbridge(["format", "--out-dir", ".", "in", "top.sql"], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/would (overwrite the input|be written inside the input folder) in/);
    expect(snapshot(dir)).toEqual(before);
  });

  it("allows an input folder inside the out-dir when no output lands on or in an input", () => {
    const dir = fixtures(tree);
    const result = connbridge(["format", "--out-dir", ".", "in"], { cwd: dir });
    expect(result).toEqual({ status: 0, stdout: "", stderr: "" });
    expect(readFileSync(join(dir, "a.sql"), "utf8")).toBe(KAFKA_FORMATTED);
    expect(readFileSync(join(dir, "in/a.sql"), "utf8")).toBe(KAFKA);
  });

  it("refuses a symbolic link inside the out-dir that would carry an output out of it", () => {
    const dir = fixtures({ ...tree, "elsewhere/keep.txt": "x" });
    mkdirSync(join(dir, "out"));
    symlinkSync("../elsewhere", join(dir, "out/sub"));
    const before = snapshot(dir);
    const result = connbridge(["format", "--out-dir", "out", "in"], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr.split("\n")[0]).toBe(
      "connbridge: the output out/sub/c.sql of in/sub/c.sql would be written outside --out-dir out, through a symbolic link in its path",
    );
    expect(snapshot(dir)).toEqual(before);
  });

  it("refuses two inputs mapped to one output before anything is written", () => {
    const dir = fixtures({ "in/a.sql": KAFKA, "in/a.SQL": POSTGRES, "out/old.sql": "old\n" });
    const before = snapshot(dir);
    const result = connbridge(["format", "--out-dir", "out", "in"], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.split("\n")[0]).toBe("connbridge: in/a.SQL and in/a.sql would both be written to out/a.sql");
    expect(snapshot(dir)).toEqual(before);
  });
});

describe("writes are all or nothing", () => {
  const OLD = "-- the previous result, which must survive\n";

  it("a failure part-way through (a full disk) leaves the old file intact and no temporary file (exit 2)", () => {
    const dir = fixtures({ "in/a.sql": KAFKA, "out/a.sql": OLD });
    const result = connbridge(["format", "--out-dir", "out", "in"], { cwd: dir, env: { CONNBRIDGE_TEST_FAIL_WRITE: "after-bytes:10" } });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("in/a.sql: error io.write: cannot write out/a.sql: no space left on device\n");
    expect(readdirSync(join(dir, "out"))).toEqual(["a.sql"]);
    expect(readFileSync(join(dir, "out/a.sql"), "utf8")).toBe(OLD);
  });

  it("a kill part-way through leaves the old file intact; only a temporary file beside it holds the partial bytes", () => {
    const dir = fixtures({ "in/a.sql": KAFKA, "out/a.sql": OLD });
    const result = spawnSync(process.execPath, [BIN, "format", "--out-dir", "out", "in"], {
      cwd: dir,
      env: { ...process.env, CONNBRIDGE_TEST_FAIL_WRITE: "kill-after-bytes:10" },
      encoding: "utf8",
      timeout: RUN_TIMEOUT_MS,
    });
    expect(result.signal).toBe("SIGKILL");
    expect(readFileSync(join(dir, "out/a.sql"), "utf8")).toBe(OLD);
    const others = readdirSync(join(dir, "out")).filter((name) => name !== "a.sql");
    expect(others).toEqual([expect.stringMatching(/^\.a\.sql\.connbridge-\d+-[0-9a-f]{12}\.tmp$/)]);
    expect(readFileSync(join(dir, "out", others[0]!), "utf8")).toBe(KAFKA_FORMATTED.slice(0, 10));
  });

  it("a successful write replaces the old file and leaves nothing else", () => {
    const dir = fixtures({ "in/a.sql": KAFKA, "out/a.sql": OLD });
    expect(connbridge(["format", "--out-dir", "out", "in"], { cwd: dir })).toEqual({ status: 0, stdout: "", stderr: "" });
    expect(readdirSync(join(dir, "out"))).toEqual(["a.sql"]);
    expect(readFileSync(join(dir, "out/a.sql"), "utf8")).toBe(KAFKA_FORMATTED);
  });

  it("a replaced file keeps its permissions (a 0600 file stays 0600)", () => {
    const dir = fixtures({ "in/a.sql": KAFKA, "out/a.sql": OLD });
    chmodSync(join(dir, "out/a.sql"), 0o600);
    expect(connbridge(["format", "--out-dir", "out", "in"], { cwd: dir }).status).toBe(0);
    expect(statSync(join(dir, "out/a.sql")).mode & 0o777).toBe(0o600);
  });

  it("a symbolic link at an output path is replaced, never written through", () => {
    const dir = fixtures({ "in/a.sql": KAFKA, "elsewhere/target.sql": OLD });
    mkdirSync(join(dir, "out"));
    symlinkSync("../elsewhere/target.sql", join(dir, "out/a.sql"));
    expect(connbridge(["format", "--out-dir", "out", "in"], { cwd: dir })).toEqual({ status: 0, stdout: "", stderr: "" });
    expect(lstatSync(join(dir, "out/a.sql")).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(dir, "out/a.sql"), "utf8")).toBe(KAFKA_FORMATTED);
    expect(readFileSync(join(dir, "elsewhere/target.sql"), "utf8")).toBe(OLD);
  });
});

describe("folder walks", () => {
  it("do not follow a symbolic link out of the folder, and report it (exit 0)", () => {
    const dir = fixtures({ "in/a.sql": KAFKA, "outside/secret.sql": "CREATE SECRET s AS 'outside';\n", "outside/more/m.sql": POSTGRES });
    symlinkSync("../outside", join(dir, "in/linked-folder"));
    symlinkSync("../outside/secret.sql", join(dir, "in/linked.sql"));
    const result = connbridge(["format", "in"], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(KAFKA_FORMATTED);
    expect(result.stderr).toBe(
      "in/linked-folder: warning io.skipped: symbolic link to a folder outside in; not followed\n" +
        "in/linked.sql: warning io.skipped: symbolic link to a file outside in; not followed\n",
    );
  });

  it("do not go round a symbolic link loop, and report it", () => {
    const dir = fixtures({ "in/a.sql": KAFKA, "in/sub/b.sql": POSTGRES });
    symlinkSync("..", join(dir, "in/sub/loop"));
    symlinkSync("self", join(dir, "in/self"));
    symlinkSync("..", join(dir, "in/up"));
    const result = connbridge(["format", "in"], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`-- in/a.sql\n${KAFKA_FORMATTED}-- in/sub/b.sql\n${POSTGRES_FORMATTED}`);
    expect(result.stderr).toBe(
      "in/self: warning io.skipped: symbolic link loop; not followed\n" +
        "in/sub/loop: warning io.skipped: symbolic link to a folder that contains it (a cycle); not followed\n" +
        "in/up: warning io.skipped: symbolic link to a folder outside in; not followed\n",
    );
  });

  it("follow a link to a file inside the folder that is not otherwise an input, and read a file reached twice once", () => {
    const dir = fixtures({ "in/a.sql": KAFKA, "in/notes.txt": POSTGRES });
    symlinkSync("notes.txt", join(dir, "in/b.sql"));
    symlinkSync("a.sql", join(dir, "in/c.sql"));
    const result = connbridge(["format", "in"], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`-- in/a.sql\n${KAFKA_FORMATTED}-- in/b.sql\n${POSTGRES_FORMATTED}`);
    expect(result.stderr).toBe("in/c.sql: warning io.skipped: symbolic link to a file read under its own name; not read twice\n");
  });

  it("follow a symbolic link named as an argument: the user chose it", () => {
    const dir = fixtures({ "real/a.sql": KAFKA, "real.sql": POSTGRES });
    symlinkSync("real", join(dir, "alias"));
    symlinkSync("real.sql", join(dir, "alias.sql"));
    expect(connbridge(["format", "alias"], { cwd: dir })).toEqual({ status: 0, stdout: KAFKA_FORMATTED, stderr: "" });
    expect(connbridge(["format", "alias.sql"], { cwd: dir })).toEqual({ status: 0, stdout: POSTGRES_FORMATTED, stderr: "" });
  });

  it.skipIf(!fifosAvailable)("skip a FIFO named f.sql without opening it, and report it (mkfifo required)", () => {
    const dir = fixtures({ "in/a.sql": KAFKA });
    expect(mkfifo(join(dir, "in/f.sql"))).toBe(true);
    const result = connbridge(["format", "in"], { cwd: dir });
    expect(result).toEqual({ status: 0, stdout: KAFKA_FORMATTED, stderr: "in/f.sql: warning io.skipped: a FIFO, not a regular file; not read\n" });
    const named = connbridge(["format", "in/f.sql"], { cwd: dir });
    expect(named.status).toBe(2);
    expect(named.stderr.split("\n")[0]).toBe("in/f.sql: error io.not-regular: a FIFO, not a regular file; not read");
  });

  it("never read z.sql -> /dev/zero, in a walk or named", () => {
    const dir = fixtures({ "in/a.sql": KAFKA });
    symlinkSync("/dev/zero", join(dir, "in/z.sql"));
    const walked = connbridge(["format", "in"], { cwd: dir });
    expect(walked).toEqual({ status: 0, stdout: KAFKA_FORMATTED, stderr: "in/z.sql: warning io.skipped: symbolic link to a character device outside in; not followed\n" });
    const named = connbridge(["format", "in/z.sql"], { cwd: dir });
    expect(named.status).toBe(2);
    expect(named.stderr.split("\n")[0]).toBe("in/z.sql: error io.not-regular: a character device, not a regular file; not read");
  });

  it("report dangling links, in a walk as a warning and named as an error", () => {
    const dir = fixtures({ "in/a.sql": KAFKA });
    symlinkSync("gone.sql", join(dir, "in/dangling.sql"));
    const walked = connbridge(["format", "in"], { cwd: dir });
    expect(walked).toEqual({
      status: 0,
      stdout: KAFKA_FORMATTED,
      stderr: "in/dangling.sql: warning io.skipped: dangling symbolic link (its target does not exist); not followed\n",
    });
    const named = connbridge(["format", "in/dangling.sql"], { cwd: dir });
    expect(named).toEqual({ status: 2, stdout: "", stderr: "in/dangling.sql: error io.read: dangling symbolic link (its target does not exist)\n" });
  });

  it("match the extension in any case (*.SQL, *.Sql)", () => {
    const dir = fixtures({ "in/A.SQL": KAFKA, "in/b.Sql": POSTGRES, "in/c.sqlx": "not an input" });
    const result = connbridge(["format", "in"], { cwd: dir });
    expect(result).toEqual({ status: 0, stdout: `-- in/A.SQL\n${KAFKA_FORMATTED}-- in/b.Sql\n${POSTGRES_FORMATTED}`, stderr: "" });
    expect(connbridge(["format", "--out-dir", "out", "in"], { cwd: dir }).status).toBe(0);
    expect(readdirSync(join(dir, "out")).sort()).toEqual(["A.sql", "b.sql"]);
  });

  it("report every skipped path as a --json record with a warning", () => {
    const dir = fixtures({ "in/a.sql": KAFKA });
    symlinkSync("gone.sql", join(dir, "in/dangling.sql"));
    symlinkSync("/dev/zero", join(dir, "in/z.sql"));
    const result = connbridge(["check", "--json", "in"], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
    expect(records(result.stdout)).toEqual([
      { file: "in/dangling.sql", diagnostics: [{ severity: "warning", code: "io.skipped", message: "dangling symbolic link (its target does not exist); not followed" }] },
      { file: "in/z.sql", diagnostics: [{ severity: "warning", code: "io.skipped", message: "symbolic link to a character device outside in; not followed" }] },
      { file: "in/a.sql", diagnostics: [] },
    ]);
  });

  it("place outputs one way for file and folder arguments: relative to the arguments' common folder", () => {
    const files = { "in/a.sql": KAFKA, "in/sub/c.sql": POSTGRES };
    const byFolder = fixtures(files);
    expect(connbridge(["format", "--out-dir", "out", "in"], { cwd: byFolder }).status).toBe(0);
    const byFiles = fixtures(files);
    expect(connbridge(["format", "--out-dir", "out", "in/a.sql", "in/sub/c.sql"], { cwd: byFiles }).status).toBe(0);
    expect(snapshot(join(byFiles, "out"))).toEqual(snapshot(join(byFolder, "out")));
    expect(Object.keys(snapshot(join(byFolder, "out")))).toEqual(["a.sql", "sub", "sub/c.sql"]);
  });
});

describe("encodings", () => {
  // A Latin-1 password: bytes that are not UTF-8, which a lenient reader would change.
  const LATIN1_SECRET = Buffer.from("CREATE SECRET pw AS 'p\u00e4ssw\u00f6rd';\n", "latin1");
  const TEXT = "CREATE SECRET pw AS 'p\u00e4ssw\u00f6rd \u{1f511}';\n";

  it("refuse non-UTF-8 input with a positioned error (exit 1), and write nothing for it", () => {
    const dir = fixtures({ "in/bad.sql": LATIN1_SECRET, "in/good.sql": KAFKA });
    const result = connbridge(["translate", "--to", "singlestore", "--out-dir", "out", "in"], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stderr.startsWith(
      "in/bad.sql:1:23: error input.invalid-utf8: invalid UTF-8 at byte 22; the file is not read and nothing is written for it\n" +
        "  1 | CREATE SECRET pw AS '***\n" +
        "    |                         ^\n" +
        "  hint: save the file as UTF-8, or as UTF-16 with a byte-order mark\n",
    )).toBe(true);
    expect(result.stderr).not.toContain("ssw");
    expect(readdirSync(join(dir, "out"))).toEqual(["good.sql"]);
    const stdout = connbridge(["format", "in/bad.sql"], { cwd: dir });
    expect(stdout.status).toBe(1);
    expect(stdout.stdout).toBe("");
  });

  const encodings: Array<{ name: string; bytes: (text: string) => Buffer; bom: boolean }> = [
    { name: "UTF-8", bytes: (t) => Buffer.from(t, "utf8"), bom: false },
    { name: "UTF-8 with a byte-order mark", bytes: (t) => Buffer.concat([Buffer.of(0xef, 0xbb, 0xbf), Buffer.from(t, "utf8")]), bom: true },
    { name: "UTF-16 LE with a byte-order mark", bytes: (t) => Buffer.concat([Buffer.of(0xff, 0xfe), Buffer.from(t, "utf16le")]), bom: true },
    { name: "UTF-16 BE with a byte-order mark", bytes: (t) => Buffer.concat([Buffer.of(0xfe, 0xff), Buffer.from(t, "utf16le").swap16()]), bom: true },
  ];
  for (const encoding of encodings) {
    it(`read ${encoding.name}, writing UTF-8${encoding.bom ? " that keeps the byte-order mark in files" : ""}`, () => {
      const dir = fixtures({ "in/s.sql": encoding.bytes(TEXT) });
      expect(connbridge(["format", "in/s.sql"], { cwd: dir })).toEqual({ status: 0, stdout: TEXT, stderr: "" });
      expect(connbridge(["format", "--out-dir", "out", "in"], { cwd: dir }).status).toBe(0);
      const written = readFileSync(join(dir, "out/s.sql"));
      expect(written).toEqual(Buffer.concat([encoding.bom ? Buffer.of(0xef, 0xbb, 0xbf) : Buffer.alloc(0), Buffer.from(TEXT, "utf8")]));
    });
  }

  const refused: Array<{ name: string; bytes: Buffer; line: string }> = [
    {
      name: "UTF-16 without a byte-order mark",
      bytes: Buffer.from(KAFKA, "utf16le"),
      line: "in/x.sql:1:2: error input.binary: NUL character at byte 1: binary data, or UTF-16 without a byte-order mark; the file is not read and nothing is written for it",
    },
    {
      name: "UTF-16 with an odd number of bytes",
      bytes: Buffer.concat([Buffer.of(0xff, 0xfe), Buffer.from("AB", "utf16le"), Buffer.of(0x43)]),
      line: "in/x.sql:1:3: error input.invalid-utf16: invalid UTF-16 at byte 6 (an odd number of bytes); the file is not read and nothing is written for it",
    },
    {
      name: "UTF-16 with an unpaired surrogate",
      bytes: Buffer.concat([Buffer.of(0xff, 0xfe), Buffer.from("AB", "utf16le"), Buffer.of(0x00, 0xd8), Buffer.from("C", "utf16le")]),
      line: "in/x.sql:1:3: error input.invalid-utf16: invalid UTF-16 at byte 6 (an unpaired surrogate); the file is not read and nothing is written for it",
    },
    {
      name: "binary data with NUL bytes",
      bytes: Buffer.concat([Buffer.from("SELECT\n1"), Buffer.alloc(64)]),
      line: "in/x.sql:2:2: error input.binary: NUL character at byte 8: binary data, or UTF-16 without a byte-order mark; the file is not read and nothing is written for it",
    },
  ];
  for (const input of refused) {
    it(`refuse ${input.name} (exit 1), writing nothing for it`, () => {
      const dir = fixtures({ "in/x.sql": input.bytes });
      const result = connbridge(["format", "--out-dir", "out", "in"], { cwd: dir });
      expect(result.status).toBe(1);
      expect(result.stderr.split("\n")[0]).toBe(input.line);
      expect(existsSync(join(dir, "out"))).toBe(false);
    });
  }

  it("refuse standard input beyond the size limit (exit 2) without reading on forever", () => {
    const zero = spawnSync("sh", ["-c", `exec "${process.execPath}" "${BIN}" check < /dev/zero`], { encoding: "utf8", timeout: RUN_TIMEOUT_MS });
    expect(zero.status).toBe(2);
    expect(zero.stderr).toBe("<stdin>: error io.too-large: larger than 256 MiB, the most an input may have; not read\n");
  });
});

describe("line endings", () => {
  const LF_INPUT = `${KAFKA}-- note\nCREATE SECRET t AS 'two\nlines';\nCREATE SECRET e AS E'x\\ny';\n`;
  const crlf = (text: string): string => text.replace(/\n/g, "\r\n");

  const commands: Array<{ name: string; args: string[] }> = [
    { name: "format", args: ["format", "--width", "20"] },
    { name: "translate", args: ["translate", "--to", "singlestore", "--width", "20"] },
  ];
  for (const command of commands) {
    it(`${command.name}: CR LF input gives CR LF output, except where a string value holds a bare LF`, () => {
      const dir = fixtures({ "lf.sql": LF_INPUT, "crlf.sql": crlf(LF_INPUT) });
      const lf = connbridge([...command.args, "lf.sql"], { cwd: dir });
      const crlfResult = connbridge([...command.args, "crlf.sql"], { cwd: dir });
      expect(lf.stdout).not.toContain("\r");
      expect(crlfResult.stdout).toMatch(/\r\n/);
      // The same text, line breaks aside: 'two<LF>lines' came as 'two<CR LF>lines' and stays so.
      expect(crlfResult.stdout.replace(/\r\n/g, "\n")).toBe(lf.stdout);
      // Every line break is CR LF, but for one that is part of a string value: format writes E'x\ny' as 'x<LF>y'.
      const bareLineFeeds = crlfResult.stdout.replace(/\r\n/g, "").match(/\n/g) ?? [];
      expect(bareLineFeeds.length).toBe(command.name === "format" ? 1 : 0);
      if (command.name === "format") expect(crlfResult.stdout).toContain("'x\ny'");
    });
  }

  it("mixed line breaks give LF output; the file output follows the same rule", () => {
    const dir = fixtures({ "in/mixed.sql": `${KAFKA}\r\n${POSTGRES}`, "in/crlf.sql": crlf(`${KAFKA}${POSTGRES}`) });
    expect(connbridge(["format", "--out-dir", "out", "in"], { cwd: dir }).status).toBe(0);
    expect(readFileSync(join(dir, "out/mixed.sql"), "utf8")).toBe(`${KAFKA_FORMATTED}${POSTGRES_FORMATTED}`);
    expect(readFileSync(join(dir, "out/crlf.sql"), "utf8")).toBe(crlf(`${KAFKA_FORMATTED}${POSTGRES_FORMATTED}`));
  });

  it("parse output follows CR LF input too", () => {
    const result = connbridge(["parse"], { input: crlf(KAFKA) });
    expect(result.status).toBe(0);
    expect(result.stdout.replace(/\r\n/g, "")).not.toContain("\n");
    expect(JSON.parse(result.stdout).statements[0].kind).toBe("create_connection");
  });
});
