// Type tests of the signatures users depend on (checked by `vitest --typecheck`): a change here is an API change.
import type { S3Client } from '@aws-sdk/client-s3';
import { describe, expectTypeOf, test } from 'vitest';
import {
  type AcquireOutcomeEvent,
  type AcquireResult,
  type CohortMember,
  type DecodedNpz,
  decideGate,
  decodeNpz,
  encodeNpz,
  FsStore,
  type GateOutcome,
  type GateResult,
  IntegrityError,
  type InvalidIdError,
  InvalidKeyError,
  type NpyArray,
  type NpyData,
  type NpzArrays,
  type NpzFormatError,
  type NpzMember,
  ObjectExistsError,
  ObjectNotFoundError,
  type ObjectStore,
  type ObjectStoreError,
  type OpenedStore,
  openStore,
  type PersistConflictError,
  type PersistResult,
  parseStoreUri,
  readNpzFile,
  S3Store,
  type S43Event,
  type S43EventSink,
  S43Transport,
  type S43TransportOptions,
  type StoreLocation,
  StoreTimeoutError,
  StoreUnavailableError,
  s43EventSchema,
  writeNpzFile,
} from './index.js';

describe('s43-transport public signatures', () => {
  test('S43Transport persists one pod, acquires a run\'s cohort and gates it, over any ObjectStore', () => {
    expectTypeOf(S43Transport).constructorParameters.toEqualTypeOf<[options: S43TransportOptions]>();
    expectTypeOf<S43TransportOptions['store']>().toEqualTypeOf<ObjectStore>();
    expectTypeOf<S43TransportOptions['emit']>().toEqualTypeOf<S43EventSink | undefined>();
    const transport = {} as S43Transport;
    expectTypeOf(transport.persist).parameters.toExtend<[runId: string, pod: string, arrays: NpzArrays, options?: { overwrite?: boolean }]>();
    expectTypeOf(transport.persist).returns.resolves.toEqualTypeOf<PersistResult>();
    expectTypeOf(transport.acquire).returns.resolves.toEqualTypeOf<AcquireResult>();
    expectTypeOf<AcquireResult['cohort']>().toEqualTypeOf<CohortMember[]>();
    expectTypeOf<CohortMember['arrays']>().toEqualTypeOf<NpzMember[]>();
    expectTypeOf(transport.gate).parameters.toExtend<[runId: string, expected: number, options?: { pods?: readonly string[]; allowUnexpected?: boolean; verify?: boolean }]>();
    expectTypeOf(transport.gate).returns.resolves.toEqualTypeOf<GateOutcome>();
    expectTypeOf<GateOutcome>().toExtend<GateResult & { gate_key: string; persisted: boolean }>();
  });

  test('arrays to persist: a record, a Map or entries of NpyArray; typed arrays or strings as data', () => {
    expectTypeOf<Record<string, NpyArray>>().toExtend<NpzArrays>();
    expectTypeOf<Map<string, NpyArray>>().toExtend<NpzArrays>();
    expectTypeOf<[string, NpyArray][]>().toExtend<NpzArrays>();
    expectTypeOf<Float64Array>().toExtend<NpyData>();
    expectTypeOf<BigInt64Array>().toExtend<NpyData>();
    expectTypeOf<string[]>().toExtend<NpyData>();
    expectTypeOf<number[]>().not.toExtend<NpyData>();
  });

  test('the .npz codec: bytes or files in, members out (and back)', () => {
    expectTypeOf(decodeNpz).parameter(0).toEqualTypeOf<Uint8Array>();
    expectTypeOf(decodeNpz).returns.resolves.toEqualTypeOf<DecodedNpz>();
    expectTypeOf(readNpzFile).returns.resolves.toEqualTypeOf<DecodedNpz>();
    expectTypeOf<DecodedNpz['members']>().toEqualTypeOf<NpzMember[]>();
    expectTypeOf(encodeNpz).parameter(0).toEqualTypeOf<NpzArrays>();
    expectTypeOf(encodeNpz).returns.resolves.toEqualTypeOf<Uint8Array>();
    expectTypeOf(writeNpzFile).returns.resolves.toEqualTypeOf<void>();
  });

  test('decideGate is pure: run, expected count and present pods in, a GateResult out', () => {
    expectTypeOf(decideGate).parameters.toExtend<[runId: string, expected: number, presentPods: readonly string[], inputs?: object]>();
    expectTypeOf(decideGate).returns.toEqualTypeOf<GateResult>();
    expectTypeOf<GateResult['missing_pods']>().toEqualTypeOf<string[] | null>();
  });

  test('object stores: the local directory and S3 (on the caller\'s S3Client) are both an ObjectStore', () => {
    expectTypeOf<FsStore>().toExtend<ObjectStore>();
    expectTypeOf<S3Store>().toExtend<ObjectStore>();
    expectTypeOf(FsStore).constructorParameters.toEqualTypeOf<[root: string]>();
    expectTypeOf<S3Store['client']>().toEqualTypeOf<S3Client>();
    expectTypeOf(S3Store).toBeConstructibleWith({ client: {} as S3Client, bucket: 'predictions' });
    expectTypeOf(openStore).returns.toEqualTypeOf<OpenedStore>();
    expectTypeOf(parseStoreUri).returns.toEqualTypeOf<StoreLocation>();
    const location = {} as StoreLocation;
    if (location.kind === 's3') expectTypeOf(location).toEqualTypeOf<{ kind: 's3'; bucket: string; prefix: string | null }>();
    else expectTypeOf(location).toEqualTypeOf<{ kind: 'fs'; dir: string }>();
  });

  test('errors: every store failure is an ObjectStoreError naming the key; codec and id errors name the member or field', () => {
    for (const error of [ObjectNotFoundError, ObjectExistsError, IntegrityError, InvalidKeyError, StoreUnavailableError, StoreTimeoutError]) {
      expectTypeOf(error.prototype).toExtend<ObjectStoreError>();
    }
    expectTypeOf<ObjectStoreError['key']>().toEqualTypeOf<string>();
    expectTypeOf<ObjectStoreError['retryable']>().toEqualTypeOf<boolean>();
    expectTypeOf<Pick<IntegrityError, 'expected' | 'actual'>>().toEqualTypeOf<{ readonly expected: string | null; readonly actual: string }>();
    expectTypeOf<NpzFormatError['member']>().toEqualTypeOf<string | null>();
    expectTypeOf<InvalidIdError['field']>().toEqualTypeOf<'run_id' | 'pod'>();
    expectTypeOf<Pick<PersistConflictError, 'key' | 'storedSha256' | 'newSha256'>>().toEqualTypeOf<{ readonly key: string; readonly storedSha256: string; readonly newSha256: string }>();
  });

  test('events: the seed\'s s43_* names, one union discriminated on `event`, which the schema parses', () => {
    expectTypeOf(s43EventSchema.parse).returns.toEqualTypeOf<S43Event>();
    expectTypeOf<S43Event['event']>().toEqualTypeOf<
      's43_pred_persist_failed' | 's43_pred_load_failed' | 's43_acquire_outcome' | 's43_pred_member_skipped' | 's43_gate_persist_failed' | 's43_gate_outcome'
    >();
    expectTypeOf<S43EventSink>().toEqualTypeOf<(event: S43Event) => void>();
    const event = {} as S43Event;
    if (event.event === 's43_acquire_outcome') {
      expectTypeOf(event).toEqualTypeOf<AcquireOutcomeEvent>();
      expectTypeOf(event.severity).toEqualTypeOf<'error' | 'info'>();
    }
  });
});
