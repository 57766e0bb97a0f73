// Where inputs come from (files, directory walks, standard input), how they
// are decoded, and where their results go under --out-dir.
import { isUtf8 } from "node:buffer";
import { readdirSync, readFileSync, realpathSync, statSync, type Dirent } from "node:fs";
import { basename, isAbsolute, join, normalize, resolve, sep } from "node:path";
import type { Diagnostic } from "../diagnostics.js";

export const STDIN_LABEL = "<stdin>";

export interface InputRef {
  /** The name diagnostics and headers use: the path as given or found, or `<stdin>`. */
  label: string;
  /** File to read; undefined for standard input. */
  path?: string;
  /** Path of the result relative to --out-dir, before the extension is changed. */
  outRelative?: string;
}

/** A problem with an input as a whole (missing, unreadable, not decodable as the expected format). */
export interface InputProblem {
  label: string;
  diagnostic: Diagnostic;
}

export function ioError(code: string, message: string): Diagnostic {
  return { severity: "error", code, message };
}

const FS_ERROR_MESSAGES: Record<string, string> = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EISDIR: "is a directory",
  ENOTDIR: "a path component is not a directory",
  ELOOP: "too many levels of symbolic links",
  EMFILE: "too many open files",
  ENAMETOOLONG: "file name too long",
};

export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined && FS_ERROR_MESSAGES[code] !== undefined) return FS_ERROR_MESSAGES[code]!;
  return e instanceof Error ? e.message : String(e);
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Where a file argument's result goes: its own relative path when it stays below the working directory. */
function outRelativeOfFile(path: string): string {
  const normalized = normalize(path);
  if (isAbsolute(normalized) || normalized === ".." || normalized.startsWith(`..${sep}`)) return basename(normalized);
  return normalized;
}

/**
 * Expands the path arguments into inputs: `-` (or no path at all) is
 * standard input, a directory contributes every file with the extension
 * below it in sorted order. A directory at `skipDirectory` (the output
 * directory) is not descended into, so rerunning a batch does not pick up
 * its own results.
 */
export function expandPaths(paths: readonly string[], extension: string, skipDirectory?: string): { inputs: InputRef[]; problems: InputProblem[] } {
  const inputs: InputRef[] = [];
  const problems: InputProblem[] = [];
  const seen = new Set<string>();
  const add = (input: InputRef, identity: string): void => {
    if (seen.has(identity)) return;
    seen.add(identity);
    inputs.push(input);
  };
  const skip = skipDirectory !== undefined ? resolve(skipDirectory) : undefined;

  for (const path of paths.length === 0 ? ["-"] : paths) {
    if (path === "-") {
      add({ label: STDIN_LABEL }, "-");
      continue;
    }
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch (e) {
      problems.push({ label: path, diagnostic: ioError("io.read", describeFsError(e)) });
      continue;
    }
    if (!isDirectory) {
      add({ label: path, path, outRelative: outRelativeOfFile(path) }, resolve(path));
      continue;
    }
    const found: string[] = [];
    const visited = new Set<string>();
    const walk = (directory: string, relativeDirectory: string): void => {
      let real: string;
      let entries: Dirent[];
      try {
        real = realpathSync(directory);
        if (visited.has(real)) return;
        visited.add(real);
        entries = readdirSync(directory, { withFileTypes: true });
      } catch (e) {
        problems.push({ label: directory, diagnostic: ioError("io.read", describeFsError(e)) });
        return;
      }
      for (const entry of entries) {
        const child = join(directory, entry.name);
        const relativeChild = relativeDirectory === "" ? entry.name : join(relativeDirectory, entry.name);
        let childIsDirectory = entry.isDirectory();
        if (entry.isSymbolicLink()) {
          try {
            childIsDirectory = statSync(child).isDirectory();
          } catch {
            continue; // a dangling link is not an input
          }
        }
        if (childIsDirectory) {
          if (skip !== undefined && resolve(child) === skip) continue;
          walk(child, relativeChild);
        } else if (entry.name.endsWith(extension)) {
          found.push(relativeChild);
        }
      }
    };
    const problemsBefore = problems.length;
    walk(path, "");
    if (found.length === 0 && problems.length === problemsBefore) {
      problems.push({ label: path, diagnostic: ioError("io.no-inputs", `no *${extension} files found in this directory`) });
    }
    for (const relativePath of found.sort(byCodeUnits)) {
      const file = join(path, relativePath);
      add({ label: file, path: file, outRelative: relativePath }, resolve(file));
    }
  }
  return { inputs, problems };
}

async function readStandardInput(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/** Length of the valid UTF-8 prefix of bytes (the offset of the first invalid sequence). */
function validUtf8Prefix(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  const inRange = (k: number, low: number, high: number): boolean => k < n && bytes[k]! >= low && bytes[k]! <= high;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) i += 1;
    else if (b >= 0xc2 && b <= 0xdf && inRange(i + 1, 0x80, 0xbf)) i += 2;
    else if (
      b >= 0xe0 && b <= 0xef &&
      inRange(i + 1, b === 0xe0 ? 0xa0 : 0x80, b === 0xed ? 0x9f : 0xbf) &&
      inRange(i + 2, 0x80, 0xbf)
    ) i += 3;
    else if (
      b >= 0xf0 && b <= 0xf4 &&
      inRange(i + 1, b === 0xf0 ? 0x90 : 0x80, b === 0xf4 ? 0x8f : 0xbf) &&
      inRange(i + 2, 0x80, 0xbf) &&
      inRange(i + 3, 0x80, 0xbf)
    ) i += 4;
    else return i;
  }
  return n;
}

/** Decodes UTF-8 (dropping a byte-order mark); invalid bytes become U+FFFD and the first one is reported. */
export function decode(bytes: Uint8Array): { text: string; diagnostics: Diagnostic[] } {
  const text = new TextDecoder("utf-8").decode(bytes);
  if (isUtf8(bytes)) return { text, diagnostics: [] };
  const invalidAt = validUtf8Prefix(bytes);
  const offset = new TextDecoder("utf-8").decode(bytes.subarray(0, invalidAt)).length;
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  const start = { line, column: offset - lineStart + 1, offset };
  const end = { line, column: start.column + 1, offset: offset + 1 };
  return {
    text,
    diagnostics: [
      {
        severity: "error",
        code: "input.invalid-utf8",
        message: `invalid UTF-8 at byte ${invalidAt}; invalid bytes were read as U+FFFD`,
        span: { start, end },
      },
    ],
  };
}

/** Reads an input's bytes. */
export async function readInput(input: InputRef): Promise<{ bytes?: Buffer; problem?: Diagnostic }> {
  try {
    return { bytes: input.path === undefined ? await readStandardInput() : readFileSync(input.path) };
  } catch (e) {
    return { problem: ioError("io.read", describeFsError(e)) };
  }
}

/** The output path of an input under --out-dir, with the command's output extension. */
export function outputPath(outDir: string, input: InputRef, inputExtension: string, outputExtension: string): string {
  const relativePath = input.outRelative ?? "stdin";
  const stem = relativePath.endsWith(inputExtension) ? relativePath.slice(0, -inputExtension.length) : relativePath;
  return join(outDir, stem + outputExtension);
}

/**
 * Parses JSON; on failure finds the first syntax error itself, because the
 * engine's messages quote the input around the error and IR JSON can hold
 * secret values.
 */
export function parseJson(text: string): { value?: unknown; problem?: Diagnostic } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    const found = jsonSyntaxError(text) ?? { offset: 0, message: "invalid JSON" };
    const lineStart = text.lastIndexOf("\n", found.offset - 1) + 1;
    let line = 1;
    for (let i = text.indexOf("\n"); i !== -1 && i < found.offset; i = text.indexOf("\n", i + 1)) line++;
    const start = { line, column: found.offset - lineStart + 1, offset: found.offset };
    const endOffset = Math.min(found.offset + 1, text.length);
    const end = { line, column: start.column + (endOffset - found.offset), offset: endOffset };
    return { problem: { severity: "error", code: "io.invalid-json", message: found.message, span: { start, end } } };
  }
}

/** Offset and description of the first JSON syntax error, without quoting the text. */
function jsonSyntaxError(text: string): { offset: number; message: string } | undefined {
  const n = text.length;
  const containers: Array<"{" | "["> = [];
  let i = 0;
  let state: "value" | "key" | "after" = "value";
  const skipWhitespace = (): void => {
    while (i < n && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
  };
  const unexpected = (expected: string): { offset: number; message: string } => {
    if (i >= n) return { offset: n, message: `unexpected end of input, expected ${expected}` };
    const c = text[i]!;
    const shown = /[\x21-\x7e]/.test(c) ? `'${c}'` : `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
    return { offset: i, message: `unexpected character ${shown}, expected ${expected}` };
  };
  const string = (): { offset: number; message: string } | undefined => {
    const start = i;
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c < 0x20) return { offset: i, message: "control character in string" };
      if (c === 0x5c) {
        const escape = text[i + 1];
        if (escape === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { offset: i, message: "invalid \\u escape in string" };
          i += 6;
        } else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) {
          i += 2;
        } else {
          return { offset: i, message: "invalid escape in string" };
        }
        continue;
      }
      i++;
    }
    return { offset: start, message: "unterminated string" };
  };
  const numberPattern = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
  for (;;) {
    skipWhitespace();
    if (state === "value") {
      const c = text[i];
      if (c === "{" || c === "[") {
        containers.push(c);
        i++;
        skipWhitespace();
        if (text[i] === (c === "{" ? "}" : "]")) {
          containers.pop();
          i++;
          state = "after";
        } else {
          state = c === "{" ? "key" : "value";
        }
      } else if (c === '"') {
        const problem = string();
        if (problem) return problem;
        state = "after";
      } else if (text.startsWith("true", i) || text.startsWith("null", i)) {
        i += 4;
        state = "after";
      } else if (text.startsWith("false", i)) {
        i += 5;
        state = "after";
      } else {
        numberPattern.lastIndex = i;
        if (!numberPattern.test(text)) return unexpected("a value");
        i = numberPattern.lastIndex;
        state = "after";
      }
    } else if (state === "key") {
      if (text[i] !== '"') return unexpected("a property name in double quotes");
      const problem = string();
      if (problem) return problem;
      skipWhitespace();
      if (text[i] !== ":") return unexpected("':'");
      i++;
      state = "value";
    } else {
      const container = containers[containers.length - 1];
      if (container === undefined) return i < n ? unexpected("the end of input") : undefined;
      const close = container === "{" ? "}" : "]";
      if (text[i] === ",") {
        i++;
        state = container === "{" ? "key" : "value";
      } else if (text[i] === close) {
        containers.pop();
        i++;
      } else {
        return unexpected(`',' or '${close}'`);
      }
    }
  }
}
