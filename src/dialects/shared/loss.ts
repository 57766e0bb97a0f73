// Helpers for reporting what a target dialect cannot express.
import type { Connection, Span } from "../../ir/schema.js";

/**
 * Dotted paths of the leaves of a connection's fields (`tls.ca`,
 * `brokers[0].tunnel`), skipping `kind` and `extras`. Secret references and
 * object names count as leaves.
 */
export function leafPaths(connection: Connection): string[] {
  const out: string[] = [];
  const visit = (value: unknown, path: string) => {
    if (value === undefined) return;
    if (Array.isArray(value)) {
      if (value.length === 0) out.push(path);
      value.forEach((v, i) => visit(v, `${path}[${i}]`));
      return;
    }
    if (typeof value === "object" && value !== null && !("secret" in value) && !("parts" in value)) {
      if (Object.keys(value).every((k) => k === "method" || k === "kind")) out.push(path);
      for (const [k, v] of Object.entries(value)) {
        if (k === "method" || k === "kind") continue;
        visit(v, path === "" ? k : `${path}.${k}`);
      }
      return;
    }
    out.push(path);
  };
  for (const [k, v] of Object.entries(connection)) {
    if (k === "kind" || k === "extras") continue;
    visit(v, k);
  }
  return out;
}

/**
 * `[dialect, key]` pairs of the settings of other dialects in extras (layout
 * excepted): what a target reports as lost. Ordered settings lists (entries
 * with a `key`) are reported key by key. Reads any JSON: extras of dialects
 * without an implementation are open, so nothing about their shape is assumed
 * and nothing in them is passed over silently.
 */
export function foreignExtras(extras: unknown, target: string): [string, string][] {
  const out: [string, string][] = [];
  if (!isRecord(extras)) return out;
  for (const [dialect, bag] of Object.entries(extras)) {
    if (dialect === target || bag === undefined) continue;
    if (!isRecord(bag)) {
      out.push([dialect, "(value)"]);
      continue;
    }
    for (const [key, value] of Object.entries(bag)) {
      if (key === "layout" || value === undefined) continue;
      const keys = Array.isArray(value) && value.length > 0 && value.every((e) => isRecord(e) && Object.hasOwn(e, "key")) ? value.map((e) => keyText(e.key)) : undefined;
      if (keys !== undefined) for (const k of keys) out.push([dialect, `${key}.${k}`]);
      else out.push([dialect, key]);
    }
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function keyText(key: unknown): string {
  return typeof key === "string" ? key : JSON.stringify(key) ?? String(key);
}

/**
 * The source span to report a diagnostic about a field at: the span recorded
 * for the path itself or for its nearest recorded ancestor
 * (`connection.brokers[0].address` falls back to `connection.brokers[0]`,
 * then `connection.brokers`), else the statement's own span.
 */
export function fieldSpan(statement: { span?: Span; fieldSpans?: Record<string, Span> }, path: string): Span | undefined {
  const spans = statement.fieldSpans;
  if (spans !== undefined) {
    for (let p = path; p !== ""; p = parentPath(p)) {
      if (Object.hasOwn(spans, p)) return spans[p];
    }
  }
  return statement.span;
}

function parentPath(path: string): string {
  const cut = Math.max(path.lastIndexOf("."), path.lastIndexOf("["));
  return cut <= 0 ? "" : path.slice(0, cut);
}
