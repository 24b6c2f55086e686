import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { STORE_OPTION_HELP } from './store-option-help.js';

export interface PersistOptions {
  run: string;
  pod: string;
  store?: string;
  overwrite?: boolean;
  compressed?: boolean;
  json?: boolean;
}

/** `repro transport persist --run R --pod P FILE.npz`: store a pod's arrays; a conflicting re-persist exits 4. */
export function registerTransportPersistCommand(transport: Command, ctx: CommandContext): void {
  transport
    .command('persist')
    .description("store a pod's arrays as <prefix>/<run>/<pod>.npz (same content again: no-op; different content: exit 4 unless --overwrite)")
    .argument('<file>', '.npz file holding the arrays')
    .requiredOption('--run <run_id>', 'run id')
    .requiredOption('--pod <pod>', 'pod id')
    .option('--store <uri>', STORE_OPTION_HELP)
    .option('--overwrite', 'replace different content already stored under the key')
    .option('--compressed', 'store the blob deflated (np.savez_compressed)')
    .option('--json', 'print {uri, key, bytes, sha256, created}')
    .action(async (file: string, opts: PersistOptions) => (await import('./transport-persist-action.js')).runTransportPersist(ctx, file, opts));
}
