// repro-worker is not built yet (see apps/worker/README.md). It says so rather than pretending to run.
const wantsHelp = process.argv.includes('--help') || process.argv.includes('-h');
process.stderr.write(
  'repro-worker: not implemented yet — the worker app lands with its own issue; nothing was started.\n',
);
process.exitCode = wantsHelp ? 0 : 1;
