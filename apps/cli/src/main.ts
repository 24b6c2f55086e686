import { processIo } from './cli-io.js';
import { runCli } from './run-cli.js';

// The AWS SDK prints a multi-line notice on Node < 22 the first time an S3 client is created; Repro
// supports Node 20 on purpose, and errors must stay one clear line. Set it to "false" to see it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const code = await runCli(process.argv.slice(2), processIo());
process.exitCode = code;
