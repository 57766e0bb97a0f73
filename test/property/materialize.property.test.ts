// Property tests of the Materialize dialect: emit → parse round trip, printing
// idempotence at several widths, and comment preservation, over generated IR
// programs (see materialize-ir.arbitrary.ts for what is generated).
//
// Runs are deterministic: the seed is fixed (override with FC_SEED, and the
// number of runs with FC_RUNS). On failure fast-check prints the seed, the
// path and the shrunk counterexample; the assertion message shows the
// emitted text and the first place where the IRs differ.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Program } from "../../src/index.js";
import { FIELDS, type MzConnectionType } from "../../src/dialects/materialize/catalog.js";
import { getPath } from "../../src/dialects/shared/paths.js";
import {
  CONNECTION_TYPE_LIST,
  MATERIALIZE_STATEMENT_KINDS,
  commentedProgram,
  connectionsByType,
  isWellFormedBlockComment,
  program,
  statementsByKind,
} from "./materialize-ir.arbitrary.js";
import { describeRoundTripProperties, propertySettings } from "./roundtrip.js";

const { seed: SEED, params } = propertySettings(20_240_521);

describe("materialize IR generator", () => {
  it("covers every statement kind and every catalogue option of every connection type", () => {
    const seen = new Set<string>();
    for (const ir of fc.sample(program, { seed: SEED, numRuns: 400 })) {
      for (const s of ir.statements) seen.add(s.kind);
    }
    expect([...seen].sort()).toEqual([...MATERIALIZE_STATEMENT_KINDS].sort());

    // Which catalogue options a generated connection says, read off the IR by the catalogue's field paths.
    const says = (connection: Record<string, unknown>, option: string, path: string): boolean => {
      const brokers = (connection.brokers as unknown[] | undefined)?.length ?? 0;
      const rules = (connection.brokerRules as unknown[] | undefined)?.length ?? 0;
      if (option === "BROKER") return brokers === 1 && rules === 0;
      if (option === "BROKERS") return brokers + rules > 1;
      if (path === "tunnel") {
        const kind = (connection.tunnel as { kind?: string } | undefined)?.kind;
        return kind === (option === "SSH TUNNEL" ? "ssh" : "privatelink");
      }
      return getPath(connection, path) !== undefined;
    };
    for (const type of CONNECTION_TYPE_LIST) {
      const options = new Set<string>();
      const catalogue = Object.entries(FIELDS[type as MzConnectionType]) as [string, string][];
      for (const connection of fc.sample(connectionsByType[type], { seed: SEED, numRuns: 300 })) {
        for (const [option, path] of catalogue) {
          if (says(connection as unknown as Record<string, unknown>, option, path)) options.add(option);
        }
      }
      expect({ type, options: [...options].sort() }).toEqual({ type, options: catalogue.map(([o]) => o).sort() });
    }
  });

  it("generates only well-formed comments", () => {
    expect(isWellFormedBlockComment(" a /* b */ c ")).toBe(true);
    expect(isWellFormedBlockComment("a/")).toBe(false); // `/*a/*/` opens a nested comment
    expect(isWellFormedBlockComment("*/")).toBe(false);
  });
});

// ---- Known library bugs ---------------------------------------------------------------

const id = (value: string, quoted = false) => ({ value, quoted });
const a = { parts: [id("a")] };

/** Minimal cases of defects these properties once found, kept as regression tests. */
const REGRESSIONS: { what: string; witness: Program }[] = [
  {
    what: "a quoted identifier that could be bare is the same identifier",
    witness: { statements: [{ kind: "validate_connection", name: { parts: [id("a", true)] } }] },
  },
  {
    what: "parsed connections carry no empty extras",
    witness: { statements: [{ kind: "create_connection", name: a, connection: { kind: "ssh_tunnel", host: "h" } }] },
  },
  {
    what: "a backslash in a standard string is an ordinary character",
    witness: { statements: [{ kind: "comment_on", objectType: "secret", name: a, comment: "\\" }] },
  },
  {
    what: "a lone surrogate is one character and shifts nothing after it",
    witness: {
      statements: [
        { kind: "comment_on", objectType: "secret", name: a, comment: "x\ud800y" },
        { kind: "validate_connection", name: a },
      ],
    },
  },
];

describeRoundTripProperties({
  dialect: "materialize",
  platform: "Materialize",
  lossCodes: new Set([
    "materialize.unsupported-field",
    "materialize.unsupported-connection-type",
    "materialize.meaning-lost",
    "materialize.describe",
    "materialize.foreign-verbatim",
    "materialize.foreign-expression",
    "ir.invalid",
  ]),
  params,
  program,
  commentedProgram,
  statementsByKind,
  regressions: REGRESSIONS,
});
