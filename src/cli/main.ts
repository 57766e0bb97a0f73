// The connbridge command: argument handling, running a library call per
// input, and writing results and diagnostics. The library is imported only
// once a command is known to run, so --help, --version and usage errors
// start instantly.
import { mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Diagnostic } from "../diagnostics.js";
import type { DialectId, Span } from "../ir/schema.js";
import { COMMANDS, helpText, parseArguments, type CommandName, type ParsedOptions } from "./args.js";
import { decodeText, encodeText, withLineBreaks, type DecodedText } from "./encoding.js";
import { describeFsError, expandPaths, ioError, parseJson, readInput, type InputRef } from "./inputs.js";
import { OutputConflict, planOutputs, type PlannedOutput } from "./outputs.js";
import { FrameSource, literalContents, printable, renderDiagnostic, STRING_SYNTAX, type SourceLanguage } from "./report.js";
import { writeFileAtomically } from "./write.js";

type Library = typeof import("../index.js");

export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_USAGE_OR_IO = 2;

/** Codes by which the library says a dialect cannot be used at all. */
const UNUSABLE_DIALECT_CODES = new Set(["dialect.unsupported"]);

class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: CommandName,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** What running a command on one input produced. */
interface Outcome {
  diagnostics: Diagnostic[];
  /** Text for stdout or the output file; undefined when the command writes none. */
  output?: string;
  /** Extra fields of the --json record (the program for parse, the text otherwise). */
  record: Record<string, unknown>;
  /** Whether the diagnostics' spans point into the input text (not into some earlier source). */
  spansReferToInput: boolean;
  /** Spans of the input a code frame must never show. */
  sensitiveSpans?: readonly Span[];
}

function writeOut(text: string): void {
  process.stdout.write(text);
}

function writeErr(text: string): void {
  process.stderr.write(text);
}

function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: unknown };
  return String(manifest.version);
}

function option<T extends string | number | boolean>(options: ParsedOptions, name: string): T | undefined {
  return options[name] as T | undefined;
}

/** Rejects dialect names the library does not know or cannot use, before any input is read. */
function checkDialects(library: Library, command: CommandName, options: ParsedOptions): void {
  const names = command === "translate" ? [option<DialectId>(options, "from")!, option<DialectId>(options, "to")!] : [option<DialectId>(options, "dialect")!];
  for (const name of names) {
    if (!(library.DIALECT_IDS as readonly string[]).includes(name)) {
      throw new UsageError(`unknown dialect ${JSON.stringify(name)}`, command, `known dialects: ${library.DIALECT_IDS.join(", ")}`);
    }
  }
  const probe =
    command === "translate"
      ? library.translate("", { from: names[0]!, to: names[1]! })
      : command === "emit"
        ? library.emit({ statements: [] }, { dialect: names[0]! })
        : library.parse("", { dialect: names[0]! });
  const unusable = probe.diagnostics.find((d) => UNUSABLE_DIALECT_CODES.has(d.code));
  if (unusable !== undefined) throw new UsageError(unusable.message, command, unusable.hint);
}

/** Runs the command on one input: SQL text, or for emit the already parsed JSON. */
type TranslationFlags = Omit<import("../index.js").TranslateOptions, "from" | "to">;

function runCommand(
  library: Library,
  command: CommandName,
  options: ParsedOptions,
  translation: TranslationFlags,
  text: string,
  json: unknown,
): Outcome {
  // Dialect names were checked against the library by checkDialects.
  const dialect = option<DialectId>(options, "dialect")!;
  const width = option<number>(options, "width");
  switch (command) {
    case "parse": {
      const result = library.parse(text, { dialect, redact: option<boolean>(options, "redact") === true });
      return {
        diagnostics: result.diagnostics,
        output: `${JSON.stringify(result.program, null, 2)}\n`,
        record: { program: result.program },
        spansReferToInput: true,
        sensitiveSpans: result.sensitiveSpans,
      };
    }
    case "check": {
      const result = library.parse(text, { dialect });
      return { diagnostics: result.diagnostics, record: {}, spansReferToInput: true, sensitiveSpans: result.sensitiveSpans };
    }
    case "format": {
      const result = library.format(text, {
        dialect,
        width,
        redact: option<boolean>(options, "redact") === true,
        fix: option<boolean>(options, "fix") === true,
      });
      return { diagnostics: result.diagnostics, output: result.text, record: { text: result.text }, spansReferToInput: true, sensitiveSpans: result.sensitiveSpans };
    }
    case "translate": {
      const from = option<DialectId>(options, "from")!;
      const to = option<DialectId>(options, "to")!;
      const result = library.translate(text, { from, to, width, ...translation });
      return { diagnostics: result.diagnostics, output: result.text, record: { text: result.text }, spansReferToInput: true, sensitiveSpans: result.sensitiveSpans };
    }
    case "emit": {
      const result = library.emit(unwrapProgram(json), { dialect, width, redact: option<boolean>(options, "redact") === true });
      // The IR's spans point into the SQL it was parsed from, not into this JSON.
      return { diagnostics: result.diagnostics, output: result.text, record: { text: result.text }, spansReferToInput: false };
    }
  }
}

/** Translation options from the command line, read once per run (the --secrets file included). */
function translationOptions(options: ParsedOptions): TranslationFlags {
  const supply: Record<string, Record<string, string>> = {};
  for (const entry of (options.set as string[] | undefined) ?? []) {
    const parsed = parseSupply(entry);
    (supply[parsed.name] ??= {})[parsed.field] = parsed.value;
  }
  const secretsFile = option<string>(options, "secrets");
  return {
    ...(secretsFile !== undefined ? { secrets: loadSecrets(secretsFile) } : {}),
    ...(Object.keys(supply).length > 0 ? { supply } : {}),
    placeholders: option<boolean>(options, "placeholders") === true,
    redact: option<boolean>(options, "redact") === true,
    strict: option<boolean>(options, "strict") === true,
    pipelineTemplate: option<boolean>(options, "pipeline-template") === true,
  };
}

/** `NAME:FIELD=VALUE`; the value may itself contain `:` and `=`. */
function parseSupply(entry: string): { name: string; field: string; value: string } {
  const equals = entry.indexOf("=");
  const colon = entry.indexOf(":");
  if (colon <= 0 || equals < colon + 2) {
    throw new UsageError(`--set expects NAME:FIELD=VALUE, got ${JSON.stringify(entry)}`, "translate");
  }
  return { name: entry.slice(0, colon), field: entry.slice(colon + 1, equals), value: entry.slice(equals + 1) };
}

/** Reads the --secrets file: a JSON object of string values. Problems are I/O errors (exit 2). */
function loadSecrets(path: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read secrets file ${path}: ${describeFsError(e)}`, "translate");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`secrets file ${path} is not valid JSON`, "translate");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value) || Object.values(value).some((v) => typeof v !== "string")) {
    throw new UsageError(`secrets file ${path} must be a JSON object of string values`, "translate");
  }
  return value as Record<string, string>;
}

/** Accepts `parse --json` records as well as bare programs, so the two commands pipe into each other. */
function unwrapProgram(value: unknown): unknown {
  if (typeof value === "object" && value !== null && !Array.isArray(value) && "program" in value && !("statements" in value)) {
    return (value as { program: unknown }).program;
  }
  return value;
}

/** What stopped an input before the command ran on it, and the exit status it sets. */
interface InputFailure {
  diagnostic: Diagnostic;
  /** The text the diagnostic's span points into, when it has one. */
  source?: FrameSource;
  exitCode: number;
}

/** One input: read (or the problem that stopped it), then run. */
interface Run {
  input: InputRef;
  failure?: InputFailure;
  decoded?: DecodedText;
  source?: FrameSource;
  json?: unknown;
  outcome?: Outcome;
}

/**
 * The translation options of each input, with only the --set values for
 * connections that input creates: in a run over several files a name is
 * expected in one of them. A name no input creates is a usage error.
 */
function suppliedPerInput(library: Library, options: ParsedOptions, translation: TranslationFlags, runs: Run[]): (run: Run) => TranslationFlags {
  const supply = translation.supply;
  if (supply === undefined) return () => translation;
  const from = option<DialectId>(options, "from")!;
  const created = new Map<Run, Set<string>>();
  for (const run of runs) {
    if (run.decoded === undefined) continue;
    const { program } = library.parse(run.decoded.text, { dialect: from, check: false });
    const names = program.statements.flatMap((s) => (s.kind === "create_connection" ? [s.name.parts.map((p) => p.value).join(".")] : []));
    created.set(run, new Set(names));
  }
  const everywhere = new Set([...created.values()].flatMap((names) => [...names]));
  const unknown = Object.keys(supply).filter((name) => !everywhere.has(name));
  if (unknown.length > 0) {
    const known = [...everywhere];
    throw new UsageError(
      `--set names ${unknown.map((n) => JSON.stringify(n)).join(", ")}, which no input creates`,
      "translate",
      known.length > 0 ? `connections created: ${known.join(", ")}` : "the input creates no connection",
    );
  }
  return (run) => {
    const names = created.get(run) ?? new Set<string>();
    const own = Object.fromEntries(Object.entries(supply).filter(([name]) => names.has(name)));
    const { supply: _all, ...rest } = translation;
    return Object.keys(own).length > 0 ? { ...rest, supply: own } : rest;
  };
}

/** A --set field that is not a field of its connection's kind is a usage error, reported before anything is written. */
function refuseUnknownFields(runs: Run[]): void {
  const unknown = runs.flatMap((run) => run.outcome?.diagnostics.filter((d) => d.code === "translate.supply-unknown-field") ?? []);
  if (unknown.length === 0) return;
  const first = unknown[0]!;
  const rest = unknown.length > 1 ? ` (and ${unknown.length - 1} more)` : "";
  throw new UsageError(`--set: ${first.message}${rest}`, "translate", first.hint);
}

interface RunState {
  exitCode: number;
  json: boolean;
}

function fail(state: RunState, code: number): void {
  state.exitCode = Math.max(state.exitCode, code);
}

/**
 * Reports a problem with an input as a whole: one that could not be read
 * (exit status 2), decoded (1), or a path a folder walk passed over (a
 * warning, which leaves the status alone).
 */
function reportInputProblem(state: RunState, label: string, diagnostic: Diagnostic, source?: FrameSource, exitCode = EXIT_USAGE_OR_IO): void {
  if (diagnostic.severity === "error") fail(state, exitCode);
  if (state.json) writeOut(`${JSON.stringify({ file: label, diagnostics: [diagnostic] })}\n`);
  else writeErr(`${renderDiagnostic(diagnostic, source !== undefined ? { file: label, source } : { file: label })}\n`);
}

async function execute(command: CommandName, options: ParsedOptions, paths: string[]): Promise<number> {
  const state: RunState = { exitCode: EXIT_OK, json: option<boolean>(options, "json") === true };
  const spec = COMMANDS[command];
  const outDir = option<string>(options, "out-dir");

  const { inputs, folders, problems } = expandPaths(paths, spec.inputExtension);
  let planned = new Map<InputRef, PlannedOutput>();
  if (outDir !== undefined) {
    if (inputs.some((input) => input.path === undefined)) {
      throw new UsageError("--out-dir needs file or directory inputs, not standard input", command);
    }
    // Every output is placed, and checked against every input, before anything is read or written.
    try {
      planned = planOutputs(outDir, inputs, folders, spec.inputExtension, spec.outputExtension!);
    } catch (e) {
      if (e instanceof OutputConflict) throw new UsageError(e.message, command, e.hint);
      throw e;
    }
  }

  const library: Library = await import("../index.js");
  checkDialects(library, command, options);
  const translation = command === "translate" ? translationOptions(options) : {};

  for (const problem of problems) reportInputProblem(state, problem.label, problem.diagnostic);

  const inputDialect = command === "translate" ? option<DialectId>(options, "from")! : option<DialectId>(options, "dialect")!;
  const language: SourceLanguage = spec.inputExtension === ".json" ? "json" : STRING_SYNTAX[inputDialect];
  const outputDialect = command === "translate" ? option<DialectId>(options, "to")! : inputDialect;
  const outputLanguage: SourceLanguage = spec.outputExtension === ".json" ? "json" : STRING_SYNTAX[outputDialect];
  const headed = outDir === undefined && !state.json && inputs.length > 1;

  // Every input is read and run before anything is written, so that a usage
  // error found on the way (a --set that names nothing) leaves no output.
  const runs: Run[] = [];
  for (const input of inputs) {
    const read = await readInput(input);
    if ("problem" in read) {
      runs.push({ input, failure: { diagnostic: read.problem, exitCode: EXIT_USAGE_OR_IO } });
      continue;
    }
    const decoding = decodeText(read.bytes);
    if ("undecodable" in decoding) {
      // Nothing is run or written for text that is not what its bytes say.
      const { diagnostic, decodedPrefix } = decoding.undecodable;
      runs.push({ input, failure: { diagnostic, source: new FrameSource(decodedPrefix, language), exitCode: EXIT_ERRORS } });
      continue;
    }
    const decoded = decoding.decoded;
    const source = new FrameSource(decoded.text, language);
    let json: unknown;
    if (command === "emit") {
      const parsedJson = parseJson(decoded.text);
      if (parsedJson.problem !== undefined) {
        runs.push({ input, failure: { diagnostic: parsedJson.problem, source, exitCode: EXIT_USAGE_OR_IO } });
        continue;
      }
      json = parsedJson.value;
    }
    runs.push({ input, decoded, source, json });
  }
  const supplyOf = command === "translate" ? suppliedPerInput(library, options, translation, runs) : () => translation;
  for (const run of runs) {
    if (run.decoded !== undefined) run.outcome = runCommand(library, command, options, supplyOf(run), run.decoded.text, run.json);
  }
  if (command === "translate") refuseUnknownFields(runs);

  for (const run of runs) {
    const { input, decoded, source, outcome } = run;
    if (decoded === undefined || outcome === undefined) {
      reportInputProblem(state, input.label, run.failure!.diagnostic, run.failure!.source, run.failure!.exitCode);
      continue;
    }
    const errorFound = outcome.diagnostics.some((d) => d.severity === "error");
    if (errorFound) fail(state, EXIT_ERRORS);
    // An empty result that comes with errors is a failure, not an empty file.
    const hasOutput = outcome.output !== undefined && !(outcome.output === "" && errorFound);
    // The input's line breaks are kept, wherever the text goes.
    const text = hasOutput ? withLineBreaks(outcome.output!, decoded.lineBreaks, literalContents(outputLanguage)) : undefined;

    const writeProblems: Diagnostic[] = [];
    let outputFile: string | undefined;
    const target = planned.get(input);
    if (target !== undefined && text !== undefined) {
      try {
        mkdirSync(dirname(target.real), { recursive: true });
        // A byte-order mark in the input is kept in SQL files (never in JSON, which must not start with one).
        writeFileAtomically(target.real, encodeText(text, decoded.byteOrderMark !== undefined && spec.outputExtension === ".sql"));
        outputFile = target.shown;
      } catch (e) {
        writeProblems.push(ioError("io.write", `cannot write ${target.shown}: ${describeFsError(e)}`));
        fail(state, EXIT_USAGE_OR_IO);
      }
    }
    const diagnostics = [...outcome.diagnostics, ...writeProblems];

    if (state.json) {
      const record: Record<string, unknown> = { file: input.label };
      if (outputFile !== undefined) record.output = outputFile;
      else if (outDir === undefined && (hasOutput || command === "parse")) Object.assign(record, outcome.record, text !== undefined && "text" in outcome.record ? { text } : {});
      record.diagnostics = diagnostics;
      writeOut(`${JSON.stringify(record)}\n`);
      continue;
    }

    const outcomeSource = outcome.sensitiveSpans !== undefined ? new FrameSource(decoded.text, language, outcome.sensitiveSpans) : source;
    for (const diagnostic of outcome.diagnostics) {
      writeErr(`${renderDiagnostic(diagnostic, outcome.spansReferToInput ? { file: input.label, source: outcomeSource } : { file: input.label })}\n`);
    }
    for (const diagnostic of writeProblems) writeErr(`${renderDiagnostic(diagnostic, { file: input.label })}\n`);
    if (outDir === undefined && text !== undefined) {
      if (headed) writeOut(`-- ${printable(input.label)}\n`);
      writeOut(headed && text !== "" && !text.endsWith("\n") ? `${text}\n` : text);
    }
  }
  return state.exitCode;
}

/** Runs the command line (without node and the script) and resolves to the exit status. */
export async function main(argv: readonly string[]): Promise<number> {
  // A closed pipe (`connbridge parse x.sql | head`) ends the run quietly; other write errors are I/O errors.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") writeErr(`connbridge: cannot write to stdout: ${describeFsError(e)}\n`);
    process.exit(e.code === "EPIPE" ? (process.exitCode ?? EXIT_OK) : EXIT_USAGE_OR_IO);
  });
  try {
    const parsed = parseArguments(argv);
    switch (parsed.kind) {
      case "help":
        writeOut(helpText(parsed.command));
        return EXIT_OK;
      case "version":
        writeOut(`${packageVersion()}\n`);
        return EXIT_OK;
      case "usage-error":
        throw new UsageError(parsed.message, parsed.command);
      case "run":
        return await execute(parsed.command, parsed.options, parsed.paths);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      const lines = [`connbridge: ${printable(e.message)}`];
      if (e.hint !== undefined) lines.push(`hint: ${printable(e.hint)}`);
      lines.push(`Run 'connbridge ${e.command !== undefined ? `${e.command} ` : ""}--help' for usage.`);
      writeErr(`${lines.join("\n")}\n`);
      return EXIT_USAGE_OR_IO;
    }
    const message = e instanceof Error ? e.message : String(e);
    writeErr(`connbridge: internal error: ${printable(message)}\n`);
    return EXIT_USAGE_OR_IO;
  }
}
