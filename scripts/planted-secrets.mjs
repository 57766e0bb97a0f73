// The planted-secrets measure: distinctive values planted in every sensitive
// position of each dialect (secret values, password and key options, every
// CREDENTIALS key, misplaced and misspelt keys, ALTER statements, repeated and
// list-valued options, secrets embedded in URLs and connection strings,
// statements that do not parse, statements outside connection DDL), run
// through every command with --redact. Prints, per command, how many planted
// values survive in the output (target 0) and in the diagnostics (target 0,
// with or without --redact). Exits 1 when any survives.
//
//   node scripts/planted-secrets.mjs [--json]
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "bin/connbridge.js");

/** `{S}` is replaced by a fresh planted value, `{B}` by the base64 of one, `{n}` by the template's number. */
export const TEMPLATES = {
  materialize: [
    "CREATE SECRET s{n} AS '{S}';",
    "CREATE SECRET e{n} AS E'{S}\\\\x';",
    "CREATE SECRET d{n} AS $tag${S}$tag$;",
    "CREATE SECRET b{n} AS decode('{B}', 'base64');",
    "ALTER SECRET s{n} AS '{S}';",
    "CREATE CONNECTION k{n} TO KAFKA (BROKER 'b:9092', SASL MECHANISMS 'PLAIN', SASL USERNAME 'u', SASL PASSWORD SECRET s{n});",
    "CREATE CONNECTION kl{n} TO KAFKA (BROKER 'b:9092', SASL PASSWORD '{S}');",
    "CREATE CONNECTION p{n} TO POSTGRES (HOST 'h', DATABASE 'd', USER 'u', PASSWORD '{S}');",
    "CREATE CONNECTION a{n} TO AWS (ACCESS KEY ID 'AKIA', SECRET ACCESS KEY '{S}', SESSION TOKEN '{S}');",
    "CREATE CONNECTION r{n} TO CONFLUENT SCHEMA REGISTRY (URL 'https://u:{S}@reg.example.com', USERNAME 'u', PASSWORD SECRET s{n});",
    "CREATE CONNECTION m{n} TO MYSQL (HOST 'h', USER 'u', PASSWORD '{S}', PASSWORD '{S}');",
    "CREATE CONNECTION t{n} TO KAFKA (BROKER 'b:9092', SSL KEY '{S}', SSL CERTIFICATE 'cert');",
    "CREATE CONNECTION ls{n} TO KAFKA (BROKER 'b:9092', SASL PASSWORD ('{S}', '{S}'));",
    "CREATE CONNECTION i{n} TO ICEBERG CATALOG (CATALOG TYPE 'rest', URL 'https://h', CREDENTIAL '{S}');",
    "CREATE CONNECTION z{n} TO AWS (ACCESS KEY ID 'AKIA', SECRET ACCESS KEY SECRET s{n}, ENDPOINT 'https://x/?AccountKey={S}&sv=1');",
    "ALTER CONNECTION p{n} SET (PASSWORD = '{S}');",
    "ALTER CONNECTION m{n} SET (SSL KEY = '{S}'), SET (PASSWORD = '{S}');",
    "CREATE CONNECTION x{n} TO KAFKA (BROKER 'b:9092', SASL PASSWORD '{S}';",
    "CREATE CONNECTION y{n} TO KAFKA (BROKER 'b:9092', PASSWRD '{S}');",
    "CREATE SOURCE src{n} FROM KAFKA CONNECTION k (TOPIC 't') WITH (password '{S}');",
  ],
  singlestore: [
    `CREATE LINK k{n} AS KAFKA CONFIG '{"security.protocol":"SASL_SSL","sasl.mechanism":"PLAIN"}' CREDENTIALS '{"sasl.username":"u","sasl.password":"{S}"}';`,
    `CREATE LINK c{n} AS KAFKA CONFIG '{"sasl.password":"{S}","sasl.passwrd":"{S}"}' CREDENTIALS '{}';`,
    `CREATE LINK u{n} AS KAFKA CONFIG '{}' CREDENTIALS '{"my_token":"{S}","api_secret":"{S}","ssl.keystore.password":"{S}","schema.registry.password":"{S}","ssl.key.pem":"{S}"}';`,
    `CREATE LINK s{n} AS S3 CONFIG '{"region":"r","x-amz-server-side-encryption-customer-key":"{S}","endpoint_url":"https://u:{S}@h"}' CREDENTIALS '{"aws_access_key_id":"A","aws_secret_access_key":"{S}","aws_session_token":"{S}"}';`,
    `CREATE LINK az{n} AS AZURE CREDENTIALS '{"account_name":"n","account_key":"{S}"}';`,
    `CREATE LINK g{n} AS GCS CREDENTIALS '{"access_id":"a","secret_key":"{S}"}';`,
    `CREATE LINK h{n} AS HTTP CREDENTIALS '{"headers":{"Authorization":"Bearer {S}"}}';`,
    `CREATE LINK mo{n} AS MONGODB CONFIG '{"mongodb.hosts":"h:27017"}' CREDENTIALS '{"mongodb.user":"u","mongodb.password":"{S}"}';`,
    `CREATE LINK my{n} AS MYSQL CONFIG '{"database.hostname":"h"}' CREDENTIALS '{"database.user":"u","database.password":"{S}"}';`,
    `ALTER LINK k{n} SET CREDENTIALS '{"sasl.password":"{S}"}';`,
    `ALTER LINK k{n} SET CREDENTIALS ::sasl.password = '{S}';`,
    "ALTER LINK k{n} SET CONFIG ::`sasl.passwd` = '{S}';",
    `CREATE LINK b{n} AS KAFKA CREDENTIALS '{"sasl.password":"{S}"';`,
    `CREATE LINK r{n} AS KAFKA CREDENTIALS '{"sasl.password":"{S}","sasl.password":"{S}"}';`,
    `CREATE LINK v{n} AS KAFKA CREDENTIALS '["{S}"]';`,
    `CREATE LINK q{n} AS KAFKA CREDENTIALS "{\\"sasl.password\\":\\"{S}\\"}";`,
    `CREATE LINK cs{n} AS AZURE CONFIG '{"connection_string":"DefaultEndpointsProtocol=https;AccountName=a;AccountKey={S}"}' CREDENTIALS '{"account_name":"n"}';`,
    `CREATE PIPELINE p{n} AS LOAD DATA S3 'b/p' CONFIG '{}' CREDENTIALS '{"aws_secret_access_key":"{S}"}' INTO TABLE t;`,
  ],
};

/**
 * Statements from templates with fresh planted values; `valueOf(i)` makes
 * the i-th value. Returns the statements and every value planted (for `{B}`,
 * the value and its base64 text).
 */
export function plantTemplates(templates, valueOf) {
  const values = [];
  const fresh = () => {
    const value = valueOf(values.length);
    values.push(value);
    return value;
  };
  const statements = templates.map((template, n) =>
    template
      .replaceAll("{n}", String(n))
      .replace(/\{S\}/g, () => fresh())
      .replace(/\{B\}/g, () => {
        const encoded = Buffer.from(fresh()).toString("base64");
        values.push(encoded);
        return encoded;
      }),
  );
  return { statements, values };
}

/** A corpus of one dialect with its planted values: every template once. */
export function plant(dialect, prefix = "PLNT") {
  const { statements, values } = plantTemplates(TEMPLATES[dialect], (i) => `${prefix}${dialect.slice(0, 2).toUpperCase()}${i}Q`);
  return { text: `${statements.join("\n")}\n`, values };
}

function run(args, input) {
  try {
    const stdout = execFileSync(process.execPath, [cli, ...args], { input, encoding: "utf8", stdio: ["pipe", "pipe", "pipe"] });
    return { stdout, stderr: "" };
  } catch (e) {
    return { stdout: String(e.stdout ?? ""), stderr: String(e.stderr ?? "") };
  }
}

/** Every command on each corpus: what survives in the output (with --redact) and in the diagnostics (with and without). */
export function measure() {
  const rows = [];
  const dir = mkdtempSync(join(tmpdir(), "planted-"));
  try {
    for (const dialect of Object.keys(TEMPLATES)) {
      const { text, values } = plant(dialect);
      const count = (s) => values.filter((v) => s.includes(v)).length;
      const parsed = run(["parse", "-d", dialect, "--json", "-"], text);
      const programFile = join(dir, `${dialect}.json`);
      writeFileSync(programFile, parsed.stdout.split("\n")[0] ?? "{}");
      const others = Object.keys(TEMPLATES);
      const commands = [
        ["parse", ["parse", "-d", dialect], text],
        ["parse --json", ["parse", "-d", dialect, "--json"], text],
        ["check", ["check", "-d", dialect], text],
        ["format", ["format", "-d", dialect], text],
        ["format --json", ["format", "-d", dialect, "--json"], text],
        ...others.map((to) => [`translate --to ${to}`, ["translate", "--from", dialect, "--to", to, "--placeholders"], text]),
        ...others.map((to) => [`translate --to ${to} --json`, ["translate", "--from", dialect, "--to", to, "--json"], text]),
        ...others.map((to) => [`emit -d ${to}`, ["emit", "-d", to, programFile], ""]),
      ];
      for (const [name, args, input] of commands) {
        const stdinArgs = args.includes(programFile) ? args : [...args, "-"];
        const redacted = run([...stdinArgs.slice(0, -1), "--redact", stdinArgs[stdinArgs.length - 1]].filter((a) => !(a === "--redact" && name === "check")), input);
        const plain = run(stdinArgs, input);
        const isJson = name.endsWith("--json");
        rows.push({
          dialect,
          command: name,
          planted: values.length,
          // check has no output and takes no --redact: its diagnostics are what counts.
          survivingInOutput: name === "check" ? 0 : count(redacted.stdout),
          // With --json the diagnostics are on stdout, in the records.
          survivingInDiagnostics: isJson ? count(JSON.stringify(diagnosticsOf(plain.stdout))) : count(plain.stderr) + count(redacted.stderr),
        });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

function diagnosticsOf(jsonLines) {
  return jsonLines
    .split("\n")
    .filter((l) => l.trim() !== "")
    .flatMap((l) => {
      try {
        return JSON.parse(l).diagnostics ?? [];
      } catch {
        return [l];
      }
    });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = measure();
  if (process.argv.includes("--json")) console.log(JSON.stringify(rows, null, 2));
  else {
    console.log("dialect       command                                planted  in output  in diagnostics");
    for (const r of rows) {
      console.log(`${r.dialect.padEnd(13)} ${r.command.padEnd(38)} ${String(r.planted).padStart(7)}  ${String(r.survivingInOutput).padStart(9)}  ${String(r.survivingInDiagnostics).padStart(14)}`);
    }
    const total = rows.reduce((n, r) => n + r.survivingInOutput + r.survivingInDiagnostics, 0);
    console.log(`surviving planted values: ${total}`);
    process.exitCode = total === 0 ? 0 : 1;
  }
}
