// Run the conformance vectors against decide.mjs and print "N passed, M failed".
// Usage: node run.mjs VECTORS.json UNITS.json INDICATORS.json
import { readFileSync } from "node:fs";
import {
  assess, calendarOn, evaluateTarget, readCell, resolveUnit, rollup, validateRow,
} from "./decide.mjs";
import { parseExact } from "./exact-json.mjs";

const [vectorsFile, unitsFile, indicatorsFile] = process.argv.slice(2);
const vectors = parseExact(readFileSync(vectorsFile, "utf8"));
const units = JSON.parse(readFileSync(unitsFile, "utf8"));
const indicators = JSON.parse(readFileSync(indicatorsFile, "utf8"));

// Canonical text of a value, BigInt and Number alike, keys in a fixed order.
function canon(value) {
  if (typeof value === "bigint" || typeof value === "number") return String(value);
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canon(value[k])}`).join(",")}}`;
}

function run(c) {
  if (c.kind === "unit") return resolveUnit(units, c.name, c.as_of);
  if (c.kind === "assess") return assess(vectors.definitions[c.plan], units, c);
  if (c.kind === "rollup") return rollup(vectors.definitions[c.plan], units, c.as_of, c.rows);
  if (c.kind === "target") {
    const target = vectors.definitions[c.plan].targets.find((t) => t.id === c.target);
    return evaluateTarget(target, c.reading ?? target.readings[0] ?? null, c.rows);
  }
  if (c.kind === "cell") {
    const read = readCell(c.cell);
    return read.error ? read : { count: read.count };
  }
  if (c.kind === "row") return validateRow(vectors.definitions[c.plan], units, indicators, c.record);
  if (c.kind === "calendar") return calendarOn(vectors.definitions[c.plan].calendar, c.as_of);
  throw new Error(`unknown case kind ${c.kind}`);
}

let passed = 0;
const failures = [];
for (const c of vectors.cases) {
  let got;
  try {
    got = run(c);
  } catch (err) {
    got = { exception: String(err) };
  }
  if (canon(got) === canon(c.expected)) passed += 1;
  else failures.push(`${c.id}: expected ${canon(c.expected)}, got ${canon(got)}`);
}
for (const f of failures.slice(0, 20)) console.log(f);
console.log(`${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
