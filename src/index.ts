// The connbridge library API.
import { error, hasErrors, sortDiagnostics, warning, type Diagnostic } from "./diagnostics.js";
import { dialectById, DIALECT_IDS } from "./dialects/index.js";
import type { Dialect } from "./dialects/dialect.js";
import { printDoc } from "./dialects/shared/doc.js";
import type { DialectId, Program, Span } from "./ir/schema.js";
import { describeType, OPTIONS_SCHEMA, validateAgainst, validateProgram } from "./ir/validate.js";
import type { EmitOptionsShape, FormatOptionsShape, ParseOptionsShape, TranslateOptionsShape } from "./options.js";
import { quoteForMessage } from "./dialects/shared/antlr-parse.js";
import { TranslationPlanner, type PlanOptions } from "./translate/plan.js";
import { redactProgram } from "./translate/redact.js";
import { unknownSupplyTargets } from "./translate/supply.js";

export type { Diagnostic, Severity } from "./diagnostics.js";
export { hasErrors } from "./diagnostics.js";
export type * from "./ir/schema.js";
export { validateProgram, type SchemaError } from "./ir/validate.js";
export { equivalent, semanticView } from "./ir/equal.js";
export { DIALECT_IDS } from "./dialects/index.js";
export { secretPlaceholder, type PlanOptions } from "./translate/plan.js";
export type { Supply, SuppliedValue } from "./translate/supply.js";
export { SENSITIVE_FIELDS, REDACTED } from "./ir/sensitivity.js";

export interface ParseOptions {
  dialect: DialectId;
  /** Run the dialect's validation rules too (default true). */
  check?: boolean;
  /** Mask every sensitive value in the IR, for IR that can be shared. */
  redact?: boolean;
}

export interface ParseResult {
  program: Program;
  diagnostics: Diagnostic[];
  /**
   * Spans of the input that must never be shown (sensitive values, and every
   * string of a statement that did not parse), for callers that display
   * source text next to diagnostics.
   */
  sensitiveSpans: Span[];
}

export interface FormatOptions {
  dialect: DialectId;
  /** Line width; omitted means unbounded (each statement on one line). */
  width?: number;
  /** Mask every sensitive value (passwords, keys, secret values) in the output. */
  redact?: boolean;
  /** Apply the dialect's fixes (a SingleStore secret key in CONFIG moves to CREDENTIALS), each reported as info. */
  fix?: boolean;
}

export interface EmitOptions {
  dialect: DialectId;
  width?: number;
  /** Mask every sensitive value in the output. */
  redact?: boolean;
}

export interface TranslateOptions extends PlanOptions {
  from: DialectId;
  to: DialectId;
  width?: number;
  /** Report every loss as an error instead of a warning. */
  strict?: boolean;
}

export interface TextResult {
  text: string;
  diagnostics: Diagnostic[];
  /** Spans of the input that must never be shown (see ParseResult); empty for `emit`. */
  sensitiveSpans: Span[];
}

function sensitiveSpansOf(program: Program): Span[] {
  return program.statements.flatMap((s) => s.sensitiveSpans ?? []);
}

function resolveDialect(id: string, role: string): { dialect?: Dialect; diagnostic?: Diagnostic } {
  const dialect = dialectById(id);
  if (dialect !== undefined) return { dialect };
  const known = (DIALECT_IDS as readonly string[]).includes(id);
  return {
    diagnostic: error(
      "dialect.unsupported",
      known ? `the ${id} dialect is not implemented yet (${role})` : `unknown dialect ${quoteForMessage(id)} (${role})`,
      undefined,
      `implemented: ${DIALECT_IDS.filter((d) => dialectById(d) !== undefined).join(", ")}`,
    ),
  };
}

// ---- The API boundary: argument checks and the safety net ---------------------------------
//
// Every exported function takes arguments from callers in any language (JSON
// options, IR from elsewhere), so it checks them against the published option
// schemas (src/options.ts) before use, and turns whatever goes wrong inside
// into a diagnostic: nothing throws, ever.

type OptionsDefinition = "ParseOptions" | "FormatOptions" | "EmitOptions" | "TranslateOptions";

/** `/secrets/my~1name` → `secrets.my/name`. */
function optionName(path: string): string {
  return path
    .split("/")
    .slice(1)
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"))
    .join(".");
}

/**
 * Checks an options object: errors for missing or mistyped options (named,
 * never showing a value: options carry secrets), warnings for keys the
 * function does not know.
 */
function checkOptions(definition: OptionsDefinition, fn: string, options: unknown): Diagnostic[] {
  const schema = OPTIONS_SCHEMA.definition(definition);
  const required = (schema.required ?? []) as string[];
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    return [
      error(
        "options.invalid",
        `the options of ${fn} must be an object, got ${describeType(options)}`,
        undefined,
        `for example { ${required.map((k) => `${k}: "materialize"`).join(", ")} }`,
      ),
    ];
  }
  const diagnostics = validateAgainst(OPTIONS_SCHEMA, options, definition).map((e) =>
    e.message === "is required"
      ? error("options.invalid", `option ${optionName(e.path)} of ${fn} is required`)
      : error("options.invalid", `option ${optionName(e.path)} of ${fn}: ${e.message}`),
  );
  const known = Object.keys(schema.properties as object);
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      diagnostics.push(
        warning("options.unknown", `${fn} has no option ${quoteForMessage(key)}; it is ignored`, undefined, `options of ${fn}: ${known.join(", ")}`),
      );
    }
  }
  return diagnostics;
}

function checkText(text: unknown, fn: string): Diagnostic[] {
  return typeof text === "string" ? [] : [error("input.invalid", `the text given to ${fn} must be a string, got ${describeType(text)}`)];
}

/**
 * The safety net: an exception inside the library is a defect of connbridge,
 * reported as an `internal.error` diagnostic. Its message names the error's
 * class only: a JavaScript error message may quote the input, which may hold
 * secrets.
 */
function internalError(fn: string, e: unknown): Diagnostic {
  const kind = e instanceof Error ? e.name : typeof e;
  return error("internal.error", `internal error in ${fn} (${kind}); this is a defect of connbridge, please report it`);
}

function guarded<R>(fn: string, body: () => R, failed: (diagnostics: Diagnostic[]) => R): R {
  try {
    return body();
  } catch (e) {
    return failed([internalError(fn, e)]);
  }
}

const noText = (diagnostics: Diagnostic[]): TextResult => ({ text: "", diagnostics, sensitiveSpans: [] });
const noProgram = (diagnostics: Diagnostic[]): ParseResult => ({ program: { statements: [] }, diagnostics, sensitiveSpans: [] });

// ---- The API ---------------------------------------------------------------------------------

/** Parses (and by default checks) text in a dialect. */
export function parse(text: string, options: ParseOptions): ParseResult {
  return guarded(
    "parse",
    () => {
      const problems = [...checkOptions("ParseOptions", "parse", options), ...checkText(text, "parse")];
      if (hasErrors(problems)) return noProgram(problems);
      const { program, diagnostics, sensitiveSpans } = parseText(text, options);
      return { program, diagnostics: [...problems, ...diagnostics], sensitiveSpans };
    },
    noProgram,
  );
}

function parseText(text: string, options: ParseOptions): ParseResult {
  const { dialect, diagnostic } = resolveDialect(options.dialect, "source");
  if (dialect === undefined) return noProgram([diagnostic!]);
  const parsed = dialect.parse(text);
  parsed.program.source = dialect.id;
  // Array literals, not push(...): a spread call takes only so many arguments, and a list may be longer.
  const diagnostics = options.check !== false ? [...parsed.diagnostics, ...dialect.check(parsed.program)] : [...parsed.diagnostics];
  if (options.redact) redactProgram(parsed.program);
  return { program: parsed.program, diagnostics: sortDiagnostics(diagnostics), sensitiveSpans: sensitiveSpansOf(parsed.program) };
}

/** Re-prints text in its dialect's canonical form. */
export function format(text: string, options: FormatOptions): TextResult {
  return guarded(
    "format",
    () => {
      const problems = [...checkOptions("FormatOptions", "format", options), ...checkText(text, "format")];
      if (hasErrors(problems)) return noText(problems);
      const { text: formatted, diagnostics, sensitiveSpans } = formatText(text, options);
      return { text: formatted, diagnostics: [...problems, ...diagnostics], sensitiveSpans };
    },
    noText,
  );
}

function formatText(text: string, options: FormatOptions): TextResult {
  const { dialect, diagnostic } = resolveDialect(options.dialect, "source");
  if (dialect === undefined) return noText([diagnostic!]);
  const fix = options.fix === true;
  const parsed = parseText(text, { dialect: options.dialect, check: !fix });
  if (fix) {
    // The checks judge the fixed program: a key moved out of CONFIG is no longer a secret shown there.
    const fixed = dialect.fix?.(parsed.program) ?? { program: parsed.program, diagnostics: [] };
    parsed.program = fixed.program;
    parsed.diagnostics = sortDiagnostics([...parsed.diagnostics, ...fixed.diagnostics, ...dialect.check(fixed.program)]);
  }
  if (options.redact) redactProgram(parsed.program);
  const emitted = print(dialect, parsed.program, options.width);
  return {
    text: emitted.text,
    diagnostics: sortDiagnostics([...parsed.diagnostics, ...emitted.diagnostics]),
    sensitiveSpans: parsed.sensitiveSpans,
  };
}

function print(dialect: Dialect, program: Program, width: number | undefined): { text: string; diagnostics: Diagnostic[] } {
  const { doc, diagnostics } = dialect.emit(program);
  return { text: printDoc(doc, width === undefined ? {} : { width }), diagnostics };
}

/** Writes an IR program (possibly JSON from elsewhere: validated first) in a dialect. */
export function emit(program: Program | unknown, options: EmitOptions): TextResult {
  return guarded(
    "emit",
    () => {
      const problems = checkOptions("EmitOptions", "emit", options);
      if (hasErrors(problems)) return noText(problems);
      const { text, diagnostics, sensitiveSpans } = emitProgram(program, options);
      return { text, diagnostics: [...problems, ...diagnostics], sensitiveSpans };
    },
    noText,
  );
}

function emitProgram(program: unknown, options: EmitOptions): TextResult {
  const errors = validateProgram(program);
  if (errors.length > 0) {
    return noText(errors.map((e) => ({ ...error("ir.invalid", `${e.path || "/"}: ${e.message}`), path: e.path })));
  }
  const { dialect, diagnostic } = resolveDialect(options.dialect, "target");
  if (dialect === undefined) return noText([diagnostic!]);
  const { program: valid, diagnostics: defaulting } = withSourceDefaults(program as Program, dialect);
  const checks = [...defaulting, ...dialect.check(valid)];
  // The caller's program is never changed: redaction works on a copy.
  const printed = options.redact ? structuredClone(valid) : valid;
  if (options.redact) redactProgram(printed);
  const emitted = print(dialect, printed, options.width);
  return { text: emitted.text, diagnostics: sortDiagnostics([...checks, ...emitted.diagnostics]), sensitiveSpans: [] };
}

/**
 * A program read from another dialect, with that dialect's implicit defaults
 * written out (a Materialize Kafka connection with SASL and no protocol is
 * SASL_SSL), so that the target says them or reports them as lost; a warning
 * when the source's defaults are not known. The caller's program is left as
 * it is.
 */
function withSourceDefaults(program: Program, target: Dialect): { program: Program; diagnostics: Diagnostic[] } {
  if (program.source === undefined || program.source === target.id) return { program, diagnostics: [] };
  const source = dialectById(program.source);
  if (source === undefined) {
    const unknown = warning(
      "emit.source-defaults-unknown",
      `the program was read from ${program.source}, whose implicit defaults connbridge does not know; fields it left out take ${target.platform}'s defaults`,
    );
    return { program, diagnostics: [{ ...unknown, path: "source" }] };
  }
  const defaults = source.explicitDefaults;
  if (defaults === undefined) return { program, diagnostics: [] };
  const statements = program.statements.map((s) => (s.kind === "create_connection" ? { ...s, connection: defaults(structuredClone(s.connection)) } : s));
  return { program: { ...program, statements }, diagnostics: [] };
}

/** Translates text from one dialect to another through the IR. */
export function translate(text: string, options: TranslateOptions): TextResult {
  return guarded(
    "translate",
    () => {
      const problems = [...checkOptions("TranslateOptions", "translate", options), ...checkText(text, "translate")];
      if (hasErrors(problems)) return noText(problems);
      const { text: translated, diagnostics, sensitiveSpans } = translateText(text, options);
      return { text: translated, diagnostics: [...problems, ...diagnostics], sensitiveSpans };
    },
    noText,
  );
}

function translateText(text: string, options: TranslateOptions): TextResult {
  const source = resolveDialect(options.from, "source");
  const target = resolveDialect(options.to, "target");
  const problems = [source.diagnostic, target.diagnostic].filter((d): d is Diagnostic => d !== undefined);
  if (problems.length > 0) return noText(problems);
  if (options.from === options.to) {
    // Within one dialect nothing needs planning: the canonical form is the translation.
    const formatted = formatText(text, { dialect: options.to, ...(options.width !== undefined ? { width: options.width } : {}), ...(options.redact ? { redact: true } : {}) });
    const unused = (["secrets", "supply", "placeholders", "pipelineTemplate"] as const).filter((k) => options[k] !== undefined && options[k] !== false);
    if (unused.length > 0) {
      formatted.diagnostics.push(
        warning("translate.options-ignored", `within one dialect the translation is the canonical form: ${unused.join(", ")} ${unused.length === 1 ? "has" : "have"} nothing to do`),
      );
    }
    return formatted;
  }
  const parsed = parseText(text, { dialect: options.from });
  const planned = new TranslationPlanner(source.dialect!, target.dialect!, text, options).plan(parsed.program);
  const emitted = print(target.dialect!, planned.program, options.width);
  const targetChecks = target.dialect!.check(planned.program);
  let produced = [...unknownSupplyTargets(options.supply, parsed.program), ...planned.diagnostics, ...emitted.diagnostics, ...targetChecks];
  if (options.strict) {
    produced = produced.map((d) =>
      d.severity === "warning" ? { ...d, severity: "error" as const, message: `${d.message} (strict)` } : d,
    );
  }
  return {
    text: emitted.text,
    diagnostics: sortDiagnostics([...parsed.diagnostics, ...produced]),
    sensitiveSpans: parsed.sensitiveSpans,
  };
}

// The documented interfaces above and the option schemas (src/options.ts) must say the same:
// every well-typed options object passes the checks, and both know the same keys.
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
type Conforms<A, B> = [A] extends [B] ? SameKeys<A, B> : false;
const optionSchemasMatchInterfaces: [
  Conforms<ParseOptions, ParseOptionsShape>,
  Conforms<FormatOptions, FormatOptionsShape>,
  Conforms<EmitOptions, EmitOptionsShape>,
  Conforms<TranslateOptions, TranslateOptionsShape>,
] = [true, true, true, true];
void optionSchemasMatchInterfaces;
