import type { JsonValue } from "./schema.js";

/** Deeper values than this are cut rather than walked (IR is never this deep). */
const MAX_DEPTH = 1000;
/** More values than this are cut: shared sub-objects could otherwise multiply the work without end. */
const MAX_VALUES = 10_000_000;

interface ViewState {
  /** Set when part of the value was not JSON data and could not be viewed: a cycle, a bigint, nesting beyond MAX_DEPTH. */
  cut: boolean;
  /** Objects on the path from the root, for cycles. */
  ancestors: Set<object>;
  visited: number;
}

const SOURCE_POSITION_KEYS = new Set(["span", "fieldSpans", "sensitiveSpans", "source"]);

/**
 * The IR without source positions and spelling choices: what two programs
 * must share to mean the same thing. Drops every `span`, `fieldSpans` and
 * `sensitiveSpans` key and the program's `source`, the `layout`
 * part of extras (and extras left empty by that), and identifiers' `quoted`
 * flag: an identifier's meaning is its resolved value, and each emitter quotes
 * by its own rules.
 *
 * Never throws. A value that is not JSON data is seen as JSON.stringify sees
 * it (undefined and functions left out, non-finite numbers null); cycles,
 * bigints, nesting deeper than 1000 levels and values beyond the ten
 * millionth become null.
 */
export function semanticView(value: unknown): JsonValue {
  return viewOf(value).view;
}

function viewOf(value: unknown): { view: JsonValue; cut: boolean } {
  const state: ViewState = { cut: false, ancestors: new Set(), visited: 0 };
  try {
    return { view: view(value, false, 0, state) ?? null, cut: state.cut };
  } catch {
    // Only a getter of the caller's own objects can throw here.
    return { view: null, cut: true };
  }
}

/** The view of a value; undefined where JSON has nothing (undefined, functions, symbols). */
function view(value: unknown, inExtras: boolean, depth: number, state: ViewState): JsonValue | undefined {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      return Number.isFinite(value) ? value : null;
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
    case "bigint":
      state.cut = true;
      return null;
  }
  if (value === null) return null;
  if (depth >= MAX_DEPTH || state.ancestors.has(value as object) || ++state.visited > MAX_VALUES) {
    state.cut = true;
    return null;
  }
  state.ancestors.add(value as object);
  try {
    if (Array.isArray(value)) {
      const out: JsonValue[] = [];
      for (let i = 0; i < value.length; i++) out.push(view(value[i], inExtras, depth + 1, state) ?? null);
      return out;
    }
    const out: Record<string, JsonValue> = {};
    const identifier = "value" in (value as object) && "quoted" in (value as object) && Object.keys(value as object).length === 2;
    for (const [key, v] of Object.entries(value as object)) {
      if (v === undefined || SOURCE_POSITION_KEYS.has(key) || (key === "layout" && inExtras) || (identifier && key === "quoted")) continue;
      const inner = view(v, inExtras || key === "extras", depth + 1, state);
      if (inner === undefined) continue;
      const emptyExtras = (inExtras || key === "extras") && typeof inner === "object" && inner !== null && !Array.isArray(inner) && Object.keys(inner).length === 0;
      if (!emptyExtras) define(out, key, inner);
    }
    return out;
  } finally {
    state.ancestors.delete(value as object);
  }
}

/**
 * Whether two IR values are equivalent: equal once spans and layout are set
 * aside. Never throws; values that are not JSON data throughout (see
 * semanticView) are never equivalent, not even to themselves.
 */
export function equivalent(a: unknown, b: unknown): boolean {
  const left = viewOf(a);
  const right = viewOf(b);
  if (left.cut || right.cut) return false;
  return JSON.stringify(sortKeys(left.view)) === JSON.stringify(sortKeys(right.view));
}

function sortKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === "object" && value !== null) {
    const out: Record<string, JsonValue> = {};
    for (const key of Object.keys(value).sort()) define(out, key, sortKeys(value[key]!));
    return out;
  }
  return value;
}

/** Sets a key as an own property, even `__proto__` (plain assignment would change the prototype). */
function define(target: Record<string, JsonValue>, key: string, value: JsonValue): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
