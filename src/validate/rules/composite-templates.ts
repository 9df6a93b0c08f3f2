/**
 * What vmcp-gen can check of the Go templates in composite tools without a Go template parser:
 * delimiter balance, and the `.steps.<id>.output.<field>` references the runtime's
 * defaultResults rule looks for. Deliberately partial — full syntax (functions, pipelines) is
 * left to the runtime — but it catches the common typos before a rollout does.
 */

/** `text/template` refuses an action opened with `{{` and never closed ("unclosed action"). */
export function unclosedAction(text: string): boolean {
  let from = 0;
  for (;;) {
    const open = text.indexOf("{{", from);
    if (open < 0) return false;
    const close = text.indexOf("}}", open + 2);
    if (close < 0) return true;
    from = close + 2;
  }
}

/**
 * The output validator's own brace check (composer/output_validator.go): `{{` inside an open
 * action, a `}}` with no action open, or an action left open are all errors.
 */
export function outputTemplateProblem(text: string): string | undefined {
  let inside = false;
  let prev = "";
  for (const ch of text) {
    if (ch === "{" && prev === "{") {
      if (inside) return "nested template delimiters not allowed";
      inside = true;
    } else if (ch === "}" && prev === "}") {
      if (!inside) return "unmatched closing template delimiter";
      inside = false;
    }
    prev = ch;
  }
  return inside ? "unbalanced template delimiters" : undefined;
}

const ACTION = /\{\{([\s\S]*?)\}\}/g;
// A field chain `.steps.<id>.output.<field>` starting a pipeline argument (not `$x.steps…`).
const STEP_OUTPUT_REF = /(?<![\w$).])\.steps\.([A-Za-z_][A-Za-z0-9_]*)\.output\.([A-Za-z_][A-Za-z0-9_]*)/g;

export interface StepOutputRef {
  readonly step: string;
  readonly field: string;
}

/** The step output fields a template reads, as the runtime's `ExtractReferences` would find them. */
export function stepOutputRefs(text: string): StepOutputRef[] {
  const out = new Map<string, StepOutputRef>();
  for (const action of text.matchAll(ACTION)) {
    for (const m of (action[1] ?? "").matchAll(STEP_OUTPUT_REF)) {
      const ref = { step: m[1]!, field: m[2]! };
      out.set(`${ref.step}\u0000${ref.field}`, ref);
    }
  }
  return [...out.values()];
}
