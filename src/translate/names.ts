// Object names between platforms, by one rule (README, "Names"):
//
// * A name's parts are read right to left by the source platform's roles
//   (Materialize: database.schema.object; SingleStore: database.object).
// * Parts that name the source platform's defaults (`materialize.public`) are
//   the same as leaving them out, and are left out.
// * The remaining parts keep their role in the target. A role the target does
//   not have (a Materialize schema, in SingleStore) is dropped with a warning
//   naming it; a database kept for a target that has schemas between database
//   and object gets the target's default schema, so that it stays a database.
import { warning, type Diagnostic } from "../diagnostics.js";
import type { NamePart, NameRules } from "../dialects/dialect.js";
import type { Identifier, ObjectName, Span } from "../ir/schema.js";

/** A name's parts by role; the object is always there. */
export type ResolvedName = Partial<Record<NamePart, Identifier>> & { object: Identifier };

/** The roles of a name's parts under a platform's rules (a longer name than the rules know keeps its outer parts as database). */
export function resolveName(name: ObjectName, rules: NameRules): ResolvedName {
  const roles = rules.parts;
  const parts = name.parts;
  const resolved: Partial<Record<NamePart, Identifier>> = {};
  for (let i = 0; i < parts.length; i++) {
    const role = roles[roles.length - parts.length + i] ?? "database";
    resolved[role] = parts[i]!;
  }
  return resolved as ResolvedName;
}

/**
 * The key a platform looks a name up by: every role of its rules, missing
 * outer parts filled with the platform's defaults (or left empty: "the
 * current database"). Two spellings of one object have one key.
 */
export function nameKey(name: ObjectName, rules: NameRules): string {
  const resolved = resolveName(name, rules);
  return rules.parts.map((role) => resolved[role]?.value ?? rules.defaults?.[role] ?? "").join("\u0000");
}

/** A secret or connection name given as text by the caller (`db.schema.pw`): dotted, unquoted. */
export function nameOfText(text: string): ObjectName {
  return { parts: text.split(".").map((value) => ({ value, quoted: false })) };
}

export const nameText = (name: ObjectName): string => name.parts.map((p) => p.value).join(".");

export interface MappedName {
  name: ObjectName;
  diagnostics: Diagnostic[];
}

/** A name of the source platform said in the target's terms. */
export function mapName(name: ObjectName, from: NameRules, to: NameRules, targetPlatform: string, span: Span | undefined, path: string): MappedName {
  const resolved = resolveName(name, from);
  const diagnostics: Diagnostic[] = [];
  const kept: Partial<Record<NamePart, Identifier>> = {};
  for (const role of ["database", "schema"] as const) {
    const part = resolved[role];
    if (part === undefined || from.defaults?.[role] === part.value) continue;
    if (to.parts.includes(role)) {
      kept[role] = part;
      continue;
    }
    diagnostics.push({
      ...warning(
        "translate.name-qualification",
        `${targetPlatform} names have no ${role}: ${role} ${part.value} of ${nameText(name)} is dropped`,
        span,
        `${targetPlatform} qualifies names as ${to.parts.join(".")}`,
      ),
      path,
    });
  }
  // A database kept below a target schema level needs that level said, or it would read as a schema.
  if (kept.database !== undefined && kept.schema === undefined && to.parts.includes("schema")) {
    const schema = to.defaults?.schema;
    if (schema !== undefined) kept.schema = { value: schema, quoted: false };
  }
  const parts = to.parts.map((role) => (role === "object" ? resolved.object : kept[role])).filter((p): p is Identifier => p !== undefined);
  // A catalog id or version is the target emitter's to report, not this rule's to drop.
  const { parts: _, ...rest } = name;
  return { name: { ...rest, parts }, diagnostics };
}

/** Whether an identifier is longer than a platform allows. */
export function tooLong(identifier: Identifier, rules: NameRules): boolean {
  const limit = rules.maxLength;
  if (limit === undefined) return false;
  const size = limit.unit === "bytes" ? new TextEncoder().encode(identifier.value).length : [...identifier.value].length;
  return size > limit.max;
}

/**
 * A generated name that fits the platform's limit: cut, with a short hash of
 * the whole name so that two long names cut the same way stay apart.
 */
export function fitName(base: string, rules: NameRules): string {
  const limit = rules.maxLength;
  if (limit === undefined || !tooLong({ value: base, quoted: false }, rules)) return base;
  let hash = 0x811c9dc5;
  for (let i = 0; i < base.length; i++) hash = Math.imul(hash ^ base.charCodeAt(i), 0x01000193) >>> 0;
  const suffix = `_${hash.toString(36)}`;
  let cut = base;
  while (cut.length > 0 && tooLong({ value: `${cut}${suffix}`, quoted: false }, rules)) cut = cut.slice(0, -1);
  return `${cut}${suffix}`;
}
