import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';

/**
 * The README's opening example is run as written (its import line bound to this package's source), and
 * every `// → value` comment must equal what that line prints. A README that drifts from the code fails.
 */
const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README example', () => {
  it('runs, and prints exactly what its // → comments say', () => {
    const block = /```js\n([\s\S]*?)```/.exec(README)?.[1];
    expect(block, 'README.md opens with a ```js example').toBeDefined();
    const importLine = /^import \{([^}]+)\} from '@repro\/sf-topology';$/m.exec(block!);
    expect(importLine, 'the example imports from @repro/sf-topology').not.toBeNull();
    const names = importLine![1]!.split(',').map((n) => n.trim());
    const body = block!.replace(importLine![0], '');
    const expected = [...body.matchAll(/\/\/ → (.*)$/gm)].map((m) => m[1]!);
    expect(expected.length).toBeGreaterThan(0);
    const printed: string[] = [];
    const run = new Function('api', 'console', `const { ${names.join(', ')} } = api;\n${body}`);
    run(api, { log: (value: unknown) => printed.push(JSON.stringify(value)) });
    expect(printed).toEqual(expected);
  });
});
