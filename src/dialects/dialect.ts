import type { Diagnostic } from "../diagnostics.js";
import type { Connection, ConnectionKind, DialectId, Program } from "../ir/schema.js";
import type { Doc } from "./shared/doc.js";

/** What every dialect folder implements. */
export interface Dialect {
  id: DialectId;
  /** The platform's name, for messages. */
  platform: string;
  /** Text → IR, with lexical and syntax diagnostics (no planner checks). */
  parse(text: string): { program: Program; diagnostics: Diagnostic[] };
  /** The platform's validation rules over an IR program. */
  check(program: Program): Diagnostic[];
  /** IR → Doc, with diagnostics for what the dialect cannot express. */
  emit(program: Program): { doc: Doc; diagnostics: Diagnostic[] };
  /** What the dialect can express, for translation planning. */
  capabilities: Capabilities;
  /**
   * The connection with the defaults the platform applies to omitted fields
   * made explicit, where another platform's default differs (Materialize's
   * Kafka security protocol is SASL_SSL or SSL; librdkafka's is PLAINTEXT).
   * Used when translating out of this dialect.
   */
  explicitDefaults?(connection: Connection): Connection;
  /**
   * A copy of the program with what the platform's rules say belongs
   * elsewhere moved there (SingleStore: a secret key written in CONFIG goes
   * to CREDENTIALS), each change reported as an info diagnostic. Only an
   * explicit `fix` applies it: formatting alone never changes meaning.
   */
  fix?(program: Program): { program: Program; diagnostics: Diagnostic[] };
}

/** What a part of a qualified name stands for. */
export type NamePart = "database" | "schema" | "object";

/** How a platform qualifies and limits object names. */
export interface NameRules {
  /** The roles of the parts of a fully qualified name, outermost first (a shorter name drops outer parts). */
  parts: readonly NamePart[];
  /** Parts that name the platform's defaults (Materialize's `materialize.public`): saying them adds nothing. */
  defaults?: Partial<Record<NamePart, string>>;
  /** The longest identifier the platform takes. */
  maxLength?: { max: number; unit: "bytes" | "characters" };
}

export interface Capabilities {
  /** How names are qualified, for mapping them between platforms and resolving secret references. */
  names: NameRules;
  connectionKinds: readonly ConnectionKind[];
  /** Connections reference named secret objects (Materialize's CREATE SECRET) instead of inlining values. */
  secretObjects?: boolean;
  /** IR fields a connection of a kind must have to be valid; `a|b` means either will do. */
  requiredFields?: Partial<Record<ConnectionKind, readonly string[]>>;
  /**
   * How a connection's description is said: a clause of CREATE (SingleStore's
   * DESCRIPTION) or a statement of its own (Materialize's COMMENT ON).
   */
  connectionComments?: "clause" | "statement";
}
