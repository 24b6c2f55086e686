import { openCanonicalStore } from '@repro/canonical-provenance';
import { runVerdictForCell } from '@repro/use-cases';

const store = await openCanonicalStore({ connection: { kind: 'pglite-memory' } });
await store.migrate();
// a training cell: any command that writes its metrics through the runner's child helper
const train = "require(process.env.REPRO_NODE_CHILD).writeResult({ f1_buy: 0.61 }, { build_sha: 'abc123' })";
const { verdict } = await runVerdictForCell(
  { cell: 'defi_top5/fold-3', metric: 'f1_buy', parity_dims: ['build_sha'] },
  { command: [process.execPath, '-e', train] },
  { store, now: () => new Date(), emit: (event) => console.error(event.event) },
);
console.log(verdict.verdict, verdict.reason ?? verdict.cause); // INCONCLUSIVE_TOOLING canonical_absent
await store.close();
