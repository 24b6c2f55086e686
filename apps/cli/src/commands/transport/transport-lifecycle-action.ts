import { applyLifecycleRule, S3Store, s43LifecycleRule, verifyLifecycleRule } from '@repro/s43-transport';
import { invalidInput } from '../../cli-error.js';
import type { CommandContext } from '../../command-context.js';
import { EXIT } from '../../exit-codes.js';
import { printJson } from '../../output/print-json.js';
import { renderKeyValues } from '../../output/render-table.js';
import { openTransport } from './open-transport.js';
import { transportCliError } from './transport-cli-errors.js';
import type { LifecycleOptions } from './transport-lifecycle-command.js';

/** Print, apply or verify the 7-day lifecycle rule of the prefix. */
export async function runTransportLifecycle(ctx: CommandContext, opts: LifecycleOptions): Promise<void> {
  const modes = [opts.print, opts.apply, opts.verify].filter(Boolean).length;
  if (modes !== 1) {
    const message = 'give exactly one of --print, --apply, --verify';
    throw invalidInput(message, { error: { code: 'invalid_flag', flag: '--print|--apply|--verify', message } });
  }
  const { transport: t, opened } = openTransport(ctx, opts);
  const rule = s43LifecycleRule(t.prefix);
  if (opts.print) return printJson(ctx.io, { Rules: [rule] });
  if (!(opened.store instanceof S3Store)) {
    const message = `lifecycle --apply/--verify need an s3:// store (bucket lifecycle rules are an S3 feature), not ${opened.store.baseUri}`;
    throw invalidInput(message, { error: { code: 'invalid_store', uri: opened.store.baseUri, message } });
  }
  try {
    if (opts.apply) {
      const applied = await applyLifecycleRule(opened.store, rule);
      if (opts.json) printJson(ctx.io, applied);
      else ctx.io.stdout(renderKeyValues([['rule', applied.rule_id], ['action', applied.replaced ? 'replaced' : 'added'], ['rules in bucket', applied.rules]]));
      return;
    }
    const check = await verifyLifecycleRule(opened.store, rule);
    if (opts.json) printJson(ctx.io, check);
    else ctx.io.stdout(renderKeyValues([['rule', check.rule_id], ['in force', check.in_force ? 'yes' : 'NO'], ...check.problems.map((p) => ['problem', p] as const)]));
    ctx.setExitCode(check.in_force ? EXIT.OK : EXIT.FAILURE);
  } catch (error) {
    throw transportCliError(error);
  }
}
