// Regenerates schema/child-result.schema.json from the zod schema (a test fails when they drift).
import { writeFileSync } from 'node:fs';
import { childResultJsonSchema } from '../src/child-result.js';

const target = new URL('../schema/child-result.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(childResultJsonSchema(), null, 2)}\n`);
