import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CanonicalStore, EpsProdRecord } from '@repro/canonical-provenance';
import { type ReplaySpec, SecretRedactor } from '@repro/replay-runner';
import { measureEnvelopeForImage, type ReplayCommand, runVerdictForCell, type VerdictOptionsInput } from '@repro/use-cases';
import { explainVerdict, type Verdict } from '@repro/verdict-core';
import type { CellHistoryInput } from '@repro/verdict-report';
import type { CommandContext } from '../../command-context.js';
import { createProgressReporter } from '../../output/progress-reporter.js';
import { runForCanonical } from '../../replay/canonical-from-run.js';
import { withStoreFromCli } from '../../store/open-store-from-cli.js';
import { useCaseCliError } from '../../use-cases/use-case-cli-error.js';
import { readCellHistory } from '../report/read-cell-history.js';
import { demoExample } from './demo-example.js';
import { DEMO_IMAGE_SHA } from './demo-scenarios.js';

export const DEMO_CELL = 'defi_top5/fold-3';
export const DEMO_METRIC = 'f1_buy';
const DEMO_BUILD_SHA = 'demo-build-a1b2c3d';
const DEMO_STEPS = 6;
const DEMO_TIMEOUT_S = 120;

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
  /** The stored eps_prod without its key, samples and time: verdict-core's envelope (`reason` null when measured). */
  readonly envelope: Omit<EpsProdRecord, 'image_sha' | 'cell' | 'metric' | 'samples' | 'measured_at'>;
  readonly steps: readonly DemoStep[];
  /** The cell's history as the store holds it after the run (canonical, eps_prod, the four verdicts). */
  readonly history: CellHistoryInput;
}

/**
 * The end-to-end demo on an embedded store of its own (`$REPRO_HOME/demo`, recreated each time): record
 * a canonical from one un-capped run of the bundled example, measure eps_prod from 10 un-capped runs
 * (the envelope use case), then four verdicts (the verdict use case) from real fresh-process replays,
 * each changing one thing. Progress goes to stderr through the CLI's progress reporter.
 */
export async function runDemoEndToEnd(ctx: CommandContext): Promise<DemoReport> {
  const example = demoExample(ctx.io.env);
  const home = resolve(ctx.io.cwd, ctx.io.env.REPRO_HOME ?? '.repro', 'demo');
  await rm(home, { recursive: true, force: true });
  const demoCtx: CommandContext = {
    ...ctx,
    io: { ...ctx.io, env: { ...ctx.io.env, REPRO_HOME: home, DATABASE_URL: undefined, REPRO_DB_SCHEMA: undefined } },
    emitEvent: () => undefined,
  };
  const signal = ctx.io.interrupts();
  const progress = createProgressReporter(ctx.io, 'repro demo');
  const step = (done: number, detail: string) => progress.update(done, DEMO_STEPS, detail);
  const command = (extraArgs: readonly string[] = [], buildSha = DEMO_BUILD_SHA): ReplayCommand => ({
    command: [...example.command, ...extraArgs],
    cwd: ctx.io.cwd,
    parentEnv: { ...ctx.io.env, BUILD_SHA: buildSha, INSTANCE_TYPE: 'demo-instance' },
    passEnv: ['BUILD_SHA', 'INSTANCE_TYPE'],
  });

  try {
    return await withStoreFromCli(demoCtx, {}, async (store) => {
      step(0, `canonical: one un-capped run of ${example.name} (embedded store under ${home})`);
      const canonical = await recordDemoCanonical(store, command(), signal);

      step(1, 'eps_prod: 10 un-capped (production-config) runs');
      const measured = await measureEnvelopeForImage(
        { image_sha: DEMO_IMAGE_SHA, cell: DEMO_CELL, metric: DEMO_METRIC, n: 10, timeout_s: DEMO_TIMEOUT_S },
        command(),
        { store, signal, onProgress: (p) => step(1, `eps_prod run ${p.done}/${p.total}`) },
      );
      const { image_sha: _image, cell: _cell, metric: _metric, samples: _samples, measured_at: _at, ...envelope } = measured.eps_prod;

      const steps: DemoStep[] = [];
      const decide = async (title: string, replay: ReplayCommand, pinMode: VerdictOptionsInput['pin_mode']) => {
        step(2 + steps.length, title);
        const { verdict } = await runVerdictForCell(
          { cell: DEMO_CELL, metric: DEMO_METRIC, image_sha: DEMO_IMAGE_SHA, pin_mode: pinMode, timeout_s: DEMO_TIMEOUT_S },
          replay,
          { store, now: () => ctx.now(), redactor: SecretRedactor.fromEnvironment(ctx.io.env), signal, onProgress: (p) => step(2 + steps.length, `${title}: replays ${p.done}/${p.total}`) },
        );
        steps.push({ title, explanation: explainVerdict(verdict), verdict });
      };
      await decide(
        '3/6 pinned replays of the same code',
        command(),
        'pinned',
      );
      await decide(
        '4/6 un-pinned replays',
        command(),
        'uncapped',
      );
      await decide(
        '5/6 a code change (--variant standardized)',
        command(['--variant', 'standardized']),
        'pinned',
      );
      await decide(
        '6/6 a build from another commit (BUILD_SHA changed)',
        command(['--variant', 'standardized'], 'demo-build-f00dbab'),
        'pinned',
      );
      step(DEMO_STEPS, 'done');
      const history = await readCellHistory(store, DEMO_CELL, DEMO_METRIC, null);
      return { home, example: example.name, canonical, envelope, steps, history };
    });
  } catch (error) {
    throw useCaseCliError(error, {});
  } finally {
    progress.finish();
  }
}

/** The canonical of the demo cell: one un-capped run, recorded with its fingerprint as P0 provenance. */
async function recordDemoCanonical(store: CanonicalStore, replay: ReplayCommand, signal: AbortSignal): Promise<{ run_id: string; value: number }> {
  const spec: ReplaySpec = { ...replay, requiredMetrics: [DEMO_METRIC], timeoutMs: DEMO_TIMEOUT_S * 1000 };
  const run = await runForCanonical(spec, DEMO_METRIC, signal);
  const canonical = { run_id: 'demo-canonical-1', value: run.value };
  await store.recordCanonical(
    { ...canonical, cell: DEMO_CELL, metric: DEMO_METRIC, provenance: run.provenance, extra: { fingerprint: JSON.parse(JSON.stringify(run.fingerprint)) } },
    { promote: true },
  );
  return canonical;
}
