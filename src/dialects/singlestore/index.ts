import type { Dialect } from "../dialect.js";
import { collectingEmit } from "../shared/program.js";
import { KIND_OF_TYPE, LINK_TYPES } from "./catalog.js";
import { checkProgram } from "./check.js";
import { emitProgram } from "./emit.js";
import { fixProgram } from "./fix.js";
import { parseSingleStore } from "./parse.js";

export const singlestore: Dialect = {
  id: "singlestore",
  platform: "SingleStore",
  parse: parseSingleStore,
  check: checkProgram,
  emit: collectingEmit(emitProgram),
  explicitDefaults(connection) {
    // A Kafka link without security.protocol speaks librdkafka's default, plaintext.
    if (connection.kind !== "kafka" || connection.securityProtocol !== undefined) return connection;
    return { ...connection, securityProtocol: "PLAINTEXT" };
  },
  fix: fixProgram,
  capabilities: {
    connectionKinds: LINK_TYPES.map((t) => KIND_OF_TYPE[t]),
    // Spec §2: [database.]link, at most 64 characters a part.
    names: { parts: ["database", "object"], maxLength: { max: 64, unit: "characters" } },
    connectionComments: "clause",
  },
};
