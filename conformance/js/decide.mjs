// The drug-free decisions, written from the implementers' guide (docs/implementers.rst) alone:
// a plan's rules as `vn-drugfree show` (or the vectors' `definitions`) give them, the levels and
// unit kinds as `vn-drugfree units --format json` gives them. No dependency; counts are BigInt.

import { GRADED_KINDS, grades, holds, shortfall } from "./grade.mjs";

const ONE = 1n;

// Fold a name for lookup: NFD, drop combining marks, đ as d, case-fold, single spaces, trimmed.
export function foldName(text) {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .join(" ");
}

function exists(item, day) {
  return (item.valid_from === null || item.valid_from <= day) &&
    (item.valid_to === null || day <= item.valid_to);
}

// A level or unit-kind name on a day -> {level, kind} or {error}.
export function resolveUnit(units, name, day) {
  const entries = units.index[foldName(name)];
  if (!entries) return { error: "unknown_kind" };
  const kinds = Object.fromEntries(units.kinds.map((k) => [k.id, k]));
  const levels = Object.fromEntries(units.levels.map((l) => [l.id, l]));
  const levelOf = (e) => (e.startsWith("level:") ? e.slice(6) : kinds[e.slice(5)].level);
  if (new Set(entries.map(levelOf)).size > 1) return { error: "ambiguous_kind" };
  const kindEntries = entries.filter((e) => e.startsWith("kind:"));
  const kind = kindEntries.length === 1 && !entries[0].startsWith("level:")
    ? kinds[kindEntries[0].slice(5)] : null;
  const level = levelOf(entries[0]);
  if (!exists(levels[level], day)) return { error: "not_valid_on_date" };
  if (kind && !exists(kind, day)) return { error: "not_valid_on_date" };
  return { level, kind: kind ? kind.id : null };
}

function fraction(bound) {
  const [p, q = "1"] = bound.split("/");
  return [BigInt(p), BigInt(q)];
}

const floorDiv = (a, b) => a / b; // BigInt division truncates; all operands here are >= 0
const ceilDiv = (a, b) => (a + b - ONE) / b;

const COMPARE = {
  ">": (a, b) => a > b,
  "≥": (a, b) => a >= b,
  "<": (a, b) => a < b,
  "≤": (a, b) => a <= b,
  "=": (a, b) => a === b,
};

// One requirement on one area's counts -> {met, vacuous, shortfall}.
export function decideRequirement(req, counts) {
  if (GRADED_KINDS.has(req.kind)) {
    const met = holds(req, counts, {}, decideRequirement);
    return { met, vacuous: false, shortfall: shortfall(req, counts, decideRequirement) };
  }
  const value = BigInt(counts[req.indicator]);
  const [p, q] = fraction(req.bound);
  if (req.kind === "none") {
    return { met: value === 0n, vacuous: false, shortfall: value };
  }
  if (req.kind === "none_except") {
    const exempt = req.exempt.reduce((sum, name) => sum + BigInt(counts[name]), 0n);
    return { met: value <= exempt, vacuous: false, shortfall: value > exempt ? value - exempt : 0n };
  }
  if (req.kind === "at_least") {
    const minimum = ceilDiv(p, q);
    const met = value >= minimum;
    return { met, vacuous: false, shortfall: met ? 0n : minimum - value };
  }
  const whole = BigInt(counts[req.whole]);
  if (whole === 0n) return { met: true, vacuous: true, shortfall: 0n };
  if (req.kind === "all") {
    return { met: value === whole, vacuous: false, shortfall: whole - value };
  }
  const met = COMPARE[req.op](value * q, p * whole);
  if (met) return { met, vacuous: false, shortfall: 0n };
  const low = floorDiv(p * whole, q);
  const high = ceilDiv(p * whole, q);
  const gap = {
    "≥": high - value,
    ">": low + ONE - value,
    "≤": value - low,
    "<": value - (high - ONE),
    "=": value > high ? value - high : high - value,
  }[req.op];
  return { met, vacuous: false, shortfall: gap < ONE ? ONE : gap };
}

// Assess one area: {level (or null), as_of, counts} under a plan definition -> verdict or error.
export function assess(definition, units, area) {
  const { scope, criteria } = definition;
  const day = area.as_of;
  if ((scope.valid_from !== null && day < scope.valid_from) ||
      (scope.valid_to !== null && day > scope.valid_to)) {
    return { error: "not_valid_on_date" };
  }
  if (criteria.length === 0) return { error: "level_not_covered" };
  let applicable = criteria;
  if (area.level !== null) {
    const level = units.levels.find((l) => l.id === area.level);
    if (!exists(level, day)) return { error: "not_valid_on_date" };
    if (!scope.levels.includes(area.level)) return { error: "level_not_covered" };
    applicable = criteria.filter((c) => c.levels.includes(area.level));
  } else {
    const sets = new Set(criteria.map((c) => [...c.levels].sort().join(",")));
    if (sets.size > 1) return { error: "level_not_covered" };
  }
  if (area.checkOnly) return {};
  const verdict = { drug_free: true, criteria: {}, requirements: {} };
  for (const c of applicable) {
    let met = true;
    for (const r of c.requirements) {
      const result = decideRequirement(r, area.counts);
      verdict.requirements[r.id] = result;
      met = met && result.met;
    }
    verdict.criteria[c.id] = met;
    verdict.drug_free = verdict.drug_free && met;
  }
  if (definition.classifications.length > 0) {
    Object.assign(verdict, grades(definition.classifications, area.level, area.counts, decideRequirement));
  }
  return verdict;
}

// The day before an ISO date (the last day that meets "trước ngày D").
export function dayBefore(iso) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

// On a day: the phases holding (start..end inclusive) and the deadlines open and overdue.
export function calendarOn(calendar, day) {
  const phases = calendar.phases.filter((p) => p.start <= day && day <= p.end)
    .map((p) => p.number).sort((a, b) => a - b);
  const upcoming = [];
  const overdue = [];
  for (const d of calendar.deadlines) (day <= dayBefore(d.due_before) ? upcoming : overdue).push(d.id);
  return { phases, upcoming: upcoming.sort(), overdue: overdue.sort() };
}

const PARENT = { village: "commune", commune: "district", district: "province" };

// The level above a child's on a day: a commune's parent is a province once districts are gone.
function parentLevel(units, level, day) {
  const up = PARENT[level];
  const info = units.levels.find((l) => l.id === up);
  return up === "district" && !exists(info, day) ? "province" : up;
}

// Roll rows up into their parents: counts add up; a rejected child leaves its parent incomplete.
export function rollup(definition, units, day, rows) {
  const parents = {};
  for (const row of rows) (parents[row.parent_id] ??= []).push(row);
  const out = {};
  for (const [pid, kids] of Object.entries(parents)) {
    let free = 0;
    for (const k of kids) {
      if (k.rejected) continue;
      const v = assess(definition, units, { level: k.level, as_of: day, counts: k.counts });
      if (v.drug_free === true) free += 1;
    }
    const level = parentLevel(units, kids[0].level, day);
    const complete = kids.every((k) => !k.rejected);
    let counts = null;
    let verdict = null;
    if (complete) {
      counts = {};
      for (const k of kids) {
        for (const [name, n] of Object.entries(k.counts)) counts[name] = (counts[name] ?? 0n) + BigInt(n);
      }
      const v = assess(definition, units, { level, as_of: day, counts });
      verdict = "error" in v ? null : v;
    }
    out[pid] = { level, children: kids.length, drug_free_children: free, complete, counts, verdict };
  }
  return out;
}

// A target in one period of a series (rows: [{period, figure: count, ...}]) -> its status.
export function decideTarget(target, reading, rows, period) {
  const byPeriod = Object.fromEntries(rows.map((r) => [String(r.period), r]));
  const need = (row, name) => {
    if (!row || !name || row[name] === undefined || row[name] === null) throw new Error("missing");
    return BigInt(row[name]);
  };
  const flip = { ">": "<", "≥": "≤", "<": ">", "≤": "≥", "=": "=" };
  const op = target.kind === "reduction" ? flip[target.op] : target.op;
  const row = byPeriod[period];
  try {
    const [p, q] = target.share === null ? [0n, 1n] : fraction(target.share);
    switch (target.kind) {
      case "baseline": {
        const whole = target.figure_whole === null ? undefined : row[target.figure_whole];
        const wholeOk = whole === undefined || whole === null || BigInt(whole) === BigInt(target.whole_stated);
        const ok = need(row, target.figure) === BigInt(target.count) && wholeOk;
        return ok ? "matches baseline" : "differs from baseline";
      }
      case "zero":
      case "lifetime":
        return need(row, target.figure) === 0n ? "met" : "not met";
      case "count":
        return COMPARE[target.op](need(row, target.figure), BigInt(target.count)) ? "met" : "not met";
      case "share":
      case "all":
      case "each": {
        const part = need(row, target.figure);
        const whole = target.whole_stated !== null ? BigInt(target.whole_stated) : need(row, target.whole);
        let ok;
        if (target.kind !== "share") ok = part === whole;
        else if (reading === "stated-count") ok = part >= BigInt(target.stated_count);
        else ok = whole === 0n || COMPARE[target.op](part * q, p * whole);
        return ok ? "met" : "not met";
      }
      default: { // change, reduction
        if (!/^[0-9]+$/.test(period)) throw new Error("phase row");
        const year = Number(period);
        const prev = byPeriod[String(year - 1)];
        if (!prev) throw new Error("no previous year");
        const sign = target.kind === "reduction" ? -1n : 1n;
        if (reading === "new-over-previous" || reading === "share-taken-off") {
          const previous = need(prev, target.figure);
          const flow = need(row, reading === "new-over-previous" ? target.new_figure : target.removed_figure);
          if (previous === 0n) throw new Error("rate from 0");
          const fop = reading === "new-over-previous" ? op : "≥";
          return COMPARE[fop](flow * q, previous * p) ? "met" : "not met";
        }
        const current = need(row, target.figure);
        const first = Math.min(...rows.map((r) => String(r.period)).filter((x) => /^[0-9]+$/.test(x)).map(Number));
        let base;
        let years;
        if (reading === "previous-year") [base, years] = [need(prev, target.figure), 1n];
        else {
          [base, years] = [need(byPeriod[String(first)], target.figure), BigInt(year - first)];
          if (years < 1n) throw new Error("base year");
        }
        if (base === 0n) throw new Error("rate from 0");
        // reference = num / den, exactly
        let num;
        let den;
        if (reading === "compound-from-base") [num, den] = [base * (q + sign * p) ** years, q ** years];
        else if (reading === "linear-from-base") [num, den] = [base * (q + sign * p * years), q];
        else [num, den] = [base * (q + sign * p), q];
        return COMPARE[op](current * den, num) ? "met" : "not met";
      }
    }
  } catch {
    return "not evaluable";
  }
}

// Every period a target is evaluated on: each year row for "yearly", else its one period.
export function evaluateTarget(target, reading, rows) {
  const out = {};
  for (const r of rows) {
    const period = String(r.period);
    const isYear = /^[0-9]+$/.test(period);
    if (target.when === "yearly" ? isYear : period === target.when) {
      out[period] = decideTarget(target, reading, rows, period);
    }
  }
  return out;
}

const MAX_COUNT = 2n ** 63n - 1n;

// One count cell as JSON delivers it -> {count} or {error: code} (see the input policy).
// Integers above 2**53 arrive as BigInt from the exact reader; a Number above 2**53 was written
// as a float (with a fraction or an exponent) and cannot name one exact count.
export function readCell(cell) {
  if (cell === null || cell === undefined) return { error: "missing" };
  if (typeof cell === "boolean") return { error: "boolean" };
  if (typeof cell === "bigint") {
    if (cell < 0n) return { error: "negative" };
    return cell > MAX_COUNT ? { error: "too_large" } : { count: cell };
  }
  if (typeof cell === "number") {
    if (!Number.isInteger(cell)) return { error: "not_whole_number" };
    if (cell < 0) return { error: "negative" };
    if (cell > 2 ** 63) return { error: "too_large" };
    if (cell > 2 ** 53) return { error: "inexact_float" };
    return { count: BigInt(cell) };
  }
  if (cell.length > 4096) return { error: "too_long" };
  const text = cell.trim();
  if (text === "") return { error: "missing" };
  if (/^[1-9][0-9]{0,2}\.000$/.test(text)) return { error: "ambiguous_decimal" };
  if (/^[0-9]+(\.0+)?$/.test(text)) {
    const n = BigInt(text.split(".")[0]);
    return n > MAX_COUNT ? { error: "too_large" } : { count: n };
  }
  if (/^-[0-9]+(\.0+)?$/.test(text)) return { error: "negative" };
  if (/^[+-]?\p{Nd}+([.,]\p{Nd}*)?$/u.test(text) && /[^\x00-\x7f]/.test(text)) {
    return { error: "non_ascii_digits" };
  }
  return { error: "not_whole_number" };
}

function isoDate(text) {
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

const blank = (v) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");

// Where a row stands for a plan: [field, code] for each problem, none for a valid row.
function applicability(definition, units, level, day) {
  const { scope, criteria } = definition;
  if ((scope.valid_from !== null && day < scope.valid_from) ||
      (scope.valid_to !== null && day > scope.valid_to)) return [["as_of", "plan_not_valid"]];
  const refusal = assess(definition, units, { level, as_of: day, counts: null, checkOnly: true });
  if (refusal.error === "not_valid_on_date") return [["level", "level_not_valid"]];
  if (refusal.error === "level_not_covered") return [["level", "level_not_covered"]];
  return [];
}

// One JSON row for a plan -> {accepted: true} or {rejected: [[field, code], ...] sorted}.
export function validateRow(definition, units, indicators, record) {
  const problems = [];
  const id = blank(record.id) ? null : String(record.id).trim();
  if (id === null) problems.push(["id", "id_missing"]);
  if (!blank(record.parent_id) && String(record.parent_id).trim() === id) {
    problems.push(["parent_id", "parent_is_self"]);
  }
  let level = null;
  let badLevel = false;
  if (!blank(record.level)) {
    const found = resolveUnit(units, record.level, "2000-01-01");
    const entries = units.index[foldName(record.level)];
    if (found.error === "unknown_kind" || found.error === "ambiguous_kind") {
      problems.push(["level", "level_unknown"]);
      badLevel = true;
    } else {
      const first = entries[0];
      level = first.startsWith("level:") ? first.slice(6)
        : units.kinds.find((k) => k.id === first.slice(5)).level;
    }
  }
  let day = null;
  if (blank(record.as_of)) problems.push(["as_of", "as_of_missing"]);
  else if (typeof record.as_of !== "string" || !isoDate(record.as_of.trim())) {
    problems.push(["as_of", "as_of_invalid"]);
  } else day = record.as_of.trim();
  const applies = level === null ? definition.criteria
    : definition.criteria.filter((c) => c.levels.includes(level));
  const needed = new Set(applies.flatMap((c) => c.requirements.flatMap((r) => [r.indicator, r.whole])));
  const counts = {};
  const blanks = new Set();
  for (const { name } of indicators.indicators) {
    const read = readCell(record[name]);
    if (read.error === "missing") {
      blanks.add(name);
      if (needed.has(name)) problems.push([name, "missing"]);
    } else if (read.error) problems.push([name, read.error]);
    else counts[name] = read.count;
  }
  for (const { part, whole } of indicators.part_whole) {
    if (!(part in counts)) continue;
    if (whole in counts && counts[part] > counts[whole]) problems.push([part, "part_exceeds_whole"]);
    else if (blanks.has(whole)) problems.push([part, "part_without_whole"]);
  }
  if (day !== null && !badLevel) problems.push(...applicability(definition, units, level, day));
  if (problems.length === 0) return { accepted: true };
  return { rejected: problems.sort((a, b) => (`${a}` < `${b}` ? -1 : `${a}` > `${b}` ? 1 : 0)) };
}
