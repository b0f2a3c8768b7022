// An exact JSON reader: JSON.parse, except that every integer too large for a double to hold
// exactly (above 2**53 - 1 in size) is returned as a BigInt instead of a rounded number.
// JSON.parse alone silently turns 9007199254740993 into 9007199254740992.

const MARK = "\u0000bigint:";

// Wrap each large integer literal outside strings in a marked string, then revive it.
function markBigIntegers(text) {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (ch === "-" || (ch >= "0" && ch <= "9")) {
      let j = i + 1;
      while (j < text.length && /[0-9eE+\-.]/.test(text[j])) j += 1;
      const literal = text.slice(i, j);
      const big = /^-?[0-9]+$/.test(literal) && !Number.isSafeInteger(Number(literal));
      out += big ? JSON.stringify(MARK + literal) : literal;
      i = j;
    } else {
      out += ch;
      i += 1;
    }
  }
  return out;
}

export function parseExact(text) {
  return JSON.parse(markBigIntegers(text), (_key, value) =>
    typeof value === "string" && value.startsWith(MARK) ? BigInt(value.slice(MARK.length)) : value,
  );
}
