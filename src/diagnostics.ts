import type { Span } from "./ir/schema.js";

export type Severity = "error" | "warning" | "info";

export interface Diagnostic {
  severity: Severity;
  /** Stable identifier of the rule, e.g. `materialize.option-not-supported`. */
  code: string;
  message: string;
  span?: Span;
  hint?: string;
  /** IR field path the diagnostic is about, where there is one. */
  path?: string;
}

/** Whether a list of diagnostics has an error; anything that is not a list has none. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return Array.isArray(diagnostics) && diagnostics.some((d: unknown) => typeof d === "object" && d !== null && (d as Diagnostic).severity === "error");
}

export function error(code: string, message: string, span?: Span, hint?: string): Diagnostic {
  return withOptional({ severity: "error", code, message }, span, hint);
}

export function warning(code: string, message: string, span?: Span, hint?: string): Diagnostic {
  return withOptional({ severity: "warning", code, message }, span, hint);
}

export function info(code: string, message: string, span?: Span, hint?: string): Diagnostic {
  return withOptional({ severity: "info", code, message }, span, hint);
}

function withOptional(d: Diagnostic, span: Span | undefined, hint: string | undefined): Diagnostic {
  if (span !== undefined) d.span = span;
  if (hint !== undefined) d.hint = hint;
  return d;
}

/** Orders diagnostics by position; diagnostics without a span keep their order at the end. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => {
      const ao = a.d.span?.start.offset ?? Number.MAX_SAFE_INTEGER;
      const bo = b.d.span?.start.offset ?? Number.MAX_SAFE_INTEGER;
      return ao - bo || a.i - b.i;
    })
    .map(({ d }) => d);
}
