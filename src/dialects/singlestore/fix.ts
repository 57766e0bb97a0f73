// `format --fix` for SingleStore: a secret key written in CONFIG, which SHOW
// LINKS and INFORMATION_SCHEMA.LINKS display (spec §5), moves to the clause
// the catalogue documents it in. Formatting alone keeps every key where it
// was written; this is the explicit step that moves them, one info
// diagnostic per key, naming the key and never its value.
import { info, type Diagnostic } from "../../diagnostics.js";
import type { Program, Span } from "../../ir/schema.js";
import { quoteForMessage } from "../shared/antlr-parse.js";
import { keyEntry, typeOfKind, type LinkType } from "./catalog.js";
import type { KeyLayout, SingleStoreConnectionExtras } from "./fields.js";
import { appendAll } from "../shared/arrays.js";

/** Moves the misplaced secret keys of one link; the extras are changed in place. */
function moveMisplacedSecrets(type: LinkType, extras: SingleStoreConnectionExtras, statementSpan: Span | undefined): Diagnostic[] {
  const layout = extras.layout;
  const config = layout?.config;
  if (layout === undefined || config === undefined) return [];
  const occurrences = new Map<string, number>();
  for (const l of [...config, ...(layout.credentials ?? [])]) occurrences.set(l.key, (occurrences.get(l.key) ?? 0) + 1);
  const diagnostics: Diagnostic[] = [];
  const staying: KeyLayout[] = [];
  for (const written of config) {
    const entry = keyEntry(type, written.key);
    // A key written more than once has no single place to go: its warnings stay.
    if (entry?.secret !== true || entry.clause !== "CREDENTIALS" || occurrences.get(written.key) !== 1) {
      staying.push(written);
      continue;
    }
    (layout.credentials ??= []).push(written);
    const kept = extras.config?.findIndex((k) => k.key === written.key) ?? -1;
    if (kept >= 0) appendAll((extras.credentials ??= []), extras.config!.splice(kept, 1));
    diagnostics.push(
      info(
        "singlestore.key-moved",
        `${quoteForMessage(written.key)} moved from CONFIG to CREDENTIALS, which SHOW LINKS does not display`,
        written.span ?? statementSpan,
      ),
    );
  }
  if (diagnostics.length === 0) return [];
  layout.config = staying;
  if (extras.config?.length === 0) delete extras.config;
  // A CONFIG clause left with no key is left out, as if it had not been written.
  if (staying.length === 0 && extras.configValue === undefined) {
    delete layout.config;
    if (layout.clauses !== undefined) layout.clauses = layout.clauses.filter((c) => c.clause !== "CONFIG");
  }
  return diagnostics;
}

export function fixProgram(program: Program): { program: Program; diagnostics: Diagnostic[] } {
  const fixed = structuredClone(program);
  const diagnostics: Diagnostic[] = [];
  for (const statement of fixed.statements) {
    if (statement.kind !== "create_connection") continue;
    const type = typeOfKind(statement.connection.kind);
    const extras = statement.connection.extras?.singlestore as SingleStoreConnectionExtras | undefined;
    if (type === undefined || extras === undefined) continue;
    appendAll(diagnostics, moveMisplacedSecrets(type, extras, statement.span));
  }
  return { program: fixed, diagnostics };
}
