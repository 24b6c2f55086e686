import type { CanonicalStore } from '@repro/canonical-provenance';
import type { VerdictJobPayload } from '@repro/job-queue';
import type { SecretRedactor } from '@repro/replay-runner';
import type { ObjectStore } from '@repro/s43-transport';
import { runVerdictForCell, type VerdictOptionsInput, writeVerdictReport } from '@repro/use-cases';
import type { Verdict } from '@repro/verdict-core';
import type { ReplayProfile } from '../config/worker-config-schema.js';
import type { VerdictLedger } from '../store/verdict-ledger.js';
import type { JobContext } from './job-context.js';
import { ledgerRecorder } from './ledger-recorder.js';
import { lookupProfile } from './lookup-profile.js';
import { jobTimeoutSeconds, profileReplayCommand } from './profile-replay.js';
import { replaySummary } from './replay-summary.js';
import { useCaseJobError } from './use-case-job-error.js';

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
  /** The worker's redactor: what a replay reports is redacted before the ledger, the history, the artefact and the report. */
  redactor: SecretRedactor;
}

export interface VerdictJobResult {
  verdict: Verdict;
  artefact: { key: string; uri: string };
  /** The verdict's HTML report beside the artefact, when the job or its profile asked for one. */
  report?: { key: string; uri: string };
  /** Whether this attempt saved the verdict to the history (false: an earlier attempt of the job had). */
  saved_to_history: boolean;
  /** The replays this attempt ran (null when an earlier attempt had already decided). */
  replays: { mode: 'parallel' | 'sequential'; a: ReturnType<typeof replaySummary>; b: ReturnType<typeof replaySummary> } | null;
  /** Every one of the K replays (A, B, C, …), failures with their stderr tail; null as `replays`. */
  all_replays: ReturnType<typeof replaySummary>[] | null;
  /** The replay at the canonical's thread configuration (run when H2 failed on a logic gap), else null. */
  thread_check: ReturnType<typeof replaySummary> | null;
  /** Why a requested localisation (`localize`) has no result (its pinned baseline failed), else null. */
  localization_error: string | null;
}

/**
 * `verdict {cell, metric, profile, …verdict options}`: the verdict-for-a-cell use case (@repro/use-cases)
 * on the profile's replays. The job's options are the CLI's (`verdictOptionsSchema`); the replay
 * settings it leaves unset come from the profile (replays, hash_seed, threads, timeout_s — a job may only
 * shorten the timeout). The verdict is saved to the history and its artefact written to
 * `verdicts/<cell>/<job_id>.json` once per job, however often it is retried (and, with `report`, its HTML page
 * as `<job_id>.html` beside it). A failed replay is a verdict
 * (INCONCLUSIVE_TOOLING replay_error), not a job failure; an unreachable store or database is retried.
 */
export async function runVerdictJob(payload: VerdictJobPayload, ctx: JobContext, deps: VerdictJobDeps): Promise<VerdictJobResult> {
  const { profile: profileName, report, ...requested } = payload as VerdictJobPayload & Partial<VerdictOptionsInput>;
  const profile = lookupProfile(deps.profiles, profileName);
  const imageSha = requested.image_sha ?? deps.defaultImageSha;
  const options: VerdictOptionsInput = {
    ...requested,
    ...(imageSha === undefined ? {} : { image_sha: imageSha }),
    replays: requested.replays ?? profile.replays,
    ...(requested.replay_count ?? profile.replay_count ? { replay_count: requested.replay_count ?? profile.replay_count } : {}),
    hash_seed: requested.hash_seed ?? profile.hash_seed ?? 0,
    threads: requested.threads ?? profile.threads ?? 1,
    timeout_s: jobTimeoutSeconds(requested.timeout_s, profile),
  };
  try {
    const result = await runVerdictForCell(options, profileReplayCommand(profile, { metric: payload.metric, purpose: 'verdict', parentEnv: deps.parentEnv }), {
      store: deps.store,
      now: deps.now,
      redactor: deps.redactor,
      recorder: ledgerRecorder(deps.ledger, ctx.jobId, deps.store),
      artefact: { store: deps.artefacts, prefix: deps.artefactPrefix, id: ctx.jobId },
      signal: ctx.signal,
      emit: (event) => ctx.emit(event),
    });
    const { replays, artefact } = result;
    const page = (report ?? profile.report) ? await writeVerdictReport(deps.artefacts, artefact!.key, result.verdict, deps.store, deps.redactor) : null;
    return {
      verdict: result.verdict,
      artefact: { key: artefact!.key, uri: artefact!.uri },
      ...(page === null ? {} : { report: { key: page.key, uri: page.uri } }),
      saved_to_history: result.saved_to_history,
      replays: replays === null ? null : { mode: replays.mode, a: replaySummary(replays.a, payload.metric), b: replaySummary(replays.b, payload.metric) },
      all_replays: result.outcomes === null ? null : result.outcomes.map((outcome) => replaySummary(outcome, payload.metric)),
      thread_check: result.thread_check === null ? null : replaySummary(result.thread_check, payload.metric),
      localization_error: result.localization_error,
    };
  } catch (error) {
    throw useCaseJobError(error);
  }
}
