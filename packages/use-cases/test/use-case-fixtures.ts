import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CanonicalStore, openCanonicalStore } from '@repro/canonical-provenance';
import { createTestSchema, needPostgres } from '@repro/test-services';
import type { ReplayCommand, UseCaseEventSink } from '../src/index.js';

/** The tiny Node training cell the CLI and worker tests replay too: writes f1_buy through the runner's Node child helper. */
export const TRAIN_CELL = fileURLToPath(new URL('../../../apps/worker/test/fixtures/train-cell.cjs', import.meta.url));

/** The training cell as a replay command (`args`: --value X, --exit N, --sleep-ms N). */
export function trainCell(...args: string[]): ReplayCommand {
  return { command: [process.execPath, TRAIN_CELL, ...args] };
}

export function scratchDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `repro-use-cases-${prefix}-`));
}

/** Collects every event a use case sends. */
export function eventLog(): { emit: UseCaseEventSink; names: () => string[]; events: Parameters<UseCaseEventSink>[0][] } {
  const events: Parameters<UseCaseEventSink>[0][] = [];
  return { emit: (event) => events.push(event), names: () => events.map((e) => e.event), events };
}

export interface StoreBackend {
  readonly name: string;
  open(): Promise<{ store: CanonicalStore; close(): Promise<void> }>;
}

const postgres = await needPostgres();

/** The real stores the use cases run against: embedded PGlite, and PostgreSQL when it is there (required in CI). */
export const STORE_BACKENDS: StoreBackend[] = [
  {
    name: 'PGlite',
    async open() {
      const store = await openCanonicalStore({ connection: { kind: 'pglite-memory' } });
      await store.migrate();
      return { store, close: () => store.close() };
    },
  },
  ...(postgres === null
    ? []
    : [
        {
          name: 'PostgreSQL',
          async open() {
            const schema = await createTestSchema('uc');
            const store = await openCanonicalStore({ connection: { kind: 'postgres', url: schema.url }, schema: schema.schema });
            await store.migrate();
            return {
              store,
              async close() {
                await store.close();
                await schema.drop();
              },
            };
          },
        },
      ]),
];
