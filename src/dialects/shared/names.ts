// Where the identifiers of a statement are, for the dialects' identifier
// rules (empty names, length limits). IR from JSON can hold any identifier
// anywhere; the rules must see each one the emitter would print.
import type { DialectId, Identifier, Statement } from "../../ir/schema.js";

export interface IdentifierSite {
  /** IR path from the statement, e.g. `name.parts[1]` or `connection.sasl.password.secret.parts[0]`. */
  path: string;
  identifier: Identifier;
}

/** Places that hold JSON values, never names: Hadoop client properties (other dialects' extras are skipped by dialect). */
const JSON_VALUED_KEYS: ReadonlySet<string> = new Set(["properties"]);

function isIdentifier(value: object): value is Identifier {
  const keys = Object.keys(value);
  return keys.length === 2 && typeof (value as Identifier).value === "string" && typeof (value as Identifier).quoted === "boolean";
}

/**
 * Every identifier of a statement, with its path: names, owners, connection
 * references, secret references and names inside option values, including
 * those in `dialect`'s own extras (other dialects' extras are not printed by
 * `dialect`, and hold no names it would print).
 */
export function identifiersOf(statement: Statement, dialect: DialectId): IdentifierSite[] {
  const sites: IdentifierSite[] = [];
  const visit = (value: unknown, path: string): void => {
    if (typeof value !== "object" || value === null) return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, `${path}[${i}]`));
      return;
    }
    if (isIdentifier(value)) {
      sites.push({ path, identifier: value });
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      if (key === "span" || key === "comments" || JSON_VALUED_KEYS.has(key)) continue;
      const at = path === "" ? key : `${path}.${key}`;
      if (key === "extras") {
        if (typeof item === "object" && item !== null && Object.hasOwn(item, dialect)) visit((item as Record<string, unknown>)[dialect], `${at}.${dialect}`);
        continue;
      }
      visit(item, at);
    }
  };
  visit(statement, "");
  return sites;
}
