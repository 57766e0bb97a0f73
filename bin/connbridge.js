#!/usr/bin/env node
// Entry point of the connbridge command; the implementation lives in dist/cli.
import("../dist/cli/main.js")
  .then(({ main }) => main(process.argv.slice(2)))
  .then((exitCode) => {
    process.exitCode = exitCode;
  })
  .catch((e) => {
    process.stderr.write(`connbridge: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  });
