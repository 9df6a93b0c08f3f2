type Op = { readonly tag: " " | "-" | "+"; readonly text: string };

/** A shortest line edit script (longest common subsequence; inputs are a few hundred lines). */
function editScript(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push({ tag: " ", text: a[i]! });
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      ops.push({ tag: "+", text: b[j++]! });
    } else {
      ops.push({ tag: "-", text: a[i++]! });
    }
  }
  // Within a run of changes, print removals before additions, as diff -u does.
  const out: Op[] = [];
  for (let k = 0; k < ops.length;) {
    if (ops[k]!.tag === " ") {
      out.push(ops[k++]!);
      continue;
    }
    const run: Op[] = [];
    while (k < ops.length && ops[k]!.tag !== " ") run.push(ops[k++]!);
    out.push(...run.filter((o) => o.tag === "-"), ...run.filter((o) => o.tag === "+"));
  }
  return out;
}

/** Hunks of a unified diff (`@@ -a,b +c,d @@`, then ` `/`-`/`+` lines), without file headers; "" when equal. */
export function unifiedDiff(before: string, after: string, context = 3): string {
  const a = before.split("\n");
  const b = after.split("\n");
  if (a[a.length - 1] === "") a.pop();
  if (b[b.length - 1] === "") b.pop();
  const ops = editScript(a, b);
  const changed = ops.map((o, k) => (o.tag !== " " ? k : -1)).filter((k) => k >= 0);
  if (changed.length === 0) return "";
  const ranges: [number, number][] = [];
  for (const k of changed) {
    const lo = Math.max(0, k - context);
    const hi = Math.min(ops.length - 1, k + context);
    const last = ranges[ranges.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else ranges.push([lo, hi]);
  }
  let out = "";
  for (const [lo, hi] of ranges) {
    let oldStart = 1;
    let newStart = 1;
    for (let k = 0; k < lo; k++) {
      if (ops[k]!.tag !== "+") oldStart++;
      if (ops[k]!.tag !== "-") newStart++;
    }
    const slice = ops.slice(lo, hi + 1);
    const oldLen = slice.filter((o) => o.tag !== "+").length;
    const newLen = slice.filter((o) => o.tag !== "-").length;
    out += `@@ -${oldLen === 0 ? oldStart - 1 : oldStart},${oldLen} +${newLen === 0 ? newStart - 1 : newStart},${newLen} @@\n`;
    for (const o of slice) out += `${o.tag}${o.text}\n`;
  }
  return out;
}
