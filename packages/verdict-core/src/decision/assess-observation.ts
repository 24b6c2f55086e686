import { canonicalJson } from '../probes/canonical-json.js';
import { probeDeterminism } from '../probes/probe-determinism.js';
import { probeDivergence } from '../probes/probe-divergence.js';
import { DEFAULT_PARITY_DIMS, type DimensionMap, probeParity } from '../probes/probe-parity.js';
import type { ReplayOutcome } from '../probes/replay-outcome.js';
import type { Observation } from '../schema/observation-schema.js';
import type { EventSink, VerdictEvent } from '../schema/verdict-events.js';
import { type RecordedReplay, type RecordedValue, VERDICT_SCHEMA_VERSION, type Verdict, verdictSchema } from '../schema/verdict-schema.js';
import { VerdictInputError } from '../verdict-input-error.js';
import { decideVerdict } from './decide-verdict.js';

export interface AssessOptions {
  /** ISO-8601 timestamp of the decision, supplied by the caller (verdict-core reads no clock). */
  readonly decidedAt: string;
  /** Required P0 dimensions (default build_sha, instance_type, os, lib_versions). */
  readonly parityDims?: readonly string[];
  readonly emit?: EventSink<VerdictEvent>;
}

export interface Assessment {
  readonly verdict: Verdict;
  /** The catalogue events of this decision, in order (also sent to `emit`). */
  readonly events: readonly VerdictEvent[];
}

function toNumber(value: RecordedValue): number | null {
  if (value === 'NaN') return Number.NaN;
  if (value === 'Infinity') return Number.POSITIVE_INFINITY;
  if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
  return value;
}

function toOutcome(replay: RecordedReplay): ReplayOutcome {
  return 'error' in replay ? { error: replay.error } : { value: toNumber(replay.value) };
}

function toRecorded(replay: Observation['replay_a']): RecordedReplay {
  return 'error' in replay ? { error: replay.error } : { value: replay.value };
}

function dimensionText(map: DimensionMap, dim: string): string | null {
  const value = map[dim];
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : canonicalJson(value);
}

/**
 * Runs the probes and the frozen rule on one collected observation and builds the Verdict artefact.
 * Pure: the timestamp comes in, events go out through the injected sink.
 */
export function assessObservation(observation: Observation, options: AssessOptions): Assessment {
  if (!verdictSchema.shape.decided_at.safeParse(options.decidedAt).success) throw new VerdictInputError('decidedAt', `not an ISO-8601 date-time with offset (e.g. 2026-11-23T10:00:00Z): ${JSON.stringify(options.decidedAt)}`);
  const { cell, metric, canonical, eps_prod: epsProd } = observation;
  const epsNum = observation.eps_num;
  const fingerprint: DimensionMap = observation.replay_a.fingerprint ?? {};
  const provenance: DimensionMap = canonical?.provenance ?? {};

  const determinism = probeDeterminism(toOutcome(observation.replay_a), toOutcome(observation.replay_b), epsNum);
  const parity = probeParity(fingerprint, provenance, options.parityDims ?? DEFAULT_PARITY_DIMS);
  const epsilon = Math.max(epsNum, epsProd?.value ?? 0);
  const h2Path = determinism.status === 'PASS' && canonical !== null && epsProd !== null;
  const replayValue = 'value' in observation.replay_a ? toNumber(observation.replay_a.value) : null;
  const divergence = h2Path && replayValue !== null ? probeDivergence(replayValue, canonical.value, epsilon) : null;
  const decision = decideVerdict(determinism, parity, divergence, canonical !== null, epsProd !== null);

  const events: VerdictEvent[] = [{ event: 's18_replay_determinism', cell, metric, status: determinism.status, abs_delta_runs: determinism.detDelta }];
  if (determinism.status === 'FAIL' && determinism.detCause !== null) {
    events.push({ event: 's18_replay_determinism_cause', cell, metric, severity: 'warning', cause: determinism.detCause });
  }
  if (divergence !== null) {
    events.push({
      event: 's18_replay_divergence',
      cell,
      metric,
      severity: divergence.within ? 'info' : 'warning',
      abs_delta: divergence.canonDelta,
      epsilon,
      parity_state: parity.state,
    });
  }
  events.push({ event: 's18_replay_verdict', cell, metric, ...decision });
  if (options.emit) for (const event of events) options.emit(event);

  const verdict: Verdict = {
    schema_version: VERDICT_SCHEMA_VERSION,
    verdict: decision.verdict,
    cause: decision.cause,
    reason: decision.reason,
    cell,
    metric,
    decided_at: options.decidedAt,
    det_status: determinism.status,
    det_delta: determinism.detDelta,
    canon_delta: divergence?.canonDelta ?? null,
    epsilon,
    eps_num: epsNum,
    eps_prod: epsProd?.value ?? null,
    eps_prod_image_sha: epsProd?.image_sha ?? null,
    parity_state: parity.state,
    parity_dims: { ...parity.dims },
    replay_build_sha: dimensionText(fingerprint, 'build_sha'),
    replay_instance_type: dimensionText(fingerprint, 'instance_type'),
    canonical_run_id: canonical?.run_id ?? null,
    canonical_build_sha: dimensionText(provenance, 'build_sha'),
    canonical_instance_type: dimensionText(provenance, 'instance_type'),
    audit: {
      replay_a: toRecorded(observation.replay_a),
      replay_b: toRecorded(observation.replay_b),
      canonical_value: canonical?.value ?? null,
      replay_fingerprint: { ...fingerprint } as Verdict['audit']['replay_fingerprint'],
      canonical_provenance: { ...provenance } as Verdict['audit']['canonical_provenance'],
    },
  };
  return { verdict, events };
}
