import type { JsonValue } from "./schema.js";

/**
 * The IR without source positions and spelling choices: what two programs
 * must share to mean the same thing. Drops every `span` key and every
 * `layout` key inside `extras`.
 */
export function semanticView(value: unknown): JsonValue {
  if (Array.isArray(value)) return value.map(semanticView);
  if (typeof value === "object" && value !== null) {
    const out: Record<string, JsonValue> = {};
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined || key === "span" || key === "layout") continue;
      out[key] = semanticView(v);
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
    for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]!);
    return out;
  }
  return value;
}
