import type { CanonicalStore } from '@repro/canonical-provenance';
import { runReplayPair, toObservedReplay } from '@repro/replay-runner';
import { checkObjectKey, InvalidKeyError, type ObjectStore } from '@repro/s43-transport';
import { assessObservation, observationSchema, type Verdict } from '@repro/verdict-core';
import type { ReplayProfile } from '../config/worker-config-schema.js';
import { replaySpecForProfile } from '../config/replay-spec-for-profile.js';
import type { VerdictJobPayload } from '@repro/job-queue';
import type { VerdictLedger } from '../store/verdict-ledger.js';
import type { JobContext } from './job-context.js';
import { lookupProfile } from './lookup-profile.js';
import { PermanentJobError } from './permanent-job-error.js';
import { replaySummary } from './replay-summary.js';
import { verdictArtefactKey, writeVerdictArtefact } from './write-verdict-artefact.js';

export interface VerdictJobDeps {
  profiles: Readonly<Record<string, ReplayProfile>>;
  /** The worker's env: what profiles' pass_env pick from (the runner passes nothing else). */
  parentEnv: Readonly<Record<string, string | undefined>>;
  /** $REPRO_IMAGE_SHA, for jobs that name no image_sha. */
  defaultImageSha: string | undefined;
  store: Pick<CanonicalStore, 'getCanonical' | 'getEpsProd' | 'saveVerdict' | 'listVerdicts'>;
  artefacts: ObjectStore;
  artefactPrefix: string | null;
  ledger: VerdictLedger;
  now: () => Date;
}

export interface VerdictJobResult {
  verdict: Verdict;
  artefact: { key: string; uri: string };
  /** Whether this attempt saved the verdict to the history (false: an earlier attempt of the job had). */
  saved_to_history: boolean;
  /** The replays this attempt ran (null when an earlier attempt had already decided). */
  replays: { mode: 'parallel' | 'sequential'; a: ReturnType<typeof replaySummary>; b: ReturnType<typeof replaySummary> } | null;
}

/**
 * `verdict {cell, metric, profile, image_sha?, eps_num?}`: two fresh pinned replays of the profile, the
 * canonical and eps_prod read from the store, the frozen decision (verdict-core), the verdict saved to
 * the history and its artefact written to `verdicts/<cell>/<job_id>.json` — both once per job, however
 * often the job is retried. A failed replay is a verdict (INCONCLUSIVE_TOOLING replay_error), not a
 * job failure; an unreachable store or database is retried.
 */
export async function runVerdictJob(payload: VerdictJobPayload, ctx: JobContext, deps: VerdictJobDeps): Promise<VerdictJobResult> {
  const profile = lookupProfile(deps.profiles, payload.profile);
  const key = verdictArtefactKey(deps.artefactPrefix, payload.cell, ctx.jobId);
  try {
    checkObjectKey(key);
  } catch (error) {
    if (error instanceof InvalidKeyError) throw new PermanentJobError('invalid_input', `cell ${JSON.stringify(payload.cell)} cannot name an artefact: ${error.message}`, 'cell');
    throw error;
  }

  let verdict = await deps.ledger.decided(ctx.jobId);
  let replays: VerdictJobResult['replays'] = null;
  if (verdict === null) {
    const spec = replaySpecForProfile(profile, { metric: payload.metric, purpose: 'verdict', parentEnv: deps.parentEnv });
    const pair = await runReplayPair(spec, { mode: profile.replays, signal: ctx.signal, emit: (event) => ctx.emit(event) });
    replays = { mode: pair.mode, a: replaySummary(pair.a, payload.metric), b: replaySummary(pair.b, payload.metric) };
    const canonical = await deps.store.getCanonical(payload.cell, payload.metric);
    const imageSha = payload.image_sha ?? deps.defaultImageSha;
    const epsProd = imageSha === undefined ? ({ present: false } as const) : await deps.store.getEpsProd(imageSha, payload.cell, payload.metric);
    const observation = observationSchema.parse({
      cell: payload.cell,
      metric: payload.metric,
      ...(payload.eps_num === undefined ? {} : { eps_num: payload.eps_num }),
      replay_a: toObservedReplay(pair.a, payload.metric),
      replay_b: toObservedReplay(pair.b, payload.metric),
      canonical: canonical.present ? { run_id: canonical.run_id, value: canonical.value, provenance: { ...canonical.provenance } } : null,
      eps_prod: epsProd.present && epsProd.status === 'measured' && epsProd.eps_prod !== null ? { value: epsProd.eps_prod, image_sha: epsProd.image_sha } : null,
    });
    const assessed = assessObservation(observation, { decidedAt: deps.now().toISOString(), emit: (event) => ctx.emit(event) });
    verdict = await deps.ledger.decide(ctx.jobId, assessed.verdict);
  } else {
    ctx.log.info({ event: 'verdict_reused', message: 'an earlier attempt of this job decided the verdict; storing that one' });
  }
  const { saved } = await deps.ledger.saveOnce(ctx.jobId, deps.store);
  const artefact = await writeVerdictArtefact(deps.artefacts, key, verdict);
  return { verdict, artefact: { key: artefact.key, uri: artefact.uri }, saved_to_history: saved, replays };
}
