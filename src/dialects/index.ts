// The dialect registry: adding a dialect is one folder and one line here.
import type { DialectId } from "../ir/schema.js";
import type { Dialect } from "./dialect.js";
import { materialize } from "./materialize/index.js";
import { singlestore } from "./singlestore/index.js";

export const DIALECTS: Partial<Record<DialectId, Dialect>> = {
  materialize,
  singlestore,
};

export const DIALECT_IDS: readonly DialectId[] = ["materialize", "flink", "cockroachdb", "databend", "singlestore"];

export function dialectById(id: string): Dialect | undefined {
  return Object.hasOwn(DIALECTS, id) ? (DIALECTS as Record<string, Dialect | undefined>)[id] : undefined;
}

export type { Dialect };
