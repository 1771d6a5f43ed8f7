// Time @argdown/core parsing an Argdown file into its model, for benchmarks/bench.py.
//
//   node benchmarks/argdown_parse.mjs NODE_MODULES FILE REPEATS
//
// NODE_MODULES is the folder where `npm install @argdown/core` put the package (bench.py
// installs it under build/, never as a dependency of argmap). Each run reads the file and
// runs the parser, data and model plugins: text to statements, arguments and relations, the
// work argmap's Argdown reader does. Prints one JSON line: the time of each run and Node's
// start-up (process start to the package loaded), in milliseconds, and what the model holds.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";

const [modules, file, repeatsText] = process.argv.slice(2);
const core = await import(
  pathToFileURL(join(modules, "@argdown", "core", "dist", "index.js")).href
);
const startup = performance.now();

const app = new core.ArgdownApplication();
app.addPlugin(new core.ParserPlugin(), "parse-input");
app.addPlugin(new core.DataPlugin(), "build-model");
app.addPlugin(new core.ModelPlugin(), "build-model");

const times = [];
let response = null;
for (let i = 0; i < Number(repeatsText || 1); i++) {
  const start = performance.now();
  const input = readFileSync(file, "utf8");
  response = app.run({ input, process: ["parse-input", "build-model"], logLevel: "error" });
  times.push(performance.now() - start);
}
const count = (value) => (value ? Object.keys(value).length : 0);
if (!count(response.statements)) {
  // The parser failed (it logs why, e.g. a call stack too small for a long document)
  // and the model plugins never ran: its time would not be a parse of the file.
  console.error("@argdown/core built no model of " + file);
  process.exit(1);
}
console.log(
  JSON.stringify({
    startup_ms: startup,
    times_ms: times,
    statements: count(response.statements),
    arguments: count(response.arguments),
    relations: response.relations ? response.relations.length : 0,
    errors: response.parserErrors ? response.parserErrors.length : 0,
  }),
);
