// The pieces under the CLI's file handling, over whole classes of input:
// an atomic write stopped at any byte leaves the old file, every accepted
// encoding decodes to the text it encodes, CR LF conversion touches line
// breaks only, and real paths of paths not yet made agree with the system's.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { decodeText, encodeText, withLineBreaks } from "../../src/cli/encoding.js";
import { realPathOf } from "../../src/cli/paths.js";
import { mysqlLiteralContents, sqlLiteralContents } from "../../src/dialects/shared/literals.js";
import { writeFileAtomically } from "../../src/cli/write.js";

const RUNS = Number(process.env.FC_RUNS ?? 300);
const SEED = Number(process.env.FC_SEED ?? 7);

let folders: string[] = [];
afterEach(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  folders = [];
});
function folder(): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "connbridge-files-")));
  folders.push(dir);
  return dir;
}

describe("writeFileAtomically", () => {
  // Larger than several write chunks, so failure points fall inside, at and across chunk boundaries.
  const NEW = Buffer.from(Array.from({ length: 200_000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join(""));
  const OLD = "the old file\n";
  const CHUNK = 64 * 1024;
  const failurePoints = [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, NEW.length - 1];

  for (const afterBytes of failurePoints) {
    it(`failing after ${afterBytes} of ${NEW.length} bytes throws, keeps the old file, and leaves no temporary file`, () => {
      const dir = folder();
      writeFileSync(join(dir, "out.sql"), OLD);
      expect(() => writeFileAtomically(join(dir, "out.sql"), NEW, { afterBytes, mode: "error" })).toThrow(/no space left on device/);
      expect(readdirSync(dir)).toEqual(["out.sql"]);
      expect(readFileSync(join(dir, "out.sql"), "utf8")).toBe(OLD);
    });
  }

  it("a failure point at or past the end is never reached: the new file is written whole", () => {
    const dir = folder();
    writeFileSync(join(dir, "out.sql"), OLD);
    writeFileAtomically(join(dir, "out.sql"), NEW, { afterBytes: NEW.length, mode: "error" });
    expect(readFileSync(join(dir, "out.sql")).equals(NEW)).toBe(true);
    expect(readdirSync(dir)).toEqual(["out.sql"]);
  });

  it("a target that is a folder fails without touching it or leaving a temporary file", () => {
    const dir = folder();
    mkdirSync(join(dir, "out.sql"));
    expect(() => writeFileAtomically(join(dir, "out.sql"), NEW, undefined)).toThrow();
    expect(readdirSync(dir)).toEqual(["out.sql"]);
  });
});

describe("decodeText", () => {
  /** Text as the library may receive it: any well-formed Unicode without NUL, with every kind of line break. */
  const text = fc.string({ unit: "binary", maxLength: 200 }).map((s) => s.replace(/\0/g, "")).filter((s) => !s.startsWith("\ufeff"));
  const encodings: Array<{ name: string; bom: "utf-8" | "utf-16le" | "utf-16be" | undefined; encode: (s: string) => Buffer }> = [
    { name: "UTF-8", bom: undefined, encode: (s) => Buffer.from(s, "utf8") },
    { name: "UTF-8 with BOM", bom: "utf-8", encode: (s) => Buffer.concat([Buffer.of(0xef, 0xbb, 0xbf), Buffer.from(s, "utf8")]) },
    { name: "UTF-16 LE with BOM", bom: "utf-16le", encode: (s) => Buffer.concat([Buffer.of(0xff, 0xfe), Buffer.from(s, "utf16le")]) },
    { name: "UTF-16 BE with BOM", bom: "utf-16be", encode: (s) => Buffer.concat([Buffer.of(0xfe, 0xff), Buffer.from(s, "utf16le").swap16()]) },
  ];

  for (const encoding of encodings) {
    it(`decodes any text written in ${encoding.name} to that text, recording the byte-order mark`, () => {
      fc.assert(
        fc.property(text, (s) => {
          const result = decodeText(encoding.encode(s));
          expect(result).toHaveProperty("decoded");
          if (!("decoded" in result)) return;
          expect(result.decoded.text).toBe(s);
          expect(result.decoded.byteOrderMark).toBe(encoding.bom);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    });
  }

  it("refuses any text holding a NUL, at the NUL's position, in every encoding", () => {
    fc.assert(
      fc.property(text, text, (before, after) => {
        for (const encoding of encodings) {
          const result = decodeText(encoding.encode(`${before}\0${after}`));
          expect(result).toHaveProperty("undecodable");
          if (!("undecodable" in result)) return;
          expect(result.undecodable.diagnostic.code).toBe("input.binary");
          expect(result.undecodable.decodedPrefix).toBe(before);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it("refuses UTF-8 with an invalid byte anywhere, keeping only the text before it", () => {
    const invalid = fc.constantFrom(0x80, 0xbf, 0xc0, 0xc1, 0xf5, 0xff);
    fc.assert(
      fc.property(text, invalid, text, (before, byte, after) => {
        const bytes = Buffer.concat([Buffer.from(before, "utf8"), Buffer.of(byte), Buffer.from(after, "utf8")]);
        if (bytes[0] === 0xff && bytes[1] === 0xfe) return; // that is a UTF-16 byte-order mark
        const result = decodeText(bytes);
        expect(result).toHaveProperty("undecodable");
        if (!("undecodable" in result)) return;
        expect(result.undecodable.diagnostic.code).toBe("input.invalid-utf8");
        expect(result.undecodable.diagnostic.message).toContain(`at byte ${Buffer.byteLength(before)}`);
        expect(result.undecodable.decodedPrefix).toBe(before);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it("says CR LF only when every line break is CR LF", () => {
    expect(decodeText(Buffer.from("a\r\nb\r\n"))).toMatchObject({ decoded: { lineBreaks: "crlf" } });
    expect(decodeText(Buffer.from("a\r\nb\n"))).toMatchObject({ decoded: { lineBreaks: "lf" } });
    expect(decodeText(Buffer.from("a\rb\r"))).toMatchObject({ decoded: { lineBreaks: "lf" } });
    expect(decodeText(Buffer.from("no break"))).toMatchObject({ decoded: { lineBreaks: "lf" } });
  });
});

describe("withLineBreaks", () => {
  const sqlish = fc
    .array(fc.constantFrom("CREATE", " ", "\n", "'", "''", "a", "--", "/*", "*/", "\\", "E'", '"', "`", "$$", "\r\n", ";"), { maxLength: 60 })
    .map((parts) => parts.join(""));

  for (const [name, literals] of [
    ["PostgreSQL-family", sqlLiteralContents],
    ["MySQL-family", mysqlLiteralContents],
  ] as const) {
    it(`for CR LF changes only bare LFs outside ${name} string literals, each into CR LF`, () => {
      fc.assert(
        fc.property(sqlish, (text) => {
          const converted = withLineBreaks(text, "crlf", literals);
          // Only CRs were added, each before an LF that had none.
          expect(converted.replace(/\r\n/g, "\n")).toBe(text.replace(/\r\n/g, "\n"));
          // The bare LFs inside literals are all kept as they are.
          const bareLineFeeds = (t: string, inside: (i: number) => boolean): number =>
            [...t.matchAll(/(?<!\r)\n/g)].filter((m) => inside(m.index)).length;
          const original = literals(text);
          const insideOriginal = (i: number): boolean => original.some(([start, end]) => start <= i && i < end);
          expect(bareLineFeeds(converted, () => true)).toBe(bareLineFeeds(text, insideOriginal));
          // A bare LF is left only inside a literal.
          const ranges = literals(converted);
          for (let i = converted.indexOf("\n"); i !== -1; i = converted.indexOf("\n", i + 1)) {
            if (converted[i - 1] === "\r") continue;
            expect(ranges.some(([start, end]) => start <= i && i < end)).toBe(true);
          }
        }),
        { numRuns: RUNS, seed: SEED },
      );
    });
  }

  it("for LF returns the text unchanged", () => {
    fc.assert(
      fc.property(sqlish, (text) => {
        expect(withLineBreaks(text, "lf", sqlLiteralContents)).toBe(text);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it("encodeText writes UTF-8, with a byte-order mark only when asked", () => {
    expect([...encodeText("é", false)]).toEqual([0xc3, 0xa9]);
    expect([...encodeText("é", true)]).toEqual([0xef, 0xbb, 0xbf, 0xc3, 0xa9]);
  });
});

describe("realPathOf", () => {
  it("agrees with the system for existing paths through links, . and ..", () => {
    const dir = folder();
    mkdirSync(join(dir, "a/b/c"), { recursive: true });
    symlinkSync("a/b", join(dir, "link"));
    symlinkSync("../..", join(dir, "a/b/c/up"));
    for (const path of ["link", "link/..", "link/c/..", "a/b/c/up", "a/b/c/up/b/./c", "link/c/up/..", "./a//b/"]) {
      expect(realPathOf(join(dir, path)), path).toBe(realpathSync(join(dir, path)));
    }
  });

  it("appends the components that do not exist yet to the real path of the ones that do", () => {
    const dir = folder();
    mkdirSync(join(dir, "a/b"), { recursive: true });
    symlinkSync("a/b", join(dir, "link"));
    expect(realPathOf(join(dir, "link/new/deeper"))).toBe(join(dir, "a/b/new/deeper"));
    // `..` after a link goes to the link target's parent, as the system would, not back lexically.
    expect(realPathOf(`${join(dir, "link")}/../new`)).toBe(join(dir, "a/new"));
    expect(realPathOf(`${join(dir, "link")}/gone/../x`)).toBe(join(dir, "a/b/x"));
  });

  it("refuses a dangling link or a file in the middle of the path", () => {
    const dir = folder();
    symlinkSync("nowhere", join(dir, "dangling"));
    writeFileSync(join(dir, "file"), "");
    expect(() => realPathOf(join(dir, "dangling/x"))).toThrow(/dangling symbolic link/);
    expect(() => realPathOf(join(dir, "file/x"))).toThrow(/is not a folder/);
  });
});
