// Where inputs come from (files, folder walks, standard input) and how their
// bytes are read. A walk never leaves the folder it was given: a symbolic
// link is followed only to a folder or file inside it that was not reached
// already, and whatever is passed over is reported. Only regular files are
// opened, and no more than MAX_INPUT_BYTES of any input is read.
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Dirent, type Stats } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { Diagnostic } from "../diagnostics.js";
import { describeFsError, isWithin, realPathOf } from "./paths.js";

export { describeFsError };

export const STDIN_LABEL = "<stdin>";

/** The most bytes read from one input; a larger one is an error, so that no input grows without bound. */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;
const MAX_INPUT_DESCRIPTION = "256 MiB";

export interface InputRef {
  /** The name diagnostics and headers use: the path as given or found, or `<stdin>`. */
  label: string;
  /** File to read; undefined for standard input. */
  path?: string;
  /** Where the file lies, as written (absolute, `.` and `..` taken lexically): the basis of its output path. */
  absolute?: string;
  /** The folder the argument that brought this file stands for: a folder argument itself, a file argument's folder. */
  base?: string;
  /** The file's real path (every link resolved). */
  real?: string;
  /** The real path of the directory entry it was read through (a link's own location, for a link). */
  entry?: string;
}

/** A folder argument, by its real path: no output may land inside it. */
export interface InputFolder {
  label: string;
  real: string;
}

/** A problem with an input as a whole (missing, unreadable, passed over, not decodable as the expected format). */
export interface InputProblem {
  label: string;
  diagnostic: Diagnostic;
}

export function ioError(code: string, message: string, hint?: string): Diagnostic {
  return hint !== undefined ? { severity: "error", code, message, hint } : { severity: "error", code, message };
}

/** A path a walk passes over: a warning, since the user did not name it. */
function skipped(label: string, message: string): InputProblem {
  return { label, diagnostic: { severity: "warning", code: "io.skipped", message } };
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Extension matching ignores case: `A.SQL` is an input like `a.sql`. */
export function hasExtension(name: string, extension: string): boolean {
  return name.toLowerCase().endsWith(extension.toLowerCase());
}

/** What a file that is not a regular file or folder is, in words. */
function kindOf(stats: Stats | Dirent): string {
  if (stats.isFIFO()) return "a FIFO";
  if (stats.isSocket()) return "a socket";
  if (stats.isCharacterDevice()) return "a character device";
  if (stats.isBlockDevice()) return "a block device";
  if (stats.isDirectory()) return "a folder";
  if (stats.isSymbolicLink()) return "a symbolic link";
  return "not a regular file";
}

/** Why a link cannot be followed, from the error resolving it. */
function brokenLink(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ELOOP") return "symbolic link loop; not followed";
  if (code === "ENOENT" || code === "ENOTDIR") return "dangling symbolic link (its target does not exist); not followed";
  return `symbolic link that cannot be resolved (${describeFsError(e)}); not followed`;
}

interface FoundFile {
  /** Path relative to the folder argument. */
  relative: string;
  path: string;
  real: string;
  entry: string;
}

/**
 * Every file with the extension below a folder argument. Real folders are
 * walked first, then the links met on the way, in sorted order: a link is
 * followed only when its target lies inside the folder argument and was not
 * reached already (every in-tree target normally was, under its own name),
 * so no walk leaves the tree or goes round a cycle.
 */
function walkFolder(argument: string, rootReal: string, extension: string, reported: InputProblem[]): FoundFile[] {
  const problems: InputProblem[] = [];
  const visited = new Set<string>([rootReal]);
  const files: FoundFile[] = [];
  const links: Array<{ path: string; relative: string; folderReal: string; name: string }> = [];
  const folders: Array<{ path: string; relative: string; real: string }> = [{ path: argument, relative: "", real: rootReal }];
  const walkQueuedFolders = (): void => {
    while (folders.length > 0) {
      const folder = folders.pop()!;
      let entries: Dirent[];
      try {
        entries = readdirSync(folder.path, { withFileTypes: true });
      } catch (e) {
        problems.push({ label: folder.path, diagnostic: ioError("io.read", describeFsError(e)) });
        continue;
      }
      for (const entry of entries) {
        const path = join(folder.path, entry.name);
        const relative = folder.relative === "" ? entry.name : join(folder.relative, entry.name);
        const real = join(folder.real, entry.name);
        if (entry.isDirectory()) {
          if (!visited.has(real)) {
            visited.add(real);
            folders.push({ path, relative, real });
          }
        } else if (entry.isSymbolicLink()) {
          links.push({ path, relative, folderReal: folder.real, name: entry.name });
        } else if (hasExtension(entry.name, extension)) {
          if (entry.isFile()) files.push({ relative, path, real, entry: real });
          else problems.push(skipped(path, `${kindOf(entry)}, not a regular file; not read`));
        }
      }
    }
  };
  walkQueuedFolders();
  const reached = new Set(files.map((f) => f.real));
  let linksSorted = false;
  while (links.length > 0) {
    if (!linksSorted) links.sort((a, b) => byCodeUnits(b.relative, a.relative)); // popped in sorted order
    linksSorted = true;
    const link = links.pop()!;
    const matches = hasExtension(link.name, extension);
    let target: string;
    let stats: Stats;
    try {
      target = realpathSync.native(link.path);
      stats = statSync(target);
    } catch (e) {
      problems.push(skipped(link.path, brokenLink(e)));
      continue;
    }
    if (!stats.isDirectory() && !matches) continue; // not an input whether followed or not
    const what = stats.isDirectory() ? "a folder" : stats.isFile() ? "a file" : kindOf(stats);
    if (!isWithin(target, rootReal)) {
      problems.push(skipped(link.path, `symbolic link to ${what} outside ${argument}; not followed`));
    } else if (stats.isDirectory()) {
      if (visited.has(target)) {
        const cycle = isWithin(link.folderReal, target);
        problems.push(skipped(link.path, `symbolic link to a folder ${cycle ? "that contains it (a cycle)" : "walked under its own name"}; not followed`));
      } else {
        visited.add(target);
        folders.push({ path: link.path, relative: link.relative, real: target });
        const before = files.length;
        const linksBefore = links.length;
        walkQueuedFolders();
        if (links.length !== linksBefore) linksSorted = false;
        for (const file of files.slice(before)) reached.add(file.real);
      }
    } else if (!stats.isFile()) {
      problems.push(skipped(link.path, `symbolic link to ${what}, not a regular file; not read`));
    } else if (reached.has(target)) {
      problems.push(skipped(link.path, "symbolic link to a file read under its own name; not read twice"));
    } else {
      reached.add(target);
      files.push({ relative: link.relative, path: link.path, real: target, entry: join(link.folderReal, link.name) });
    }
  }
  // Reported in path order, whatever order the folders were read in.
  reported.push(...problems.sort((a, b) => byCodeUnits(a.label, b.label)));
  return files.sort((a, b) => byCodeUnits(a.relative, b.relative));
}

/**
 * Expands the path arguments into inputs: `-` (or no path at all) is
 * standard input, a folder contributes every file with the extension below
 * it (ignoring case) in sorted order, a file is read whatever its name. A
 * link named as an argument is followed: the user chose it. A file reached
 * twice is read once and the second way to it reported.
 */
export function expandPaths(paths: readonly string[], extension: string): { inputs: InputRef[]; folders: InputFolder[]; problems: InputProblem[] } {
  const inputs: InputRef[] = [];
  const folders: InputFolder[] = [];
  const problems: InputProblem[] = [];
  const byReal = new Map<string, string>();
  let stdin = false;
  const add = (input: InputRef & { real: string }): void => {
    const earlier = byReal.get(input.real);
    if (earlier !== undefined) {
      problems.push(skipped(input.label, `the same file as ${earlier}, already an input; not read twice`));
      return;
    }
    byReal.set(input.real, input.label);
    inputs.push(input);
  };

  for (const path of paths.length === 0 ? ["-"] : paths) {
    if (path === "-") {
      if (!stdin) inputs.push({ label: STDIN_LABEL });
      stdin = true;
      continue;
    }
    let stats: Stats;
    let real: string;
    try {
      stats = statSync(path);
      real = realpathSync.native(path);
    } catch (e) {
      let isLink = false;
      try {
        isLink = lstatSync(path).isSymbolicLink();
      } catch {
        // not there at all: the error below says so
      }
      problems.push({ label: path, diagnostic: ioError("io.read", isLink ? brokenLink(e).replace(/; not followed$/, "") : describeFsError(e)) });
      continue;
    }
    if (stats.isFile()) {
      let entry: string;
      try {
        entry = join(realPathOf(dirname(path)), basename(path));
      } catch {
        entry = real;
      }
      add({ label: path, path, absolute: resolve(path), base: dirname(resolve(path)), real, entry });
      continue;
    }
    if (!stats.isDirectory()) {
      problems.push({
        label: path,
        diagnostic: ioError("io.not-regular", `${kindOf(stats)}, not a regular file; not read`, "to read it anyway, give - as the path and redirect the file to standard input"),
      });
      continue;
    }
    folders.push({ label: path, real });
    const errorsBefore = problems.filter((p) => p.diagnostic.severity === "error").length;
    const found = walkFolder(path, real, extension, problems);
    if (found.length === 0 && problems.filter((p) => p.diagnostic.severity === "error").length === errorsBefore) {
      problems.push({ label: path, diagnostic: ioError("io.no-inputs", `no *${extension} files found in this directory`) });
    }
    const base = resolve(path);
    for (const file of found) {
      add({ label: file.path, path: file.path, absolute: join(base, file.relative), base, real: file.real, entry: file.entry });
    }
  }
  return { inputs, folders, problems };
}

async function readStandardInput(): Promise<{ bytes: Buffer } | { problem: Diagnostic }> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    total += bytes.length;
    if (total > MAX_INPUT_BYTES) {
      process.stdin.destroy();
      return { problem: tooLarge() };
    }
    chunks.push(bytes);
  }
  return { bytes: Buffer.concat(chunks) };
}

function tooLarge(): Diagnostic {
  return ioError("io.too-large", `larger than ${MAX_INPUT_DESCRIPTION}, the most an input may have; not read`);
}

const READ_CHUNK_BYTES = 1024 * 1024;

/**
 * Reads a regular file, at most MAX_INPUT_BYTES. It is opened without
 * blocking and checked again once open, so a FIFO or device put in its place
 * after the walk is still never read.
 */
function readRegularFile(path: string): { bytes: Buffer } | { problem: Diagnostic } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return { problem: ioError("io.read", describeFsError(e)) };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { problem: ioError("io.not-regular", `${kindOf(stats)}, not a regular file; not read`) };
    if (stats.size > MAX_INPUT_BYTES) return { problem: tooLarge() };
    // One buffer of the size stat reports, plus a byte to notice a file that grew; more only if it did.
    const chunks: Buffer[] = [];
    let total = 0;
    let chunk = Buffer.allocUnsafe(stats.size + 1);
    let filled = 0;
    for (;;) {
      const count = readSync(fd, chunk, filled, chunk.length - filled, null);
      filled += count;
      total += count;
      if (total > MAX_INPUT_BYTES) return { problem: tooLarge() };
      if (count === 0 || filled === chunk.length) {
        chunks.push(chunk.subarray(0, filled));
        if (count === 0) break;
        chunk = Buffer.allocUnsafe(READ_CHUNK_BYTES);
        filled = 0;
      }
    }
    return { bytes: Buffer.concat(chunks, total) };
  } catch (e) {
    return { problem: ioError("io.read", describeFsError(e)) };
  } finally {
    closeSync(fd);
  }
}

/** Reads an input's bytes. */
export async function readInput(input: InputRef): Promise<{ bytes: Buffer } | { problem: Diagnostic }> {
  return input.path === undefined ? await readStandardInput() : readRegularFile(input.path);
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
