// Type tests of the signatures users depend on (checked by `vitest --typecheck`): a change here is an API change.
import type { Localization as CoreLocalization, Verdict } from '@repro/verdict-core';
import { describe, expectTypeOf, test } from 'vitest';
import type { z } from 'zod';
import {
  type CellHistory,
  type CellHistoryInput,
  type cellHistorySchema,
  type EnvelopeSamples,
  type EnvelopeSamplesInput,
  type EpsProdRecord,
  type envelopeSamplesSchema,
  type epsProdRecordSchema,
  type Localization,
  type ReportInputError,
  renderCellHistoryReport,
  renderVerdictReport,
  type VerdictArtefact,
  type VerdictReportOptions,
  type verdictArtefactSchema,
} from './index.js';

describe('verdict-report public signatures', () => {
  test('pure renderers: an artefact or a history (any JSON, validated) in, one HTML page out', () => {
    expectTypeOf(renderVerdictReport).parameters.toEqualTypeOf<[artefact: unknown, options?: VerdictReportOptions]>();
    expectTypeOf(renderVerdictReport).returns.toEqualTypeOf<string>();
    expectTypeOf(renderCellHistoryReport).parameters.toEqualTypeOf<[history: unknown]>();
    expectTypeOf(renderCellHistoryReport).returns.toEqualTypeOf<string>();
    expectTypeOf<VerdictReportOptions['envelope']>().toEqualTypeOf<EnvelopeSamplesInput | undefined>();
  });

  test('a verdict artefact is verdict-core\'s Verdict, with the localisation when `localize` ran', () => {
    expectTypeOf<z.output<typeof verdictArtefactSchema>>().toEqualTypeOf<VerdictArtefact>();
    expectTypeOf<Verdict>().toExtend<VerdictArtefact>();
    expectTypeOf<VerdictArtefact['localization']>().toEqualTypeOf<CoreLocalization | undefined>();
    expectTypeOf<Localization>().toEqualTypeOf<CoreLocalization>();
  });

  test('envelope samples: only `samples` is required, and read-only arrays are accepted', () => {
    expectTypeOf<z.output<typeof envelopeSamplesSchema>>().toEqualTypeOf<EnvelopeSamples>();
    expectTypeOf<{ samples: readonly number[] }>().toExtend<EnvelopeSamplesInput>();
    expectTypeOf<{ samples: readonly number[]; eps_prod: number | null; method: string }>().toExtend<EnvelopeSamplesInput>();
    expectTypeOf<{ eps_prod: number }>().not.toExtend<EnvelopeSamplesInput>();
  });

  test('a cell history is what cellHistorySchema parses; its input takes the store\'s shapes', () => {
    expectTypeOf<z.output<typeof cellHistorySchema>>().toEqualTypeOf<CellHistory>();
    expectTypeOf<z.input<typeof cellHistorySchema>>().toEqualTypeOf<CellHistoryInput>();
    expectTypeOf<CellHistory['verdicts']>().toEqualTypeOf<VerdictArtefact[]>();
    expectTypeOf<CellHistory['eps_prod']>().toEqualTypeOf<EpsProdRecord[]>();
    expectTypeOf<z.output<typeof epsProdRecordSchema>>().toEqualTypeOf<EpsProdRecord>();
    expectTypeOf<EpsProdRecord['status']>().toEqualTypeOf<'measured' | 'unmeasured'>();
    expectTypeOf<EpsProdRecord['eps_prod']>().toEqualTypeOf<number | null>();
  });

  test('ReportInputError names the input, the field and what is wrong', () => {
    expectTypeOf<ReportInputError>().toExtend<Error>();
    expectTypeOf<Pick<ReportInputError, 'input' | 'field' | 'problem' | 'name'>>().toEqualTypeOf<{
      readonly input: string;
      readonly field: string;
      readonly problem: string;
      readonly name: 'ReportInputError';
    }>();
  });
});
