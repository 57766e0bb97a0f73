import type { Dialect } from "../dialect.js";
import { collectingEmit } from "../shared/program.js";
import { CONNECTION_TYPES, KIND_OF_TYPE, REQUIRED_FIELDS } from "./catalog.js";
import { checkProgram } from "./check.js";
import { emitProgram } from "./emit.js";
import { parseMaterialize } from "./parse.js";

export const materialize: Dialect = {
  id: "materialize",
  platform: "Materialize",
  parse: parseMaterialize,
  check: checkProgram,
  emit: collectingEmit(emitProgram),
  explicitDefaults(connection) {
    if (connection.kind !== "kafka" || connection.securityProtocol !== undefined) return connection;
    // Spec §4.1: SASL_SSL when any SASL option or an AWS connection is given, else SSL.
    const sasl = connection.sasl !== undefined || connection.awsConnection !== undefined;
    return { ...connection, securityProtocol: sasl ? "SASL_SSL" : "SSL" };
  },
  capabilities: {
    connectionKinds: CONNECTION_TYPES.map((t) => KIND_OF_TYPE[t]),
    // Spec §2.1: database.schema.item, resolved against materialize.public by default.
    names: {
      parts: ["database", "schema", "object"],
      defaults: { database: "materialize", schema: "public" },
      maxLength: { max: 255, unit: "bytes" },
    },
    secretObjects: true,
    connectionComments: "statement",
    requiredFields: REQUIRED_FIELDS,
  },
};
