const UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, μs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;

/** Parses a Go duration string (`1m30s`, `500ms`, `0`) to nanoseconds, or undefined if it is not one. */
export function parseGoDuration(text: string): number | undefined {
  let s = text;
  let sign = 1;
  if (s.startsWith("-") || s.startsWith("+")) {
    if (s[0] === "-") sign = -1;
    s = s.slice(1);
  }
  if (s === "0") return 0;
  if (s === "") return undefined;
  let total = 0;
  PART.lastIndex = 0;
  let pos = 0;
  while (pos < s.length) {
    PART.lastIndex = pos;
    const m = PART.exec(s);
    if (!m) return undefined;
    total += Number(m[1]) * UNIT_NS[m[2]!]!;
    pos = PART.lastIndex;
  }
  return sign * Math.round(total);
}

function formatFraction(value: number, unitNs: number): string {
  const whole = Math.floor(value / unitNs);
  const rest = value % unitNs;
  if (rest === 0) return String(whole);
  const digits = String(unitNs).length - 1;
  const frac = String(rest).padStart(digits, "0").replace(/0+$/, "");
  return `${whole}.${frac}`;
}

/** Formats nanoseconds the way Go's `time.Duration.String()` does: `30s`, `1m0s`, `1h0m0s`, `1.5s`, `500ms`. */
export function formatGoDuration(ns: number): string {
  if (ns === 0) return "0s";
  const neg = ns < 0;
  const v = Math.abs(ns);
  let out: string;
  if (v < 1e3) out = `${v}ns`;
  else if (v < 1e6) out = `${formatFraction(v, 1e3)}µs`;
  else if (v < 1e9) out = `${formatFraction(v, 1e6)}ms`;
  else {
    const h = Math.floor(v / 3600e9);
    const m = Math.floor((v % 3600e9) / 60e9);
    const s = formatFraction(v % 60e9, 1e9);
    out = h > 0 ? `${h}h${m}m${s}s` : m > 0 ? `${m}m${s}s` : `${s}s`;
  }
  return neg ? `-${out}` : out;
}

/** A duration re-written in Go's canonical form, or the text unchanged if it does not parse. */
export function canonicalGoDuration(text: string): string {
  const ns = parseGoDuration(text);
  return ns === undefined ? text : formatGoDuration(ns);
}
