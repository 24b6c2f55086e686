import { readCliVersion } from './cli-version.js';

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  // the fast path of `repro --version`: the same line commander prints, without loading the command tree
  process.stdout.write(`${readCliVersion()}\n`);
} else {
  const [{ processIo }, { runCli }] = await Promise.all([import('./cli-io.js'), import('./run-cli.js')]);
  process.exitCode = await runCli(argv, processIo());
}
