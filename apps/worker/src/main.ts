// The `repro-worker` bin (bin/repro-worker.js imports this file). `--version` answers from the package
// manifest without loading the service (pg-boss, prom-client, the AWS SDK): the rest is imported lazily.
import { readWorkerVersion } from './runtime/worker-version.js';

const argv = process.argv.slice(2);
if (argv.includes('--version') || argv.includes('-V')) {
  process.stdout.write(`${readWorkerVersion()}\n`);
} else {
  const { runWorker } = await import('./runtime/run-worker.js');
  runWorker({
    argv,
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
}
