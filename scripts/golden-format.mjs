// @ts-check
// The golden-file format and its runner, shared by test/golden.test.ts (which
// checks the files) and scripts/update-golden.mjs (which rewrites them).
//
// Why plain JavaScript here: the test runs under vitest, which compiles the
// TypeScript sources on the fly, but the update script runs under plain Node,
// which cannot import TypeScript (no tsx in this project). So this module
// never imports the library itself: every function that needs it takes the
// library as an argument. The test passes `../src/index.js` (the sources, no
// build needed); the update script passes `../dist/index.js` (the compiled
// build, checked for staleness first). Both go through `runCase` below, so a
// file written by the update script is exactly what the test expects.
//
// ## Format
//
// A file golden/<dialect>/<topic>.golden holds cases separated by blank lines:
//
//     # What the case shows (first line = test name; more # lines allowed)
//     format width=40
//     CREATE CONNECTION ...            <- input, any number of lines
//     ----
//     CREATE CONNECTION ...            <- expected output (may be empty)
//     ----
//     error 1:31-1:35 materialize.syntax: Expected ..., found ...
//       hint: ...                      <- expected diagnostics, one per line
//
// Directives (the dialect defaults to the folder name):
//
//     format [dialect=D] [width=N]          format(input) -> text, diagnostics
//         [fix=true]                        with the dialect's fixes
//     parse [dialect=D] [check=false]       parse(input): one compact JSON line
//                                           per IR statement (spans, field spans and sensitive spans left out)
//     translate [from=D] to=D [width=N]     translate(input) -> text, diagnostics
//         [set=NAME:FIELD=VALUE]            supply a field the source cannot carry
//         [secret=NAME:VALUE]               a caller-supplied secret value
//         [placeholders=true] [redact=true] [strict=true] [template=true]
//
// * The input is the lines between the directive and the first `----`,
//   joined with "\n" (no newline after the last line). Blank lines inside
//   the input and the output are kept.
// * The output section holds the returned text line by line; text that does
//   not end in a newline gets the marker line `\ no newline at end of output`.
// * The diagnostics section runs to the next blank line (or end of file).
//   Each diagnostic is `<severity> <start line>:<col>-<end line>:<col>
//   <code>: <message>` (the position is left out when there is no span), then
//   an indented `hint:` / `path:` line when the diagnostic has one. Columns
//   are 1-based UTF-16 units, the end is exclusive. If a span's offset does
//   not match its line and column in the input, `@<offset>` is appended.
//   A message containing a line break is written as a JSON string.
// * `#` lines before a directive describe the case; a blank line between
//   comment lines starts a fresh description, so a file may open with a
//   header comment followed by a blank line.

import { readdirSync, statSync } from "node:fs";
import { basename, dirname, join, relative, sep } from "node:path";

export const SEPARATOR = "----";
export const NO_NEWLINE = "\\ no newline at end of output";

/**
 * @typedef {{
 *   file: string,
 *   line: number,
 *   description: string,
 *   command: "format" | "parse" | "translate",
 *   args: Record<string, string>,
 *   dialect: string,
 *   input: string,
 *   expectedOutput: string[],
 *   expectedDiagnostics: string[],
 *   sectionStart: number,
 *   sectionEnd: number,
 * }} GoldenCase
 *
 * sectionStart/sectionEnd: 0-based line range [start, end) of the file that
 * holds the two expected sections, starting with the first `----` line.
 */

/** @typedef {{ output: string[], diagnostics: string[] }} CaseResult */

const ALLOWED_ARGS = {
  format: ["dialect", "width", "fix"],
  parse: ["dialect", "check"],
  translate: ["from", "to", "width", "set", "secret", "placeholders", "redact", "strict", "template"],
};

/** A diagnostic line, or an indented detail line under one. */
const DIAGNOSTIC_LINE = /^(error|warning|info) |^  \S/;

export class GoldenSyntaxError extends Error {}

/**
 * All golden files under `root` (golden/<dialect>/*.golden), as paths
 * relative to `cwd`, sorted.
 * @param {string} root
 * @param {string} cwd
 * @returns {string[]}
 */
export function findGoldenFiles(root, cwd = dirname(root)) {
  /** @type {string[]} */
  const found = [];
  for (const dialect of readdirSync(root).sort()) {
    const dir = join(root, dialect);
    if (!statSync(dir).isDirectory()) continue;
    for (const name of readdirSync(dir).sort()) {
      if (name.endsWith(".golden")) found.push(relative(cwd, join(dir, name)).split(sep).join("/"));
    }
  }
  return found;
}

/**
 * Parses the text of one golden file. `file` is used in error messages and
 * its folder name is the default dialect.
 * @param {string} text
 * @param {string} file
 * @returns {GoldenCase[]}
 */
export function parseGoldenFile(text, file) {
  const lines = splitLines(text);
  const dialect = basename(dirname(file));
  /** @type {GoldenCase[]} */
  const cases = [];
  /** @type {string[]} */
  let comments = [];
  let i = 0;
  const fail = (/** @type {number} */ at, /** @type {string} */ message) => {
    throw new GoldenSyntaxError(`${file}:${at + 1}: ${message}`);
  };
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === "") {
      comments = [];
      i++;
      continue;
    }
    if (line.startsWith("#")) {
      comments.push(line.replace(/^#\s?/, ""));
      i++;
      continue;
    }
    const directiveLine = i;
    const words = line.trim().split(/\s+/);
    const command = words[0];
    if (command !== "format" && command !== "parse" && command !== "translate") {
      fail(i, `expected a directive (format, parse or translate), found ${JSON.stringify(line)}`);
      throw new Error("unreachable");
    }
    /** @type {Record<string, string>} */
    const args = {};
    for (const word of words.slice(1)) {
      const m = /^([a-z]+)=(\S+)$/.exec(word);
      if (m === null) fail(i, `bad argument ${JSON.stringify(word)} (expected key=value)`);
      else if (!ALLOWED_ARGS[command].includes(m[1])) fail(i, `${command} takes no argument ${m[1]}`);
      else args[m[1]] = m[2];
    }
    if (args.width !== undefined && !/^[1-9][0-9]*$/.test(args.width)) fail(i, `width must be a positive integer`);
    if (args.check !== undefined && args.check !== "true" && args.check !== "false") fail(i, `check must be true or false`);
    if (command === "translate" && args.to === undefined) fail(i, `translate needs to=<dialect>`);
    if (comments.length === 0) fail(i, `every case needs a # line describing it`);
    i++;
    const inputStart = i;
    while (i < lines.length && lines[i] !== SEPARATOR) i++;
    if (i >= lines.length) fail(directiveLine, `case has no ${SEPARATOR} line after its input`);
    const input = lines.slice(inputStart, i).join("\n");
    const sectionStart = i;
    i++;
    const outputStart = i;
    while (i < lines.length && lines[i] !== SEPARATOR) i++;
    if (i >= lines.length) fail(directiveLine, `case has no second ${SEPARATOR} line (the diagnostics section is required, even if empty)`);
    const expectedOutput = lines.slice(outputStart, i);
    i++;
    const diagnosticsStart = i;
    while (i < lines.length && lines[i].trim() !== "") {
      if (!DIAGNOSTIC_LINE.test(lines[i])) fail(i, `not a diagnostic line (is the blank line before the next case missing?)`);
      i++;
    }
    const expectedDiagnostics = lines.slice(diagnosticsStart, i);
    cases.push({
      file,
      line: directiveLine + 1,
      description: comments[0] ?? "",
      command,
      args,
      dialect: args.dialect ?? dialect,
      input,
      expectedOutput,
      expectedDiagnostics,
      sectionStart,
      sectionEnd: i,
    });
    comments = [];
  }
  return cases;
}

/** Lines of a text; a final newline does not start another line. */
function splitLines(/** @type {string} */ text) {
  const lines = text.split("\n");
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/**
 * Translation options of a `translate` directive.
 * @param {Record<string, string>} args
 */
function translationOptions(args) {
  /** @type {Record<string, unknown>} */
  const options = {};
  if (args.set !== undefined) {
    const m = /^([^:]+):([^=]+)=(.*)$/.exec(args.set);
    if (m !== null) options.supply = { [m[1]]: { [m[2]]: m[3] } };
  }
  if (args.secret !== undefined) {
    const colon = args.secret.indexOf(":");
    options.secrets = { [args.secret.slice(0, colon)]: args.secret.slice(colon + 1) };
  }
  for (const [flag, option] of [["placeholders", "placeholders"], ["redact", "redact"], ["strict", "strict"], ["template", "pipelineTemplate"]]) {
    if (args[flag] === "true") options[option] = true;
  }
  return options;
}

/**
 * Runs one case through the library (`lib` is the module namespace of
 * src/index.ts or dist/index.js) and renders the result in the file format.
 * @param {any} lib
 * @param {GoldenCase} c
 * @returns {CaseResult}
 */
export function runCase(lib, c) {
  const width = c.args.width === undefined ? {} : { width: Number(c.args.width) };
  switch (c.command) {
    case "format": {
      const result = lib.format(c.input, { dialect: c.dialect, ...width, ...(c.args.fix === "true" ? { fix: true } : {}) });
      return { output: renderText(result.text), diagnostics: renderDiagnostics(result.diagnostics, c.input) };
    }
    case "translate": {
      const result = lib.translate(c.input, { from: c.args.from ?? c.dialect, to: c.args.to, ...width, ...translationOptions(c.args) });
      return { output: renderText(result.text), diagnostics: renderDiagnostics(result.diagnostics, c.input) };
    }
    case "parse": {
      const result = lib.parse(c.input, { dialect: c.dialect, check: c.args.check !== "false" });
      /** @type {string[]} */
      const output = result.program.statements.map((/** @type {unknown} */ s) => JSON.stringify(s, withoutSpans));
      if (result.program.trailingComments !== undefined) {
        output.push(JSON.stringify({ trailingComments: result.program.trailingComments }, withoutSpans));
      }
      return { output, diagnostics: renderDiagnostics(result.diagnostics, c.input) };
    }
  }
}

function withoutSpans(/** @type {string} */ key, /** @type {unknown} */ value) {
  return key === "span" || key === "fieldSpans" || key === "sensitiveSpans" ? undefined : value;
}

/**
 * @param {string} text
 * @returns {string[]}
 */
export function renderText(text) {
  if (text === "") return [];
  const lines = text.endsWith("\n") ? text.slice(0, -1).split("\n") : [...text.split("\n"), NO_NEWLINE];
  if (lines.includes(SEPARATOR)) throw new Error(`output has a line "${SEPARATOR}", which the golden format cannot hold`);
  return lines;
}

/**
 * @typedef {{ line: number, column: number, offset: number }} Position
 * @typedef {{ severity: string, code: string, message: string, span?: { start: Position, end: Position }, hint?: string, path?: string }} Diagnostic
 */

/**
 * @param {Diagnostic[]} diagnostics
 * @param {string} input
 * @returns {string[]}
 */
export function renderDiagnostics(diagnostics, input) {
  const lineStarts = [0];
  for (let i = 0; i < input.length; i++) if (input[i] === "\n") lineStarts.push(i + 1);
  const position = (/** @type {Position} */ p) => {
    const expected = (lineStarts[p.line - 1] ?? NaN) + p.column - 1;
    return `${p.line}:${p.column}${expected === p.offset ? "" : `@${p.offset}`}`;
  };
  /** @type {string[]} */
  const lines = [];
  for (const d of diagnostics) {
    const { severity, code, message, span, hint, path, ...rest } = d;
    const where = span === undefined ? "" : ` ${position(span.start)}-${position(span.end)}`;
    const text = /[\r\n]/.test(message) ? JSON.stringify(message) : message;
    lines.push(`${severity}${where} ${code}: ${text}`);
    if (hint !== undefined) lines.push(`  hint: ${hint}`);
    if (path !== undefined) lines.push(`  path: ${path}`);
    for (const [key, value] of Object.entries(rest)) lines.push(`  ${key}: ${JSON.stringify(value)}`);
  }
  return lines;
}

/**
 * The two expected sections as they appear in the file; comparing these
 * blocks is exact (an empty output differs from one blank line).
 * @param {CaseResult} sections
 * @returns {string}
 */
export function renderSections(sections) {
  return [SEPARATOR, ...sections.output, SEPARATOR, ...sections.diagnostics].join("\n");
}

/**
 * The file text with each case's expected sections replaced by `results`
 * (same order as `cases`, which must come from parsing `text`).
 * @param {string} text
 * @param {GoldenCase[]} cases
 * @param {CaseResult[]} results
 * @returns {string}
 */
export function rewriteGoldenFile(text, cases, results) {
  const lines = splitLines(text);
  for (let k = cases.length - 1; k >= 0; k--) {
    const c = cases[k];
    lines.splice(c.sectionStart, c.sectionEnd - c.sectionStart, ...renderSections(results[k]).split("\n"));
  }
  return lines.join("\n") + "\n";
}
