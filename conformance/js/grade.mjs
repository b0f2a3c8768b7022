// Key complex classes (Decision 28/2025/QĐ-TTg, Điều 4 and 5), written from the implementers'
// guide (docs/implementers.rst, "Classes"): a plan's `classifications` as `vn-drugfree show`
// (or the vectors' `definitions`) give them. Every comparison is exact, in BigInt.

// An exact non-negative decimal or whole number -> [numerator, denominator] as BigInts.
// Counts arrive as Number or BigInt; an area in m² may arrive as decimal text ("749.5").
export function exact(value) {
  if (typeof value === "bigint") return [value, 1n];
  const text = String(value);
  const m = /^([0-9]+)(?:\.([0-9]+))?$/.exec(text);
  if (!m) throw new Error(`not an exact count: ${text}`);
  const digits = m[2] ?? "";
  return [BigInt(m[1] + digits), 10n ** BigInt(digits.length)];
}

function fraction(text) {
  const [p, q = "1"] = text.split("/");
  return [BigInt(p), BigInt(q)];
}

// Whether value (or value / base) lies in the interval: v * q against p (or p * base).
export function inInterval(iv, value, base = null) {
  const [vn, vd] = exact(value);
  const [bn, bd] = base === null ? [1n, 1n] : exact(base);
  for (const [end, closed, low] of [[iv.lower, iv.lower_closed, true], [iv.upper, iv.upper_closed, false]]) {
    if (end === null) continue;
    const [p, q] = fraction(end);
    // vn/vd * q  against  p * bn/bd, both sides times vd * bd
    const left = vn * q * bd;
    const right = p * bn * vd;
    const ok = low ? (closed ? left >= right : left > right) : (closed ? left <= right : left < right);
    if (!ok) return false;
  }
  return true;
}

// One requirement of a class criterion; `decideOther` decides the drug-free kinds.
export function holds(req, counts, tallies, decideOther) {
  switch (req.kind) {
    case "ratio": {
      const [bn] = exact(counts[req.base]);
      return bn > 0n && inInterval(req.interval, counts[req.indicator], counts[req.base]);
    }
    case "count":
      return inInterval(req.interval, counts[req.indicator]);
    case "criteria_met":
      return inInterval(req.interval, BigInt(tallies[req.class_id]));
    case "fact":
      return exact(counts[req.indicator])[0] === 1n && exact(counts[req.indicator])[1] === 1n;
    case "any_of":
      return req.options.some((o) => holds(o, counts, tallies, decideOther));
    default:
      return decideOther(req, counts).met;
  }
}

const ceilDiv = (a, b) => (a > 0n ? (a + b - 1n) / b : -((-a) / b)); // b > 0

// How far a drug-free requirement of an extended kind is from holding (0 when it holds):
// count: the distance to the end it fails, rounded up, at least 1; any_of: the least of its
// options'; ratio and fact: 0.
export function shortfall(req, counts, decideOther) {
  if (holds(req, counts, {}, decideOther)) return 0n;
  if (req.kind === "any_of") {
    return req.options.map((o) => shortfall(o, counts, decideOther)).reduce((a, b) => (b < a ? b : a));
  }
  if (req.kind !== "count") return 0n;
  const iv = req.interval;
  const [vn, vd] = exact(counts[req.indicator]);
  let gap;
  if (iv.lower !== null && !inInterval({ ...iv, upper: null }, counts[req.indicator])) {
    const [p, q] = fraction(iv.lower);
    gap = ceilDiv(p * vd - vn * q, q * vd);
  } else {
    const [p, q] = fraction(iv.upper);
    gap = ceilDiv(vn * q - p * vd, q * vd);
  }
  return gap < 1n ? 1n : gap;
}

export const GRADED_KINDS = new Set(["count", "ratio", "fact", "any_of", "criteria_met"]);

// One classification on one area: classes decided from the mildest up; the most severe that
// holds is the area's class.
export function grade(classification, counts, decideOther) {
  const tallies = {};
  const classes = {};
  const criteria = {};
  for (const k of [...classification.classes].reverse()) {
    let met = 0;
    for (const c of k.criteria) {
      const ok = c.requirements.every((r) => holds(r, counts, tallies, decideOther));
      criteria[c.id] = ok;
      if (ok) met += 1;
    }
    tallies[k.id] = met;
    classes[k.id] = { met_count: met, holds: met >= k.min_met };
  }
  const first = classification.classes.find((k) => classes[k.id].holds);
  return { value: first ? first.id : null, classes, criteria };
}

// What a graded plan's verdict adds: the key complex class and every classification's grades.
export function grades(classifications, level, counts, decideOther) {
  const out = {};
  for (const g of classifications) {
    if (level !== null && g.levels.includes(level)) out[g.id] = grade(g, counts, decideOther);
  }
  const first = Object.values(out)[0];
  return { key_complex_class: first ? first.value : null, grades: out };
}
