import type { JsonValue } from "./schema.js";

/**
 * The IR without source positions and spelling choices: what two programs
 * must share to mean the same thing. Drops every `span`, `fieldSpans` and
 * `sensitiveSpans` key and the program's `source`, the `layout`
 * part of extras (and extras left empty by that), and identifiers' `quoted`
 * flag: an identifier's meaning is its resolved value, and each emitter quotes
 * by its own rules.
 */
const SOURCE_POSITION_KEYS = new Set(["span", "fieldSpans", "sensitiveSpans", "source"]);

export function semanticView(value: unknown): JsonValue {
  return view(value, false);
}

function view(value: unknown, inExtras: boolean): JsonValue {
  if (Array.isArray(value)) return value.map((v) => view(v, inExtras));
  if (typeof value === "object" && value !== null) {
    const out: Record<string, JsonValue> = {};
    const identifier = "value" in value && "quoted" in value && Object.keys(value).length === 2;
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined || SOURCE_POSITION_KEYS.has(key) || (key === "layout" && inExtras) || (identifier && key === "quoted")) continue;
      const inner = view(v, inExtras || key === "extras");
      const emptyExtras = (inExtras || key === "extras") && typeof inner === "object" && inner !== null && !Array.isArray(inner) && Object.keys(inner).length === 0;
      if (!emptyExtras) define(out, key, inner);
    }
    return out;
  }
  return value as JsonValue;
}

/** Whether two IR values are equivalent: equal once spans and layout are set aside. */
export function equivalent(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(semanticView(a))) === JSON.stringify(sortKeys(semanticView(b)));
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
