// The connbridge library API.
import { error, sortDiagnostics, warning, type Diagnostic } from "./diagnostics.js";
import { dialectById, DIALECT_IDS } from "./dialects/index.js";
import type { Dialect } from "./dialects/dialect.js";
import { printDoc } from "./dialects/shared/doc.js";
import type { DialectId, Program } from "./ir/schema.js";
import { validateProgram } from "./ir/validate.js";
import { TranslationPlanner, redactProgram, type PlanOptions } from "./translate/plan.js";
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
}

export interface ParseResult {
  program: Program;
  diagnostics: Diagnostic[];
}

export interface FormatOptions {
  dialect: DialectId;
  /** Line width; omitted means unbounded (each statement on one line). */
  width?: number;
  /** Mask every sensitive value (passwords, keys, secret values) in the output. */
  redact?: boolean;
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
}

function resolveDialect(id: string, role: string): { dialect?: Dialect; diagnostic?: Diagnostic } {
  const dialect = dialectById(id);
  if (dialect !== undefined) return { dialect };
  const known = (DIALECT_IDS as readonly string[]).includes(id);
  return {
    diagnostic: error(
      "dialect.unsupported",
      known ? `the ${id} dialect is not implemented yet (${role})` : `unknown dialect ${JSON.stringify(id)} (${role})`,
      undefined,
      `implemented: ${DIALECT_IDS.filter((d) => dialectById(d) !== undefined).join(", ")}`,
    ),
  };
}

/** Parses (and by default checks) text in a dialect. */
export function parse(text: string, options: ParseOptions): ParseResult {
  const { dialect, diagnostic } = resolveDialect(options.dialect, "source");
  if (dialect === undefined) return { program: { statements: [] }, diagnostics: [diagnostic!] };
  const parsed = dialect.parse(text);
  parsed.program.source = dialect.id;
  const diagnostics = [...parsed.diagnostics];
  if (options.check !== false) diagnostics.push(...dialect.check(parsed.program));
  return { program: parsed.program, diagnostics: sortDiagnostics(diagnostics) };
}

/** Re-prints text in its dialect's canonical form. */
export function format(text: string, options: FormatOptions): TextResult {
  const { dialect, diagnostic } = resolveDialect(options.dialect, "source");
  if (dialect === undefined) return { text: "", diagnostics: [diagnostic!] };
  const parsed = parse(text, { dialect: options.dialect });
  if (options.redact) redactProgram(parsed.program);
  const emitted = print(dialect, parsed.program, options.width);
  return { text: emitted.text, diagnostics: sortDiagnostics([...parsed.diagnostics, ...emitted.diagnostics]) };
}

function print(dialect: Dialect, program: Program, width: number | undefined): TextResult {
  const { doc, diagnostics } = dialect.emit(program);
  return { text: printDoc(doc, width === undefined ? {} : { width }), diagnostics };
}

/** Writes an IR program (possibly JSON from elsewhere: validated first) in a dialect. */
export function emit(program: Program | unknown, options: EmitOptions): TextResult {
  const errors = validateProgram(program);
  if (errors.length > 0) {
    return {
      text: "",
      diagnostics: errors.map((e) => ({ ...error("ir.invalid", `${e.path || "/"}: ${e.message}`), path: e.path })),
    };
  }
  const { dialect, diagnostic } = resolveDialect(options.dialect, "target");
  if (dialect === undefined) return { text: "", diagnostics: [diagnostic!] };
  const { program: valid, diagnostics: defaulting } = withSourceDefaults(program as Program, dialect);
  const checks = [...defaulting, ...dialect.check(valid)];
  // The caller's program is never changed: redaction works on a copy.
  const printed = options.redact ? structuredClone(valid) : valid;
  if (options.redact) redactProgram(printed);
  const emitted = print(dialect, printed, options.width);
  return { text: emitted.text, diagnostics: sortDiagnostics([...checks, ...emitted.diagnostics]) };
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
  const source = resolveDialect(options.from, "source");
  const target = resolveDialect(options.to, "target");
  const problems = [source.diagnostic, target.diagnostic].filter((d): d is Diagnostic => d !== undefined);
  if (problems.length > 0) return { text: "", diagnostics: problems };
  if (options.from === options.to) {
    // Within one dialect nothing needs planning: the canonical form is the translation.
    return format(text, { dialect: options.to, ...(options.width !== undefined ? { width: options.width } : {}), ...(options.redact ? { redact: true } : {}) });
  }
  const parsed = parse(text, { dialect: options.from });
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
  };
}
