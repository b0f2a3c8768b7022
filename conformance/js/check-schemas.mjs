// Compile every shipped JSON Schema with ajv in strict mode (Draft 2020-12), then validate the
// JSON documents named on the command line as SCHEMA=FILE pairs.
// Usage: node check-schemas.mjs SCHEMA_DIR [name=file ...]
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [dir, ...pairs] = process.argv.slice(2);
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const validators = {};
let failed = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
  const name = file.slice(0, -".json".length);
  try {
    validators[name] = ajv.compile(JSON.parse(readFileSync(join(dir, file), "utf8")));
  } catch (err) {
    failed += 1;
    console.log(`schema ${name}: does not compile in strict mode: ${err.message}`);
  }
}
for (const pair of pairs) {
  const [name, file] = pair.split("=");
  const validate = validators[name];
  if (!validate) {
    failed += 1;
    console.log(`${file}: no compiled schema ${name}`);
    continue;
  }
  // ajv checks plain JSON numbers: a count above 2**53 is checked as its nearest double here (its
  // exact value is what the vector runner reads, with exact-json.mjs).
  if (!validate(JSON.parse(readFileSync(file, "utf8")))) {
    failed += 1;
    const shown = ajv.errorsText(validate.errors.slice(0, 5));
    console.log(`${file}: not valid against ${name} (${validate.errors.length} errors): ${shown}`);
  }
}
console.log(`schemas: ${Object.keys(validators).length} compiled in strict mode, ` +
  `${pairs.length} documents checked, ${failed} problems`);
process.exit(failed ? 1 : 0);
