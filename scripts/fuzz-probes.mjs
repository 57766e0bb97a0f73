// The fuzz harness's probes: every API function with its option variants,
// each with the oracles that judge its result. A probe is named
// (`format width=40`, `translate materialize>singlestore redact`), so a
// failure says exactly which call to repeat, and the minimiser reruns one
// probe alone.
//
// Oracles, for every call:
//   throw              — the function threw (the API never throws)
//   internal.error     — its safety net caught an exception (a defect)
//   shape              — the result is not of the documented shape (fields,
//                        diagnostics, spans inside the input), or not JSON data
//   secret-in-diagnostics — a planted value appears in a diagnostic
// and per function:
//   ir-invalid         — parse returned a program the IR schema refuses
//   secret-in-output   — with redact, a planted value appears in the output
//   sensitive-spans    — a planted value in the input is outside every
//                        sensitive span (a CLI code frame would show it)
//   format-not-idempotent — formatting the output again changes it (when the
//                        first format had no error)
//   format-unparsable, translate-unparsable, emit-unparsable — the output does
//                        not parse (syntax layer, no checks) although the
//                        input did (emit into another dialect: and emit
//                        reported nothing it could not say)
//   emit-mutates-program — emit changed the program it was given

const SEVERITIES = new Set(["error", "warning", "info"]);
const CODE = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/;

/**
 * The probes run for an input of `dialect`, in order; `dialects` are the
 * implemented dialects (every ordered pair, the same dialect included, as
 * translation within one dialect is its own path).
 */
export function probeNames(dialect, dialects) {
  const names = ["parse", "parse check=false", "parse redact"];
  for (const variant of ["", " width=1", " width=40", " width=80", " redact", " fix"]) names.push(`format${variant}`);
  for (const to of dialects) {
    for (const variant of ["", " width=40", " redact", " strict", " placeholders", " secrets", " secrets redact", " supply"]) {
      names.push(`translate ${dialect}>${to}${variant}`);
    }
  }
  for (const to of dialects) for (const variant of ["", " width=40", " redact"]) names.push(`emit ${dialect}>${to}${variant}`);
  return names;
}

/**
 * The probes an input runs: the plain call of every function and every pair
 * always, each option variant with probability `variants` (1: all of them).
 * Sampling the variants keeps the inputs per second up; over a run every
 * variant sees a quarter of the inputs or more.
 */
export function selectProbes(rng, dialect, dialects, variants = 0.3) {
  const core = new Set(["parse", "format", ...dialects.flatMap((to) => [`translate ${dialect}>${to}`, `emit ${dialect}>${to}`])]);
  return probeNames(dialect, dialects).filter((name) => core.has(name) || variants >= 1 || rng.next() < variants);
}

/** `translate a>b redact` → `a>b`; undefined for parse and format. */
export function pairOf(probe) {
  return /^(?:translate|emit) (\S+>\S+)/.exec(probe)?.[1];
}

/** The API function a probe calls. */
export const functionOf = (probe) => probe.split(" ")[0];

function positionProblem(p) {
  if (typeof p !== "object" || p === null) return "a span position is not an object";
  for (const key of ["line", "column", "offset"]) {
    if (!Number.isInteger(p[key])) return `a span position's ${key} is not an integer`;
  }
  if (p.line < 1 || p.column < 1 || p.offset < 0) return "a span position is out of range";
  return undefined;
}

/** What is wrong with a span, given the length of the text it points into (undefined: no limit). */
export function spanProblem(span, limit) {
  if (typeof span !== "object" || span === null) return "a span is not an object";
  const problem = positionProblem(span.start) ?? positionProblem(span.end);
  if (problem !== undefined) return problem;
  if (span.start.offset > span.end.offset) return `a span ends (${span.end.offset}) before it starts (${span.start.offset})`;
  if (limit !== undefined && span.end.offset > limit) return `a span ends at ${span.end.offset}, past the input's ${limit} characters`;
  return undefined;
}

/** What is wrong with a diagnostic (undefined: nothing). */
export function diagnosticProblem(d, limit) {
  if (typeof d !== "object" || d === null) return "a diagnostic is not an object";
  if (!SEVERITIES.has(d.severity)) return `a diagnostic has severity ${JSON.stringify(d.severity)}`;
  if (typeof d.code !== "string" || !CODE.test(d.code)) return `a diagnostic has code ${JSON.stringify(d.code)}`;
  if (typeof d.message !== "string" || d.message === "") return `diagnostic ${d.code} has no message`;
  if (d.hint !== undefined && typeof d.hint !== "string") return `diagnostic ${d.code} has a hint that is not a string`;
  if (d.path !== undefined && typeof d.path !== "string") return `diagnostic ${d.code} has a path that is not a string`;
  if (d.span !== undefined) {
    const problem = spanProblem(d.span, limit);
    if (problem !== undefined) return `diagnostic ${d.code}: ${problem}`;
  }
  return undefined;
}

/**
 * What is wrong with the shape of a result: `{ program, diagnostics,
 * sensitiveSpans }` for parse, `{ text, diagnostics, sensitiveSpans }` for
 * the others. `limit` bounds the spans (the input's length).
 */
export function shapeProblem(result, fn, limit) {
  if (typeof result !== "object" || result === null) return `${fn} returned ${result === null ? "null" : typeof result}`;
  if (fn === "parse") {
    if (typeof result.program !== "object" || result.program === null || !Array.isArray(result.program.statements)) return "parse returned no program with statements";
  } else if (typeof result.text !== "string") return `${fn} returned no text`;
  if (!Array.isArray(result.diagnostics)) return `${fn} returned no diagnostics array`;
  if (!Array.isArray(result.sensitiveSpans)) return `${fn} returned no sensitiveSpans array`;
  for (const d of result.diagnostics) {
    const problem = diagnosticProblem(d, limit);
    if (problem !== undefined) return problem;
  }
  for (const span of result.sensitiveSpans) {
    const problem = spanProblem(span, limit);
    if (problem !== undefined) return `sensitiveSpans: ${problem}`;
  }
  return undefined;
}

const hasError = (diagnostics) => diagnostics.some((d) => d.severity === "error");

/** The first planted value that occurs in `text`. */
const plantedIn = (text, planted) => planted.find((v) => text.includes(v));

/**
 * Runs the probes of one input (all, or only those named) and returns what
 * failed. `onCall(probeIndex)` is called before every API call, so that a
 * watchdog knows which probe is running when a call never returns.
 * @param {any} api the library (dist/index.js)
 * @param {{ dialect: string, text: string, planted: string[], secretsOption: Record<string,string>, optionSecret: string, supplyOption?: object, probes?: string[] }} input
 * @param {string[]} dialects
 * @param {{ only?: string[], onCall?: (probeIndex: number) => void }} [options]
 */
export function runProbes(api, input, dialects, options = {}) {
  const names = probeNames(input.dialect, dialects);
  const { text, dialect } = input;
  const planted = [...input.planted, input.optionSecret];
  const failures = [];
  const ran = [];
  let current = -1;
  const call = (fn, ...args) => {
    options.onCall?.(current);
    try {
      return api[fn](...args);
    } catch (e) {
      throw new ApiThrow(fn, e);
    }
  };
  const fail = (probe, kind, oracle, detail) => failures.push({ probe, kind, oracle, detail });

  // Shared by the probes of this input: computed on first use.
  let syntaxClean;
  /** Parsing the input without checks yields no error: its output must parse too. */
  const inputParses = () => (syntaxClean ??= !hasError(call("parse", text, { dialect, check: false }).diagnostics));
  let program;
  const parsedProgram = () => (program ??= call("parse", text, { dialect, check: false }).program);

  /**
   * The oracles every call answers to; returns false when the result is not
   * usable for the probe's own oracles.
   */
  const judge = (probe, fn, result, limit) => {
    const shape = shapeProblem(result, fn, limit);
    if (shape !== undefined) {
      fail(probe, "oracle", "shape", shape);
      return false;
    }
    let serialised;
    try {
      serialised = JSON.stringify(result);
    } catch (e) {
      fail(probe, "oracle", "shape", `the result is not JSON data (${e?.name}: ${String(e?.message).slice(0, 80)})`);
      return false;
    }
    const internal = result.diagnostics.find((d) => d.code === "internal.error");
    if (internal !== undefined) fail(probe, "internal", "internal.error", internal.message);
    const leaked = plantedIn(JSON.stringify(result.diagnostics), planted);
    if (leaked !== undefined) fail(probe, "oracle", "secret-in-diagnostics", `a planted value (${leaked}) appears in a diagnostic`);
    return serialised;
  };

  /** Every occurrence of a planted value in the input lies inside a sensitive span. */
  const coverage = (probe, result) => {
    for (const value of input.planted) {
      for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
        const covered = result.sensitiveSpans.some((s) => s.start.offset <= at && at + value.length <= s.end.offset);
        if (!covered) {
          fail(probe, "oracle", "sensitive-spans", `the planted value at offset ${at} is outside every sensitive span`);
          return;
        }
      }
    }
  };

  const reparse = (probe, oracle, output, target) => {
    if (!inputParses()) return;
    const again = call("parse", output, { dialect: target, check: false });
    const errors = Array.isArray(again?.diagnostics) ? again.diagnostics.filter((d) => d.severity === "error") : [];
    if (errors.length > 0) fail(probe, "oracle", oracle, `the output does not parse in ${target}: ${errors[0].code}: ${errors[0].message}`);
  };

  const probes = {
    parse: (probe, opts) => {
      const result = call("parse", text, { dialect, ...opts });
      const serialised = judge(probe, "parse", result, text.length);
      if (serialised === false) return;
      const invalid = call("validateProgram", result.program);
      if (invalid.length > 0) fail(probe, "oracle", "ir-invalid", `${invalid[0].path || "/"}: ${invalid[0].message}`);
      if (opts.redact) {
        const leaked = plantedIn(JSON.stringify(result.program), input.planted);
        if (leaked !== undefined) fail(probe, "oracle", "secret-in-output", `a planted value (${leaked}) is in the redacted program`);
      } else if (opts.check !== false) coverage(probe, result);
    },
    format: (probe, opts) => {
      const result = call("format", text, { dialect, ...opts });
      if (judge(probe, "format", result, text.length) === false) return;
      if (opts.redact) {
        const leaked = plantedIn(result.text, input.planted);
        if (leaked !== undefined) fail(probe, "oracle", "secret-in-output", `a planted value (${leaked}) is in the redacted output`);
      }
      if (Object.keys(opts).length === 0) coverage(probe, result);
      if (!hasError(result.diagnostics)) {
        const again = call("format", result.text, { dialect, ...opts });
        if (typeof again?.text === "string" && again.text !== result.text) {
          fail(probe, "oracle", "format-not-idempotent", `formatting the output again changes it (${firstDifference(result.text, again.text)})`);
        }
      }
      reparse(probe, "format-unparsable", result.text, dialect);
    },
    translate: (probe, opts, to) => {
      const result = call("translate", text, { from: dialect, to, ...opts });
      if (judge(probe, "translate", result, text.length) === false) return;
      if (opts.redact) {
        const leaked = plantedIn(result.text, planted);
        if (leaked !== undefined) fail(probe, "oracle", "secret-in-output", `a planted value (${leaked}) is in the redacted output`);
      }
      reparse(probe, "translate-unparsable", result.text, to);
    },
    emit: (probe, opts, to) => {
      const given = parsedProgram();
      let before;
      try {
        before = JSON.stringify(given);
      } catch {
        return; // parse's own probe reports a program that is not JSON data
      }
      const result = call("emit", given, { dialect: to, ...opts });
      if (judge(probe, "emit", result, undefined) === false) return;
      if (JSON.stringify(given) !== before) fail(probe, "oracle", "emit-mutates-program", "emit changed the program it was given");
      if (opts.redact) {
        const leaked = plantedIn(result.text, input.planted);
        if (leaked !== undefined) fail(probe, "oracle", "secret-in-output", `a planted value (${leaked}) is in the redacted output`);
      }
      // IR from another dialect is emitted without planning: what the target
      // cannot say (a foreign statement kept as it was, an option it lacks) is
      // written with a diagnostic, and then the output need not parse.
      if (to === dialect || !result.diagnostics.some((d) => d.severity !== "info")) reparse(probe, "emit-unparsable", result.text, to);
    },
  };

  names.forEach((probe, index) => {
    const only = options.only ?? input.probes;
    if (only !== undefined && !only.includes(probe)) return;
    current = index;
    ran.push(probe);
    const [fn, second, ...rest] = probe.split(" ");
    const to = fn === "translate" || fn === "emit" ? second.split(">")[1] : undefined;
    const flags = to === undefined ? [second, ...rest].filter((f) => f !== undefined) : rest;
    const opts = {};
    for (const flag of flags) {
      if (flag.startsWith("width=")) opts.width = Number(flag.slice(6));
      else if (flag === "check=false") opts.check = false;
      else if (flag === "secrets") {
        opts.secrets = input.secretsOption;
        opts.placeholders = true;
      } else if (flag === "supply") {
        if (input.supplyOption !== undefined) opts.supply = input.supplyOption;
        opts.placeholders = true;
      } else opts[flag] = true;
    }
    try {
      probes[fn](probe, opts, to);
    } catch (e) {
      if (e instanceof ApiThrow) fail(probe, "throw", "throw", `${e.fn} threw ${describeError(e.error)}`);
      // An exception of the harness's own code is its defect, reported apart from the library's.
      else fail(probe, "harness", "harness", describeError(e));
    }
  });
  return { ran, failures };
}

/** An exception that escaped an API function (as opposed to one of the harness's own code). */
class ApiThrow extends Error {
  constructor(fn, error) {
    super(`${fn} threw`);
    this.fn = fn;
    this.error = error;
  }
}

const describeError = (e) => `${e?.name ?? typeof e}: ${String(e?.message ?? e).slice(0, 200)}`;

function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `first difference at offset ${i}: ${JSON.stringify(a.slice(i, i + 30))} became ${JSON.stringify(b.slice(i, i + 30))}`;
}

/**
 * What makes two failures the same defect, for counting and for the
 * minimiser (which keeps a candidate only while it fails the same way): the
 * kind, the oracle, the API function and the first words of the detail
 * with numbers and planted values taken out.
 */
export function signatureOf(failure) {
  const detail = String(failure.detail ?? "")
    .replace(/Zq[A-Za-z0-9]{10}Xj/g, "<planted>")
    .replace(/\d+/g, "N")
    .replace(/"[^"]*"/g, "…")
    .slice(0, 90);
  return `${failure.kind} ${failure.oracle} in ${functionOf(failure.probe)}: ${detail}`;
}
