import type { ProvenanceInput } from '@repro/canonical-provenance';
import { invalidInput } from '../../cli-error.js';
import type { CommandContext } from '../../command-context.js';
import { parseFiniteNumber } from '../../input/parse-number-list.js';
import { inputName, readJsonInput } from '../../input/read-input.js';
import { printJson } from '../../output/print-json.js';
import { runForCanonical } from '../../replay/canonical-from-run.js';
import { replaySpecFromFlags } from '../../replay/replay-flags.js';
import { withStoreFromCli } from '../../store/open-store-from-cli.js';
import { canonicalFlagName } from './canonical-flag-names.js';
import type { RecordOptions } from './canonical-record-command.js';
import { missingP0Warnings } from './missing-p0-warnings.js';

/** prov.json `{dimension: value}` merged with --build-sha / --instance-type (the two must agree when both given). */
async function readProvenance(ctx: CommandContext, opts: RecordOptions): Promise<Record<string, unknown>> {
  let provenance: Record<string, unknown> = {};
  if (opts.provenanceFile !== undefined) {
    const document = await readJsonInput(ctx, opts.provenanceFile);
    const file = inputName(opts.provenanceFile);
    if (document === null || typeof document !== 'object' || Array.isArray(document)) {
      throw invalidInput(`${file}: expected an object {dimension: value}`, { error: 'invalid_provenance', file, field: '(root)' });
    }
    provenance = { ...(document as Record<string, unknown>) };
  }
  for (const [dim, flag, value] of [
    ['build_sha', '--build-sha', opts.buildSha],
    ['instance_type', '--instance-type', opts.instanceType],
  ] as const) {
    if (value === undefined) continue;
    if (provenance[dim] !== undefined && provenance[dim] !== value) {
      throw invalidInput(`${flag} ${JSON.stringify(value)} disagrees with ${dim} ${JSON.stringify(provenance[dim])} in ${inputName(opts.provenanceFile!)}`, { error: 'invalid_flag', flag });
    }
    provenance[dim] = value;
  }
  return provenance;
}

/** Record a canonical run (given or run once un-capped) with its P0 provenance; warn about missing P0 dimensions. */
export async function runCanonicalRecord(ctx: CommandContext, argv: string[], opts: RecordOptions): Promise<void> {
  if (opts.fromRun && opts.value !== undefined) throw invalidInput('--value and --from-run exclude each other', { error: 'invalid_flag', flag: '--value' });
  if (!opts.fromRun && opts.value === undefined) throw invalidInput('give the run’s --value, or --from-run -- CMD… to run it', { error: 'invalid_flag', flag: '--value' });
  if (!opts.fromRun && argv.length > 0) throw invalidInput(`a command (${argv.join(' ')}) is only run with --from-run`, { error: 'invalid_flag', flag: '--from-run' });
  const givenValue = opts.value === undefined ? undefined : parseFiniteNumber('--value', opts.value);
  const spec = opts.fromRun ? await replaySpecFromFlags(ctx, argv, opts, { pin: 'uncapped', metric: opts.metric }) : undefined;
  const given = await readProvenance(ctx, opts);
  const fileName = opts.provenanceFile === undefined ? undefined : inputName(opts.provenanceFile);
  const fieldName = (field: string) => {
    if (!field.startsWith('provenance.')) return canonicalFlagName(field);
    const dim = field.slice('provenance.'.length);
    if (dim === 'build_sha' && opts.buildSha !== undefined) return '--build-sha';
    if (dim === 'instance_type' && opts.instanceType !== undefined) return '--instance-type';
    return fileName === undefined ? `fingerprint: ${dim}` : `${fileName}: ${dim}`;
  };
  await withStoreFromCli(
    ctx,
    opts,
    async (store) => {
      const run = spec === undefined ? undefined : await runForCanonical(spec, opts.metric, ctx.signal);
      const value = run === undefined ? givenValue! : run.value;
      // The flags and the provenance file win over what the child captured.
      const provenance = { ...(run?.provenance ?? {}), ...given };
      const result = await store.recordCanonical(
        {
          run_id: opts.runId,
          cell: opts.cell,
          metric: opts.metric,
          value,
          provenance: provenance as ProvenanceInput,
          ...(run === undefined ? {} : { extra: { fingerprint: JSON.parse(JSON.stringify(run.fingerprint)) } }),
        },
        { promote: opts.promote === true },
      );
      const warnings = missingP0Warnings(provenance, { fromRun: opts.fromRun === true, passEnv: opts.passEnv });
      for (const warning of warnings) ctx.warn(`run ${opts.runId}: ${warning.message}`);
      if (opts.json) {
        printJson(ctx.io, { ...result, warnings });
        return;
      }
      const lines = [result.created ? `recorded run ${result.run_id} (cell ${result.cell}, metric ${result.metric})` : `run ${result.run_id} was already recorded, identical`];
      if (run !== undefined) lines.push(`from one un-capped run: ${opts.metric} = ${value}; provenance: ${Object.keys(provenance).join(', ') || 'none'}`);
      const promotion = result.promotion;
      if (promotion !== null) {
        lines.push(
          promotion.changed
            ? `promoted: ${promotion.run_id} is the canonical${promotion.demoted_run_id === null ? '' : ` (demoted ${promotion.demoted_run_id})`}`
            : `${promotion.run_id} already was the canonical`,
        );
      }
      ctx.io.stdout(`${lines.join('\n')}\n`);
    },
    { fieldName },
  );
}
