import { DEFAULT_S43_PREFIX, type GateOutcome, InvalidIdError, type ObjectStore, S43Transport } from '@repro/s43-transport';
import { type GateOptions, type GateOptionsInput, gateOptionsSchema } from '../options/gate-options.js';
import { parseOptions } from '../options/parse-options.js';
import { UseCaseInputError } from '../use-case-errors.js';
import type { UseCaseEventSink } from '../use-case-events.js';

/** The ports of a cohort gate. */
export interface GatePorts {
  /** Where the run's cohort is (S3 or a local directory). */
  readonly objectStore: ObjectStore;
  /** Key prefix of the cohorts (default `s43-predictions`). */
  readonly prefix?: string | null;
  readonly emit?: UseCaseEventSink;
  /** Reaches every store call (an aborted one ends in the store's StoreAbortedError). */
  readonly signal?: AbortSignal;
}

export interface GateForRun {
  readonly gate: GateOutcome;
  readonly options: GateOptions;
}

/**
 * The s43 cohort gate of a run: the pod blobs listed under the run counted against `expected` and the
 * named `pods` (complete means exactly that set; unexpected pods make it incomplete unless
 * `allow_unexpected`; `verify` downloads each blob and checks its stored checksum), the result persisted as `<prefix>/<run_id>/_gate.json`. An incomplete
 * cohort is a result (`complete: false`), not an error; a gate result that could not be persisted is
 * `persisted: false` (and the `s43_gate_persist_failed` event).
 *
 * @throws UseCaseInputError (bad options or ids: `run_id`, `pods.N`), the object store's errors.
 */
export async function gateRun(input: GateOptionsInput, ports: GatePorts): Promise<GateForRun> {
  const options = parseOptions(gateOptionsSchema, input);
  const transport = new S43Transport({ store: ports.objectStore, prefix: ports.prefix ?? DEFAULT_S43_PREFIX, ...(ports.emit ? { emit: ports.emit } : {}) });
  try {
    const gate = await transport.gate(options.run_id, options.expected, {
      ...(options.pods === undefined ? {} : { pods: options.pods }),
      allowUnexpected: options.allow_unexpected,
      verify: options.verify,
      ...(ports.signal === undefined ? {} : { signal: ports.signal }),
    });
    return { gate, options };
  } catch (error) {
    if (error instanceof InvalidIdError) {
      const field = error.field === 'pod' ? `pods.${options.pods?.indexOf(error.value) ?? 0}` : 'run_id';
      throw new UseCaseInputError(field, `${JSON.stringify(error.value)} is not a valid id: ${error.message}`);
    }
    throw error;
  }
}
