// Regenerates schema/child-result.schema.json and the JSON Schema block of README.md from the zod schema
// (test/built-package.test.ts fails when either drifts). Run: pnpm --filter @repro/replay-runner schema
import { readFileSync, writeFileSync } from 'node:fs';
import { childResultJsonSchema } from '../src/child-result.js';

const text = `${JSON.stringify(childResultJsonSchema(), null, 2)}\n`;
writeFileSync(new URL('../schema/child-result.schema.json', import.meta.url), text);

const readme = new URL('../README.md', import.meta.url);
const block = /(<!-- child-result\.schema\.json: generated -->\n```json\n)[\s\S]*?(```)/;
const current = readFileSync(readme, 'utf8');
if (!block.test(current)) throw new Error('README.md: the generated JSON Schema block is missing');
writeFileSync(readme, current.replace(block, (_, open: string, close: string) => `${open}${text}${close}`));
