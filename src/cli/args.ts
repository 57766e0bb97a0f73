// Command-line grammar of connbridge: the commands, the option table and a
// small hand-written parser over them. Adding a flag is adding a row to
// OPTIONS; the parser, the per-command checks and the help text follow.

export const COMMAND_NAMES = ["parse", "check", "format", "emit", "translate"] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export interface CommandSpec {
  summary: string;
  /** File extension collected from directories, and how inputs are read. */
  inputExtension: ".sql" | ".json";
  /** Extension of files written under --out-dir (undefined: the command writes no text). */
  outputExtension?: ".sql" | ".json";
}

export const COMMANDS: Record<CommandName, CommandSpec> = {
  parse: { summary: "print the IR of each input as JSON", inputExtension: ".sql", outputExtension: ".json" },
  check: { summary: "report diagnostics only", inputExtension: ".sql" },
  format: { summary: "print each input in its dialect's canonical form", inputExtension: ".sql", outputExtension: ".sql" },
  emit: { summary: "write IR JSON as SQL of a dialect", inputExtension: ".json", outputExtension: ".sql" },
  translate: { summary: "convert SQL from one dialect to another", inputExtension: ".sql", outputExtension: ".sql" },
};

export type OptionValueKind = "string" | "positive-integer" | "path";

export interface OptionSpec {
  /** Long name without the leading dashes; also the key in ParsedOptions. */
  name: string;
  short?: string;
  /** Kind of the value the option takes; absent for boolean flags. */
  value?: OptionValueKind;
  /** Placeholder for the value in help text. */
  valueName?: string;
  /** Commands accepting the option. */
  commands: readonly CommandName[];
  /** Commands for which the option must be given. */
  requiredFor?: readonly CommandName[];
  defaultValue?: string | number;
  /** The option may be given several times; its values are collected in order. */
  repeatable?: boolean;
  description: string;
  /** Per-command wording where the option means something more specific. */
  descriptionFor?: Partial<Record<CommandName, string>>;
}

const ALL_COMMANDS = COMMAND_NAMES;
const TEXT_OUTPUT_COMMANDS: readonly CommandName[] = ["parse", "format", "emit", "translate"];

export const OPTIONS: readonly OptionSpec[] = [
  {
    name: "dialect",
    short: "d",
    value: "string",
    valueName: "NAME",
    commands: ["parse", "check", "format", "emit"],
    defaultValue: "materialize",
    description: "dialect of the input",
    descriptionFor: { emit: "dialect to write" },
  },
  {
    name: "from",
    value: "string",
    valueName: "NAME",
    commands: ["translate"],
    defaultValue: "materialize",
    description: "dialect of the input",
  },
  { name: "to", value: "string", valueName: "NAME", commands: ["translate"], requiredFor: ["translate"], description: "dialect to write" },
  {
    name: "width",
    value: "positive-integer",
    valueName: "N",
    commands: ["format", "emit", "translate"],
    description: "break statements to fit N columns (default: one line per statement)",
  },
  {
    name: "out-dir",
    value: "path",
    valueName: "DIR",
    commands: TEXT_OUTPUT_COMMANDS,
    description: "write each result under DIR, at its path below the inputs' common folder, instead of stdout (never into or over an input)",
  },
  {
    name: "secrets",
    value: "path",
    valueName: "FILE",
    commands: ["translate"],
    description: "JSON object of secret values by secret name, for references the input does not define",
  },
  { name: "placeholders", commands: ["translate"], description: "write <<connbridge-secret:NAME>> for secrets that cannot be resolved instead of failing" },
  {
    name: "set",
    value: "string",
    valueName: "NAME:FIELD=VALUE",
    repeatable: true,
    commands: ["translate"],
    description: "supply a field the source cannot carry, e.g. --set kafka_connection:brokers=b1:9092,b2:9092",
  },
  { name: "redact", commands: ["parse", "format", "emit", "translate"], description: "mask every sensitive value (passwords, keys, secret values) in the output" },
  { name: "fix", commands: ["format"], description: "also move what the platform's rules put elsewhere (a SingleStore secret key in CONFIG goes to CREDENTIALS), reporting each move" },
  { name: "strict", commands: ["translate"], description: "report every loss as an error instead of a warning" },
  {
    name: "pipeline-template",
    commands: ["translate"],
    description: "after a SingleStore Kafka link, add a commented CREATE PIPELINE carrying the brokers the link cannot hold",
  },
  { name: "json", commands: ALL_COMMANDS, description: "machine-readable output: one JSON object per input on stdout" },
  { name: "help", short: "h", commands: ALL_COMMANDS, description: "show help" },
];

/** Flags that are only meaningful without a command. */
const GLOBAL_FLAGS = ["--version", "--help", "-h"];

export type ParsedOptions = Record<string, string | number | boolean | string[] | undefined>;

export type ParsedArguments =
  | { kind: "run"; command: CommandName; options: ParsedOptions; paths: string[] }
  | { kind: "help"; command?: CommandName }
  | { kind: "version" }
  | { kind: "usage-error"; message: string; command?: CommandName };

function isCommandName(word: string): word is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(word);
}

function findOption(arg: string): { spec?: OptionSpec; inlineValue?: string; spelled: string } {
  if (arg.startsWith("--")) {
    const equals = arg.indexOf("=");
    const name = equals === -1 ? arg.slice(2) : arg.slice(2, equals);
    const spelled = `--${name}`;
    const spec = OPTIONS.find((o) => o.name === name);
    return equals === -1 ? { spec, spelled } : { spec, spelled, inlineValue: arg.slice(equals + 1) };
  }
  const short = arg.slice(1);
  return { spec: OPTIONS.find((o) => o.short !== undefined && o.short === short), spelled: arg };
}

function parseValue(spec: OptionSpec, raw: string, spelled: string): { value?: string | number; message?: string } {
  switch (spec.value) {
    case "positive-integer":
      if (!/^[1-9][0-9]{0,8}$/.test(raw)) return { message: `${spelled} expects a positive integer, got ${JSON.stringify(raw)}` };
      return { value: Number(raw) };
    case "path":
    case "string":
    default:
      if (raw === "") return { message: `${spelled} expects a non-empty value` };
      return { value: raw };
  }
}

/** Turns argv (without node and the script) into what to do. */
export function parseArguments(argv: readonly string[]): ParsedArguments {
  const first = argv[0];
  if (first === undefined) return { kind: "usage-error", message: "missing command" };
  if (first === "--version") return { kind: "version" };
  if (first === "--help" || first === "-h") return { kind: "help" };
  if (first === "help") {
    const topic = argv[1];
    if (topic === undefined) return { kind: "help" };
    return isCommandName(topic) ? { kind: "help", command: topic } : { kind: "usage-error", message: `unknown command ${JSON.stringify(topic)}` };
  }
  if (first.startsWith("-") && first !== "-") {
    return { kind: "usage-error", message: `expected a command before ${first}` };
  }
  if (!isCommandName(first)) return { kind: "usage-error", message: `unknown command ${JSON.stringify(first)}` };
  const command = first;
  const rest = argv.slice(1);

  // Help wins over every other problem on the line, so a half-typed command can ask for it.
  const endOfOptions = rest.indexOf("--");
  const optionArea = endOfOptions === -1 ? rest : rest.slice(0, endOfOptions);
  if (optionArea.includes("--help") || optionArea.includes("-h")) return { kind: "help", command };

  const options: ParsedOptions = {};
  const paths: string[] = [];
  const fail = (message: string): ParsedArguments => ({ kind: "usage-error", message, command });
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === "--") {
      paths.push(...rest.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      paths.push(arg);
      continue;
    }
    const { spec, inlineValue, spelled } = findOption(arg);
    if (spec === undefined) {
      if (GLOBAL_FLAGS.includes(spelled)) return fail(`${spelled} must come before the command`);
      return fail(`unknown option ${spelled}`);
    }
    if (!spec.commands.includes(command)) return fail(`option --${spec.name} does not apply to ${command}`);
    if (spec.value === undefined) {
      if (inlineValue !== undefined) return fail(`option --${spec.name} does not take a value`);
      options[spec.name] = true;
      continue;
    }
    let raw = inlineValue;
    if (raw === undefined) {
      const next = rest[i + 1];
      if (next === undefined || (next.startsWith("-") && next.length > 1)) return fail(`option ${spelled} needs a value (${spec.valueName ?? "VALUE"})`);
      raw = next;
      i++;
    }
    const parsed = parseValue(spec, raw, spelled);
    if (parsed.message !== undefined) return fail(parsed.message);
    if (spec.repeatable) options[spec.name] = [...((options[spec.name] as string[] | undefined) ?? []), String(parsed.value)];
    else options[spec.name] = parsed.value;
  }

  for (const spec of OPTIONS) {
    if (!spec.commands.includes(command)) continue;
    if (options[spec.name] === undefined && spec.defaultValue !== undefined) options[spec.name] = spec.defaultValue;
    if (options[spec.name] === undefined && spec.requiredFor?.includes(command)) {
      return fail(`option --${spec.name} is required for ${command}`);
    }
  }
  return { kind: "run", command, options, paths };
}

interface HelpRow {
  names: string;
  description: string;
}

function optionRows(specs: readonly OptionSpec[], command: CommandName | undefined): HelpRow[] {
  return specs.map((spec) => {
    const names = `${spec.short !== undefined ? `-${spec.short}, ` : "    "}--${spec.name}${spec.valueName !== undefined ? ` ${spec.valueName}` : ""}`;
    let description = (command !== undefined ? spec.descriptionFor?.[command] : undefined) ?? spec.description;
    if (spec.defaultValue !== undefined) description += ` (default: ${spec.defaultValue})`;
    if (command !== undefined && spec.requiredFor?.includes(command)) description += " (required)";
    if (command === undefined && spec.commands.length < COMMAND_NAMES.length) description += ` [${spec.commands.join(", ")}]`;
    return { names, description };
  });
}

function table(rows: readonly HelpRow[]): string[] {
  const width = Math.max(...rows.map((r) => r.names.length));
  return rows.map((r) => `  ${r.names.padEnd(width)}  ${r.description}`);
}

function inputsNote(command: CommandName | undefined): string[] {
  const collected = command === "emit" ? "every *.json file below them" : command === undefined ? "every *.sql file below them; *.json for emit" : "every *.sql file below them";
  return [
    `Inputs are files, directories (${collected}, ignoring case, in sorted order)`,
    "or standard input when no path or '-' is given. Diagnostics go to stderr.",
    "Input is UTF-8 or UTF-16 with a byte-order mark; links out of a directory are not followed.",
  ];
}

const EXIT_NOTE = "Exit status: 0 no errors, 1 error diagnostics, 2 usage or I/O error.";

export function helpText(command?: CommandName): string {
  if (command === undefined) {
    return [
      "connbridge - parse, check, format and translate connection DDL",
      "",
      "Usage: connbridge <command> [options] [path ...]",
      "       connbridge --help | --version",
      "",
      "Commands:",
      ...table(COMMAND_NAMES.map((c) => ({ names: c, description: COMMANDS[c].summary }))),
      "",
      ...inputsNote(undefined),
      "",
      "Options:",
      ...table([...optionRows(OPTIONS, undefined), { names: "    --version", description: "print the version" }]),
      "",
      "Run 'connbridge <command> --help' for the options of one command.",
      EXIT_NOTE,
      "",
    ].join("\n");
  }
  const spec = COMMANDS[command];
  return [
    `Usage: connbridge ${command} [options] [path ...]`,
    "",
    `${spec.summary[0]!.toUpperCase()}${spec.summary.slice(1)}.`,
    "",
    ...inputsNote(command),
    "",
    "Options:",
    ...table(optionRows(OPTIONS.filter((o) => o.commands.includes(command)), command)),
    "",
    EXIT_NOTE,
    "",
  ].join("\n");
}
