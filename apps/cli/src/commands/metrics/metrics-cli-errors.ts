import {
  MetricKeyError,
  MetricsInputError,
  MissingMetricError,
  MissingStepError,
  ReductionSpecError,
  StreamMixingInputError,
} from '@repro/metrics-reduce';
import { CliError, invalidInput } from '../../cli-error.js';

/** Map @repro/metrics-reduce's typed errors to exit 2 (invalid input), with a JSON body naming where. */
export function metricsCliError(error: unknown): unknown {
  if (error instanceof CliError) return error;
  if (error instanceof MetricsInputError) return invalidInput(error.message, { error: 'malformed_input', file: error.file, line: error.line, message: error.reason });
  if (error instanceof ReductionSpecError) return invalidInput(error.message, { error: 'invalid_spec', file: error.source ?? null, path: error.path, message: error.message });
  if (error instanceof MissingMetricError) return invalidInput(error.message, { error: 'missing_metric', rank: error.rank, file: error.rankLabel ?? null, key: error.key, step: error.step });
  if (error instanceof MissingStepError) return invalidInput(error.message, { error: 'missing_step', rank: error.rank, file: error.rankLabel ?? null, step: error.step });
  if (error instanceof StreamMixingInputError || error instanceof MetricKeyError) return invalidInput(error.message, { error: 'inconsistent_input', message: error.message });
  return error;
}
