// Type tests of the signatures users depend on (checked by `vitest --typecheck`): a change here is an API change.
import type { ObservationInput } from '@repro/verdict-core';
import { describe, expectTypeOf, test } from 'vitest';
import type { z } from 'zod';
import { type ChildResultPayload, writeResult } from './child/index.js';
import {
  type ChildResult,
  type ChildResultSchema,
  type EnvFingerprint,
  type EnvFingerprintSchema,
  type LocalizeEvent,
  type LocalizeResult,
  localizeReplay,
  type MetricValueSchema,
  type ObservedReplay,
  type ParsedChildResult,
  type PinConfig,
  parseChildResult,
  type REPLAY_ERROR_KINDS,
  type ReplayAbortedError,
  type ReplayError,
  type ReplayErrorKind,
  type ReplayEvent,
  type ReplayEventSink,
  type ReplayFailedEvent,
  type ReplayFailure,
  type ReplayOutcome,
  type ReplayPair,
  type ReplaySpec,
  type ReplaySpecError,
  type ReplayStartedEvent,
  type ReplaySuccess,
  type RunReplayOptions,
  replayEventSchema,
  replayMetric,
  runMany,
  runReplay,
  runReplayPair,
  toObservedReplay,
} from './index.js';

describe('replay-runner public signatures', () => {
  test('runReplay spawns one replay of a spec; runReplayPair two; runMany n', () => {
    expectTypeOf(runReplay).parameters.toEqualTypeOf<[spec: ReplaySpec, options?: RunReplayOptions]>();
    expectTypeOf(runReplay).returns.resolves.toEqualTypeOf<ReplayOutcome>();
    expectTypeOf(runReplayPair).returns.resolves.toEqualTypeOf<ReplayPair>();
    expectTypeOf<ReplayPair['mode']>().toEqualTypeOf<'parallel' | 'sequential'>();
    expectTypeOf(runMany).parameter(1).toEqualTypeOf<number>();
    expectTypeOf(runMany).returns.resolves.toEqualTypeOf<ReplayOutcome[]>();
  });

  test('a ReplaySpec is a command line plus optional pins; a job can give nothing else required', () => {
    expectTypeOf<{ command: string[] }>().toExtend<ReplaySpec>();
    expectTypeOf<{ cwd: string }>().not.toExtend<ReplaySpec>();
    expectTypeOf<ReplaySpec['pin']>().toEqualTypeOf<PinConfig | undefined>();
    expectTypeOf<PinConfig['mode']>().toEqualTypeOf<'pinned' | 'uncapped'>();
    const pin = {} as PinConfig;
    if (pin.mode === 'pinned') expectTypeOf(pin).toHaveProperty('threads').toEqualTypeOf<number | 'unset' | undefined>();
    else expectTypeOf(pin).not.toHaveProperty('threads');
  });

  test('a ReplayOutcome narrows on `ok`: metrics and fingerprint on success, a classified error on failure', () => {
    expectTypeOf<ReplayOutcome>().toEqualTypeOf<ReplaySuccess | ReplayFailure>();
    const outcome = {} as ReplayOutcome;
    if (outcome.ok) {
      expectTypeOf(outcome).toEqualTypeOf<ReplaySuccess>();
      expectTypeOf(outcome.metrics).toEqualTypeOf<Readonly<Record<string, number>>>();
      expectTypeOf(outcome.error).toEqualTypeOf<null>();
    } else {
      expectTypeOf(outcome.error).toEqualTypeOf<ReplayError>();
      expectTypeOf(outcome.metrics).toEqualTypeOf<Readonly<Record<string, number>> | null>();
    }
    expectTypeOf(replayMetric).returns.toEqualTypeOf<number | null>();
  });

  test('every failure is one of seven kinds', () => {
    expectTypeOf<ReplayErrorKind>().toEqualTypeOf<(typeof REPLAY_ERROR_KINDS)[number]>();
    expectTypeOf<ReplayErrorKind>().toEqualTypeOf<'spawn_failed' | 'nonzero_exit' | 'signal' | 'timeout' | 'bad_result' | 'pin_mismatch' | 'non_finite_metric'>();
    expectTypeOf<ReplayError['kind']>().toEqualTypeOf<ReplayErrorKind>();
    expectTypeOf<ReplayFailedEvent['kind']>().toEqualTypeOf<ReplayErrorKind>();
  });

  test('an outcome becomes the replay of a verdict-core observation', () => {
    expectTypeOf<ObservedReplay>().toEqualTypeOf<ObservationInput['replay_a']>();
    expectTypeOf(toObservedReplay).parameters.toEqualTypeOf<[outcome: ReplayOutcome, metric: string, parityDims?: readonly string[]]>();
    expectTypeOf(toObservedReplay).returns.toEqualTypeOf<ObservedReplay>();
  });

  test('the child protocol: what the Node child helper writes is what the runner parses', () => {
    expectTypeOf(writeResult).returns.toEqualTypeOf<ChildResultPayload>();
    expectTypeOf<ChildResultPayload['metrics'][string]>().toEqualTypeOf<z.input<typeof MetricValueSchema>>();
    expectTypeOf<z.output<typeof MetricValueSchema>>().toEqualTypeOf<number | 'NaN' | 'Infinity' | '-Infinity'>();
    expectTypeOf<z.output<typeof ChildResultSchema>>().toEqualTypeOf<ChildResult>();
    expectTypeOf<z.output<typeof EnvFingerprintSchema>>().toEqualTypeOf<EnvFingerprint>();
    expectTypeOf<EnvFingerprint['build_sha']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf(parseChildResult).returns.toEqualTypeOf<ParsedChildResult>();
    const parsed = {} as ParsedChildResult;
    if (parsed.ok) expectTypeOf(parsed.raw).toEqualTypeOf<ChildResult>();
    else expectTypeOf(parsed.error).toEqualTypeOf<ReplayError>();
  });

  test('localizeReplay resolves to a localisation or a reason, never throws a non-result', () => {
    expectTypeOf(localizeReplay).returns.resolves.toEqualTypeOf<LocalizeResult>();
    const result = {} as LocalizeResult;
    if (result.ok) expectTypeOf(result).toHaveProperty('localization');
    else expectTypeOf(result.reason).toEqualTypeOf<string>();
  });

  test('events: one union discriminated on `event`, which the schema parses', () => {
    expectTypeOf(replayEventSchema.parse).returns.toEqualTypeOf<ReplayEvent>();
    expectTypeOf<ReplayEvent['event']>().toEqualTypeOf<'replay_started' | 'replay_finished' | 'replay_failed' | 'replay_env_dropped'>();
    expectTypeOf<ReplayEventSink>().toEqualTypeOf<(event: ReplayEvent) => void>();
    const event = {} as ReplayEvent;
    if (event.event === 'replay_started') expectTypeOf(event).toEqualTypeOf<ReplayStartedEvent>();
    if (event.event === 'replay_failed') expectTypeOf(event.severity).toEqualTypeOf<'warning'>();
    expectTypeOf<ReplayEvent>().toExtend<LocalizeEvent>();
  });

  test('errors: a bad spec names the field; an abort is an AbortError naming the replay', () => {
    expectTypeOf<ReplaySpecError>().toExtend<Error>();
    expectTypeOf<Pick<ReplaySpecError, 'field' | 'problem' | 'name'>>().toEqualTypeOf<{ readonly field: string; readonly problem: string; readonly name: 'ReplaySpecError' }>();
    expectTypeOf<ReplayAbortedError>().toExtend<Error>();
    expectTypeOf<ReplayAbortedError['name']>().toEqualTypeOf<'AbortError'>();
    expectTypeOf<ReplayAbortedError['label']>().toEqualTypeOf<string>();
  });
});
