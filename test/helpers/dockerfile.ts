import { readFileSync } from "node:fs";
import { DockerfileParser, type Copy, type Env, type Label } from "dockerfile-ast";

/** What a single-stage Dockerfile without RUN steps makes of its base image, as data. */
export interface ImageSpec {
  readonly base: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly env: Readonly<Record<string, string>>;
  /** `COPY` sources (relative to the build context) and destinations, in order. */
  readonly copies: readonly { readonly from: string; readonly to: string; readonly chmod?: number }[];
  readonly user?: string;
  readonly workdir?: string;
  readonly entrypoint: readonly string[];
  readonly cmd: readonly string[];
}

const VARIABLE = /\$(?:\{(\w+)\}|(\w+))/g;

/**
 * Reads a Dockerfile into an ImageSpec with the build arguments applied, as BuildKit would
 * (`--build-arg`s, then each ARG's default; TARGETOS/TARGETARCH come from the caller, as from
 * `--platform`). Any instruction a filesystem cannot be built from without a builder (RUN, ADD,
 * a second stage, …) is an error, so a test that relies on this cannot silently check less than
 * the Dockerfile does.
 */
export function readDockerfile(file: string, buildArgs: Readonly<Record<string, string>>): ImageSpec {
  const dockerfile = DockerfileParser.parse(readFileSync(file, "utf8"));
  // ARGs before FROM are global: usable in FROM, and inherited by an ARG of the same name in the stage.
  const globals = new Map<string, string>();
  let args = globals;
  const expand = (s: string) =>
    s.replace(VARIABLE, (_, a: string | undefined, b: string | undefined) => {
      const name = (a ?? b)!;
      const value = args.get(name);
      if (value === undefined) throw new Error(`${file}: \${${name}} is not a declared ARG`);
      return value;
    });
  let base: string | undefined;
  const labels: Record<string, string> = {};
  const env: Record<string, string> = {};
  const copies: { from: string; to: string; chmod?: number }[] = [];
  let user: string | undefined;
  let workdir: string | undefined;
  let entrypoint: string[] = [];
  let cmd: string[] = [];
  const execForm = (text: string) => {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed) || !parsed.every((a) => typeof a === "string"))
      throw new Error(`${file}: ENTRYPOINT and CMD must be in exec (JSON) form`);
    return parsed.map(expand);
  };
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword();
    const words = instruction.getArguments().map((a) => a.getValue());
    const rest = () => instruction.getArgumentsContent() ?? "";
    switch (keyword) {
      case "ARG": {
        const [name, fallback] = words[0]!.split(/=(.*)/s) as [string, string | undefined];
        const value = buildArgs[name] ?? (fallback !== undefined ? expand(fallback) : globals.get(name));
        if (value !== undefined) args.set(name, value);
        break;
      }
      case "FROM":
        if (base !== undefined) throw new Error(`${file}: multi-stage builds are not supported here`);
        base = expand(words[0]!);
        args = new Map();
        break;
      case "LABEL":
        for (const p of (instruction as Label).getProperties()) labels[p.getName()] = expand(p.getValue() ?? "");
        break;
      case "ENV":
        for (const p of (instruction as Env).getProperties()) env[p.getName()] = expand(p.getValue() ?? "");
        break;
      case "COPY": {
        const flags = Object.fromEntries((instruction as Copy).getFlags().map((f) => [f.getName(), f.getValue()]));
        for (const name of Object.keys(flags))
          if (name !== "chmod") throw new Error(`${file}: COPY --${name} is not supported here`);
        if (words.length !== 2) throw new Error(`${file}: COPY takes one source and one destination here`);
        copies.push({
          from: expand(words[0]!),
          to: expand(words[1]!),
          ...(flags.chmod ? { chmod: Number.parseInt(flags.chmod, 8) } : {}),
        });
        break;
      }
      case "USER":
        user = expand(words[0]!);
        break;
      case "WORKDIR":
        workdir = expand(words[0]!);
        break;
      case "ENTRYPOINT":
        entrypoint = execForm(rest());
        break;
      case "CMD":
        cmd = execForm(rest());
        break;
      default:
        throw new Error(`${file}: ${keyword} cannot be reproduced without an image builder`);
    }
  }
  if (base === undefined) throw new Error(`${file}: no FROM`);
  return {
    base,
    labels,
    env,
    copies,
    ...(user !== undefined ? { user } : {}),
    ...(workdir !== undefined ? { workdir } : {}),
    entrypoint,
    cmd,
  };
}
