import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CanonicalStore } from '@repro/canonical-provenance';
import { type PinConfig, type ReplaySpec, runMany, runReplayPair, toObservedReplay } from '@repro/replay-runner';
import { assessObservation, explainVerdict, measureProdEnvelope, observationSchema, type Verdict } from '@repro/verdict-core';
import type { CommandContext } from '../../command-context.js';
import { runForCanonical } from '../../replay/canonical-from-run.js';
import { withStoreFromCli } from '../../store/open-store-from-cli.js';
import { readStoreReferences } from '../../store/store-references.js';
import { demoExample } from './demo-example.js';
import { DEMO_IMAGE_SHA } from './demo-scenarios.js';

export const DEMO_CELL = 'defi_top5/fold-3';
export const DEMO_METRIC = 'f1_buy';
const DEMO_BUILD_SHA = 'demo-build-a1b2c3d';

export interface DemoStep {
  readonly title: string;
  readonly explanation: string;
  readonly verdict: Verdict;
}

export interface DemoReport {
  readonly home: string;
  /** Which bundled example was replayed. */
  readonly example: string;
  readonly canonical: { readonly run_id: string; readonly value: number };
  readonly envelope: ReturnType<typeof measureProdEnvelope>;
  readonly steps: readonly DemoStep[];
}

/**
 * The end-to-end demo on an embedded store of its own (`$REPRO_HOME/demo`, recreated each time): record
 * a canonical from one un-capped run of the bundled example, measure eps_prod from 10 un-capped runs,
 * then decide four verdicts from real fresh-process replays, each changing one thing.
 */
export async function runDemoEndToEnd(ctx: CommandContext, progress: (line: string) => void): Promise<DemoReport> {
  const example = demoExample(ctx.io.env);
  const home = resolve(ctx.io.cwd, ctx.io.env.REPRO_HOME ?? '.repro', 'demo');
  await rm(home, { recursive: true, force: true });
  const demoCtx: CommandContext = {
    ...ctx,
    io: { ...ctx.io, env: { ...ctx.io.env, REPRO_HOME: home, DATABASE_URL: undefined, REPRO_DB_SCHEMA: undefined } },
    emitEvent: () => undefined,
  };
  const signal = ctx.io.interrupts();
  const spec = (extraArgs: readonly string[] = [], buildSha = DEMO_BUILD_SHA): ReplaySpec => ({
    command: [...example.command, ...extraArgs],
    cwd: ctx.io.cwd,
    parentEnv: { ...ctx.io.env, BUILD_SHA: buildSha, INSTANCE_TYPE: 'demo-instance' },
    passEnv: ['BUILD_SHA', 'INSTANCE_TYPE'],
    requiredMetrics: [DEMO_METRIC],
    timeoutMs: 120_000,
  });

  return withStoreFromCli(demoCtx, {}, async (store) => {
    progress(`store: embedded PGlite under ${home}`);
    progress(`1/6 canonical: one un-capped run of ${example.name}, recorded with its fingerprint as P0 provenance`);
    const canonicalRun = await runForCanonical(spec(), DEMO_METRIC, signal);
    const canonical = { run_id: 'demo-canonical-1', value: canonicalRun.value };
    await store.recordCanonical(
      { ...canonical, cell: DEMO_CELL, metric: DEMO_METRIC, provenance: canonicalRun.provenance, extra: { fingerprint: JSON.parse(JSON.stringify(canonicalRun.fingerprint)) } },
      { promote: true },
    );

    progress('2/6 eps_prod: 10 un-capped (production-config) runs');
    const runs = await runMany({ ...spec(), pin: { mode: 'uncapped' } }, 10, { signal, onProgress: ({ done, total }) => progress(`    run ${done}/${total}`) });
    const samples = runs.map((run) => (run.ok ? run.metrics[DEMO_METRIC]! : Number.NaN));
    const envelope = measureProdEnvelope(samples);
    await store.putEpsProd({
      image_sha: DEMO_IMAGE_SHA,
      cell: DEMO_CELL,
      metric: DEMO_METRIC,
      ...envelope,
      reason: envelope.status === 'unmeasured' ? envelope.reason : null,
      samples,
    });

    const decide = async (title: string, replaySpec: ReplaySpec, pin: PinConfig): Promise<DemoStep> => {
      progress(title);
      const pair = await runReplayPair({ ...replaySpec, pin }, { signal });
      const verdict = await decideAndSave(store, pair, ctx.now().toISOString());
      return { title, explanation: explainVerdict(verdict), verdict };
    };
    const pinned: PinConfig = { mode: 'pinned', hashSeed: 0, threads: 1 };
    const steps = [
      await decide('3/6 pinned replays of the same code', spec(), pinned),
      await decide('4/6 un-pinned replays', spec(), { mode: 'uncapped' }),
      await decide(
        '5/6 a code change (--variant standardized)',
        spec(['--variant', 'standardized']),
        pinned,
      ),
      await decide(
        '6/6 a build from another commit (BUILD_SHA changed)',
        spec(['--variant', 'standardized'], 'demo-build-f00dbab'),
        pinned,
      ),
    ];
    return { home, example: example.name, canonical, envelope, steps };
  });
}

async function decideAndSave(store: CanonicalStore, pair: Awaited<ReturnType<typeof runReplayPair>>, decidedAt: string): Promise<Verdict> {
  const references = await readStoreReferences(store, DEMO_CELL, DEMO_METRIC, DEMO_IMAGE_SHA);
  const observation = observationSchema.parse({
    cell: DEMO_CELL,
    metric: DEMO_METRIC,
    replay_a: toObservedReplay(pair.a, DEMO_METRIC),
    replay_b: toObservedReplay(pair.b, DEMO_METRIC),
    ...references,
  });
  const { verdict } = assessObservation(observation, { decidedAt });
  await store.saveVerdict(verdict);
  return verdict;
}
