// `node lint-and-record-modules.mjs import|require <built entry> <definition JSON>`: loads an entry of the built
// package the way an ESM (import) or CommonJS (require) consumer does, runs its lint() on the definition, and
// prints `{ diagnostics, loaded }` as JSON, `loaded` being the URL of every module the process loaded (ESM and
// CommonJS both pass through Node's synchronous module hooks).
import { createRequire, registerHooks } from 'node:module';
import { pathToFileURL } from 'node:url';

const loaded = [];
registerHooks({
  load(url, context, nextLoad) {
    loaded.push(url);
    return nextLoad(url, context);
  },
});

const [how, entry, definition] = process.argv.slice(2);
const sfTopology = how === 'require' ? createRequire(import.meta.url)(entry) : await import(pathToFileURL(entry).href);
const diagnostics = sfTopology.lint(JSON.parse(definition));
process.stdout.write(JSON.stringify({ diagnostics, loaded }));
