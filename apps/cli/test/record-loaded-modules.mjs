// `node --import ./record-loaded-modules.mjs …`: writes the URL of every module the process loaded (ESM
// and CommonJS, through Node's synchronous module hooks) to $REPRO_LOADED_MODULES_FILE at exit.
import { writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const loaded = new Set();
registerHooks({
  load(url, context, nextLoad) {
    loaded.add(url);
    return nextLoad(url, context);
  },
});
process.on('exit', () => writeFileSync(process.env.REPRO_LOADED_MODULES_FILE, [...loaded].join('\n')));
