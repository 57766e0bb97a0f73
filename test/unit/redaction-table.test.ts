// Redaction over every sensitive field of every connection kind (the table
// in src/ir/sensitivity.ts), into every dialect: with redact, the planted
// value appears neither in the emitted text nor in the redacted IR.
import { describe, expect, it } from "vitest";
import { DIALECTS } from "../../src/dialects/index.js";
import { setPath, type Fields } from "../../src/dialects/shared/paths.js";
import { emit, validateProgram, type ConnectionKind, type Program } from "../../src/index.js";
import { SENSITIVE_FIELDS } from "../../src/ir/sensitivity.js";
import { redactProgram } from "../../src/translate/redact.js";

/** Auth methods to try for a path under `auth`: the first that makes valid IR is the field's. */
const METHODS = [
  "access_key", "assume_role", "basic", "bearer", "api_key", "oauth2", "headers", "aws", "gcp_service_key",
  "service_account_key", "hmac", "bearer_token", "account_key", "client_secret", "sas_token",
];
const REQUIRED: Partial<Record<ConnectionKind, Record<string, unknown>>> = {
  object_storage: { provider: "oss" },
  kms: { provider: "aws" },
  ai_service: { service: "openai" },
  vector_store: { service: "pinecone" },
};

function programWith(kind: ConnectionKind, path: string, value: string): Program | undefined {
  const concrete = path.replace(/\.\*$/, ".X-Api-Key");
  const segments = concrete.split(".");
  const candidates = segments.length > 1 && /auth$/i.test(segments[0]!) ? METHODS.map((m) => `${segments[0]}@${m}.${segments.slice(1).join(".")}`) : [concrete];
  for (const candidate of candidates) {
    const connection: Fields = { kind, ...structuredClone(REQUIRED[kind] ?? {}) };
    setPath(connection, candidate, value);
    const program = { statements: [{ kind: "create_connection", name: { parts: [{ value: "c", quoted: false }] }, connection }] };
    if (validateProgram(program).length === 0) return program as Program;
  }
  return undefined;
}

const cases = Object.entries(SENSITIVE_FIELDS).flatMap(([kind, paths]) => paths!.map((path) => [kind as ConnectionKind, path] as const));

describe("redaction of every sensitive field", () => {
  it.each(cases)("%s %s", (kind, path) => {
    const planted = `Pl4nted${kind}${path}`.replace(/[^A-Za-z0-9]/g, "");
    const program = programWith(kind, path, planted);
    expect(program, "the sensitive field is in the IR schema").toBeDefined();
    const redacted = structuredClone(program!);
    redactProgram(redacted);
    expect(JSON.stringify(redacted)).not.toContain(planted);
    for (const dialect of Object.keys(DIALECTS)) {
      const result = emit(program, { dialect: dialect as never, redact: true });
      expect(result.text).not.toContain(planted);
      expect(JSON.stringify(result.diagnostics)).not.toContain(planted);
    }
  });
});
