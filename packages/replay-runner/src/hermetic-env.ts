import { assertEnvName } from './pinned-knobs.js';
import { ReplaySpecError } from './replay-spec-error.js';

/** Parent variables every child gets (when set in the parent). Everything else must be named in `passEnv`. */
export const DEFAULT_ENV_ALLOWLIST: readonly string[] = Object.freeze(['PATH', 'HOME', 'LANG', 'TZ', 'TMPDIR']);

/**
 * Variables of the child protocol, set by the runner: the result file, the params file (only when the
 * spec has params), the knob names the child reports as observed, and the Node helper's path.
 */
export const PROTOCOL_ENV = Object.freeze({
  resultFile: 'REPRO_RESULT_FILE',
  paramsFile: 'REPRO_PARAMS_FILE',
  knobNames: 'REPRO_KNOB_NAMES',
  nodeChild: 'REPRO_NODE_CHILD',
  /** The training code's build sha as the runner resolved it (`resolveBuildSha`), and where it came from. */
  buildSha: 'REPRO_BUILD_SHA',
  buildShaSource: 'REPRO_BUILD_SHA_SOURCE',
});

export interface HermeticEnvInput {
  /** The parent's environment, passed explicitly (the adapter passes `process.env`). */
  readonly parentEnv: Readonly<Record<string, string | undefined>>;
  /** Extra parent variables to pass through, by name. */
  readonly passEnv?: readonly string[];
  /** Requested spawn-time knobs (from `requestedKnobs`). They cannot be overridden by `passEnv`. */
  readonly knobs: Readonly<Record<string, string>>;
  /** Protocol variables (REPRO_RESULT_FILE, …). */
  readonly protocol: Readonly<Record<string, string>>;
  /** Folders prepended to PYTHONPATH (the repro_child helper's folder). */
  readonly pythonPath?: readonly string[];
}

/**
 * The child's whole environment: the allowlisted parent variables, `passEnv`, then the knobs and the
 * protocol variables. Nothing else from the parent gets in. Pure (no process.env read).
 * @throws ReplaySpecError when a `passEnv` name is invalid or names a pinned knob / protocol variable.
 */
export function buildHermeticEnv(input: HermeticEnvInput): Record<string, string> {
  const env: Record<string, string> = {};
  const passEnv = input.passEnv ?? [];
  passEnv.forEach((name, i) => {
    assertEnvName(name, `passEnv[${i}]`);
    if (name in input.knobs) {
      throw new ReplaySpecError(`passEnv[${i}]`, `${name} is a pinned knob; set it through the pin config, not passEnv`);
    }
    if (name in input.protocol) {
      throw new ReplaySpecError(`passEnv[${i}]`, `${name} is set by the runner (child protocol)`);
    }
  });
  for (const name of [...DEFAULT_ENV_ALLOWLIST, ...passEnv]) {
    const value = input.parentEnv[name];
    if (value !== undefined) env[name] = value;
  }
  Object.assign(env, input.knobs, input.protocol);
  const pythonPath = input.pythonPath ?? [];
  if (pythonPath.length > 0) {
    const passed = env.PYTHONPATH;
    env.PYTHONPATH = [...pythonPath, ...(passed ? [passed] : [])].join(':');
  }
  return env;
}
