// Type tests of the signatures users depend on (checked by `vitest --typecheck`): a change here is an API change.
import type { CanonicalStore, EpsProdRecord } from '@repro/canonical-provenance';
import type { LocalizeEvent, ReplayEvent, ReplaySpec, SecretRedactor } from '@repro/replay-runner';
import type { GateOutcome, ObjectStore, S43Event } from '@repro/s43-transport';
import type { Verdict, VerdictEvent } from '@repro/verdict-core';
import type { EnvelopeSamplesInput } from '@repro/verdict-report';
import { describe, expectTypeOf, test } from 'vitest';
import type { z } from 'zod';
import type * as MainEntry from './index.js';
import {
  type FailedRun,
  type Redactor,
  ArtefactConflictError,
  type EnvelopeForImage,
  type EnvelopeOptions,
  type EnvelopeOptionsInput,
  type EnvelopePorts,
  EnvelopeRunsFailedError,
  type envelopeOptionsSchema,
  type GateForRun,
  type GateOptions,
  type GateOptionsInput,
  type GatePorts,
  type gateOptionsSchema,
  gateRun,
  type IdKind,
  InvalidIdentifierError,
  measureEnvelopeForImage,
  parseOptions,
  type ReplayCommand,
  runVerdictForCell,
  type UseCaseEvent,
  type UseCaseEventSink,
  UseCaseInputError,
  useCaseEventSchema,
  type VerdictForCell,
  type VerdictOptions,
  type VerdictOptionsInput,
  type VerdictPorts,
  type verdictOptionsSchema,
} from './index.js';
import type * as OptionsEntry from './options/index.js';

describe('use-cases public signatures', () => {
  test('one function per use case: options input, the replay command, the ports', () => {
    expectTypeOf(runVerdictForCell).parameters.toEqualTypeOf<[input: VerdictOptionsInput, command: ReplayCommand, ports: VerdictPorts]>();
    expectTypeOf(runVerdictForCell).returns.resolves.toEqualTypeOf<VerdictForCell>();
    expectTypeOf<VerdictForCell['verdict']>().toEqualTypeOf<Verdict>();
    expectTypeOf<VerdictForCell['options']>().toEqualTypeOf<VerdictOptions>();
    expectTypeOf(measureEnvelopeForImage).parameters.toEqualTypeOf<[input: EnvelopeOptionsInput, command: ReplayCommand, ports: EnvelopePorts]>();
    expectTypeOf(measureEnvelopeForImage).returns.resolves.toEqualTypeOf<EnvelopeForImage>();
    expectTypeOf<EnvelopeForImage['eps_prod']>().toEqualTypeOf<EpsProdRecord>();
    expectTypeOf(gateRun).parameters.toEqualTypeOf<[input: GateOptionsInput, ports: GatePorts]>();
    expectTypeOf(gateRun).returns.resolves.toEqualTypeOf<GateForRun>();
    expectTypeOf<GateForRun['gate']>().toEqualTypeOf<GateOutcome>();
  });

  test('a replay command is the command part of a ReplaySpec only: pins and timeouts come from the options', () => {
    expectTypeOf<ReplayCommand>().toEqualTypeOf<Pick<ReplaySpec, 'command' | 'cwd' | 'params' | 'passEnv' | 'parentEnv' | 'killGraceMs' | 'maxOutputBytes' | 'workDir' | 'buildSha' | 'numericEnv'>>();
    expectTypeOf<ReplayCommand>().not.toHaveProperty('pin');
    expectTypeOf<ReplayCommand>().not.toHaveProperty('timeoutMs');
  });

  test('ports are the slices of the packages the use case needs: a CanonicalStore and an ObjectStore fit', () => {
    expectTypeOf<{ store: CanonicalStore; now: () => Date; redactor: Redactor }>().toExtend<VerdictPorts>();
    expectTypeOf<{ store: CanonicalStore; now: () => Date }>().not.toExtend<VerdictPorts>();
    expectTypeOf<SecretRedactor>().toExtend<Redactor>();
    expectTypeOf<{ store: CanonicalStore }>().toExtend<EnvelopePorts>();
    expectTypeOf<{ objectStore: ObjectStore }>().toExtend<GatePorts>();
    expectTypeOf<{ store: CanonicalStore }>().not.toExtend<VerdictPorts>();
  });

  test('options: zod schemas whose input leaves defaults optional and whose output is the exported type', () => {
    expectTypeOf<z.output<typeof verdictOptionsSchema>>().toEqualTypeOf<VerdictOptions>();
    expectTypeOf<z.input<typeof verdictOptionsSchema>>().toEqualTypeOf<VerdictOptionsInput>();
    expectTypeOf<z.output<typeof envelopeOptionsSchema>>().toEqualTypeOf<EnvelopeOptions>();
    expectTypeOf<z.output<typeof gateOptionsSchema>>().toEqualTypeOf<GateOptions>();
    expectTypeOf<{ cell: string; metric: string }>().toExtend<VerdictOptionsInput>();
    expectTypeOf<VerdictOptionsInput['eps_num']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<VerdictOptions['eps_num']>().toEqualTypeOf<number>();
    expectTypeOf<VerdictOptions['pin_mode']>().toEqualTypeOf<'pinned' | 'uncapped'>();
    expectTypeOf<EnvelopeOptions['method']>().toEqualTypeOf<'pairwise-normal' | 'nonparametric'>();
    expectTypeOf(parseOptions<typeof gateOptionsSchema>).returns.toEqualTypeOf<GateOptions>();
    expectTypeOf(parseOptions<typeof verdictOptionsSchema>).parameters.toEqualTypeOf<[schema: typeof verdictOptionsSchema, input: unknown]>();
  });

  test('@repro/use-cases/options is the options part of the main entry, without any use case', () => {
    expectTypeOf<keyof typeof OptionsEntry>().toExtend<keyof typeof MainEntry>();
    expectTypeOf<typeof OptionsEntry>().toHaveProperty('verdictOptionsSchema');
    expectTypeOf<typeof OptionsEntry>().toHaveProperty('parseOptions');
    expectTypeOf<typeof OptionsEntry>().toHaveProperty('UseCaseInputError');
    expectTypeOf<typeof OptionsEntry>().not.toHaveProperty('runVerdictForCell');
    expectTypeOf<typeof OptionsEntry>().not.toHaveProperty('gateRun');
  });

  test('one sink takes the events of the use cases and of every package they compose', () => {
    expectTypeOf<UseCaseEventSink>().parameter(0).toEqualTypeOf<UseCaseEvent | ReplayEvent | LocalizeEvent | VerdictEvent | S43Event>();
    expectTypeOf(useCaseEventSchema.parse).returns.toEqualTypeOf<UseCaseEvent>();
    expectTypeOf<UseCaseEvent['event']>().toEqualTypeOf<'eps_prod_reused' | 'eps_prod_remeasured' | 'verdict_reused' | 'localization_failed'>();
    const event = {} as UseCaseEvent;
    if (event.event === 'eps_prod_reused') expectTypeOf(event.eps_prod).toEqualTypeOf<number | null>();
    else if (event.event === 'verdict_reused') expectTypeOf(event.verdict).toEqualTypeOf<string>();
  });

  test('an eps_prod record read from the store is envelope samples for the verdict report', () => {
    expectTypeOf<EpsProdRecord>().toExtend<EnvelopeSamplesInput>();
  });

  test('errors name the field, the id or the runs', () => {
    expectTypeOf<Pick<UseCaseInputError, 'field' | 'problem'>>().toEqualTypeOf<{ readonly field: string; readonly problem: string }>();
    expectTypeOf<Pick<InvalidIdentifierError, 'kind' | 'value' | 'problem'>>().toEqualTypeOf<{ readonly kind: IdKind; readonly value: string; readonly problem: string }>();
    expectTypeOf<EnvelopeRunsFailedError['failed'][number]>().toEqualTypeOf<FailedRun>();
    expectTypeOf<Pick<FailedRun, 'label' | 'kind' | 'message'>>().toEqualTypeOf<{ readonly label: string; readonly kind: string; readonly message: string }>();
    expectTypeOf<Pick<ArtefactConflictError, 'key' | 'uri'>>().toEqualTypeOf<{ readonly key: string; readonly uri: string }>();
    for (const error of [UseCaseInputError, InvalidIdentifierError, EnvelopeRunsFailedError, ArtefactConflictError]) expectTypeOf(error.prototype).toExtend<Error>();
  });
});
