// The plain types validate() is written with (no zod) equal the output types of the zod schemas.
import { describe, expectTypeOf, test } from 'vitest';
import type { z } from 'zod';
import type { Diagnostic, DiagnosticCode } from './diagnostic.js';
import type { DiagnosticCodeSchema, DiagnosticSchema } from './diagnostic-schema.js';
import type { SfEvent, SfParallelizeOutcomeEvent, SfParallelizeRefusedEvent, SfValidateOutcomeEvent } from './sf-event-types.js';
import type { sfEventSchema, sfParallelizeOutcomeEventSchema, sfParallelizeRefusedEventSchema, sfValidateOutcomeEventSchema } from './sf-events.js';
import type * as validateEntry from './validate/index.js';

describe('plain types = z.infer of their schemas', () => {
  test('diagnostics', () => {
    expectTypeOf<Diagnostic>().toEqualTypeOf<z.infer<typeof DiagnosticSchema>>();
    expectTypeOf<DiagnosticCode>().toEqualTypeOf<z.infer<typeof DiagnosticCodeSchema>>();
    // Still assignable where a record is expected, as the z.infer type was.
    expectTypeOf<Diagnostic>().toExtend<Record<string, unknown>>();
  });

  test('events', () => {
    expectTypeOf<SfValidateOutcomeEvent>().toEqualTypeOf<z.infer<typeof sfValidateOutcomeEventSchema>>();
    expectTypeOf<SfParallelizeOutcomeEvent>().toEqualTypeOf<z.infer<typeof sfParallelizeOutcomeEventSchema>>();
    expectTypeOf<SfParallelizeRefusedEvent>().toEqualTypeOf<z.infer<typeof sfParallelizeRefusedEventSchema>>();
    expectTypeOf<SfEvent>().toEqualTypeOf<z.infer<typeof sfEventSchema>>();
    expectTypeOf<SfValidateOutcomeEvent>().toExtend<Record<string, unknown>>();
  });

  test('the validate entry hands out the same types', () => {
    expectTypeOf<validateEntry.Diagnostic>().toEqualTypeOf<z.infer<typeof DiagnosticSchema>>();
    expectTypeOf<validateEntry.SfEvent>().toEqualTypeOf<z.infer<typeof sfEventSchema>>();
  });
});
