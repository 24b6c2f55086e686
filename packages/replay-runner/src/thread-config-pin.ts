import { DEFAULT_PIN, type PinConfig } from './pinned-knobs.js';
import { THREAD_CAP_KNOBS } from './spawn-time-knobs.js';

/** A pin config that reproduces a recorded thread configuration, and a label for explanations. */
export interface ThreadConfigPin {
  readonly pin: PinConfig;
  /** `OMP_NUM_THREADS=8, MKL_NUM_THREADS=8` or `no thread caps (un-capped)`. */
  readonly label: string;
}

/**
 * The pin for one replay at a recorded thread configuration (the canonical's `observed_knobs`): the
 * hash seed and determinism flags of `base` stay pinned; the thread caps are those recorded — or none at
 * all when the canonical ran un-capped (every cap null/absent). Pure.
 * Use with `runReplay(spec with { pin })` when H2 fails, then verdict-core's `classifyDivergenceSource`.
 */
export function pinAtThreadConfig(recordedKnobs: Readonly<Record<string, string | null | undefined>> | null | undefined, base: PinConfig = DEFAULT_PIN): ThreadConfigPin {
  const recorded: Record<string, string> = {};
  for (const knob of THREAD_CAP_KNOBS) {
    const value = recordedKnobs?.[knob];
    if (typeof value === 'string') recorded[knob] = value;
  }
  const hashSeed = base.mode === 'pinned' ? base.hashSeed : undefined;
  const determinismFlags = base.determinismFlags;
  const pin: PinConfig = {
    mode: 'pinned',
    threads: 'unset',
    ...(hashSeed !== undefined ? { hashSeed } : {}),
    ...(determinismFlags !== undefined ? { determinismFlags } : {}),
    extraKnobs: { ...(base.extraKnobs ?? {}), ...recorded },
  };
  const entries = Object.entries(recorded);
  return { pin, label: entries.length > 0 ? entries.map(([k, v]) => `${k}=${v}`).join(', ') : 'no thread caps (un-capped)' };
}
