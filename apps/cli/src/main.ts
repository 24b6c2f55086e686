import { processIo } from './cli-io.js';
import { runCli } from './run-cli.js';

// Started by bin/repro.cjs (which answers `repro --version` itself, without loading this bundle).
void runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
