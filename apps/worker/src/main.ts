// The `repro-worker` bin (bin/repro-worker.js imports this file).
import { runWorker } from './runtime/run-worker.js';

runWorker({
  argv: process.argv.slice(2),
  env: process.env,
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  onSignal: (signal, listener) => process.on(signal, listener),
}).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`repro-worker: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
