import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * Every ```js block of the README that imports @repro/metrics-reduce is run (against the sources), and
 * what each `console.log(…); // → …` line prints must be what its comment says.
 */
const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const SOURCE = fileURLToPath(new URL('../src/index.ts', import.meta.url));
const blocks = [...README.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((code) => code.includes("from '@repro/metrics-reduce'"));
const dir = mkdtempSync(join(tmpdir(), 'metrics-reduce-readme-'));
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

afterEach(() => {
  vi.restoreAllMocks();
});

describe('README examples', () => {
  it('there are runnable examples (the quick start, the step API, the ledger)', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3);
  });

  it.each(blocks.map((code, i) => [code.split('\n')[0]!, i] as const))('%s prints what its comments say', async (_title, i) => {
    const code = blocks[i]!;
    const expected = [...code.matchAll(/console\.log\(.*\);\s*\/\/ → (.*)$/gm)].map((m) => oneLine(m[1]!));
    expect(expected.length).toBeGreaterThan(0);
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      printed.push(oneLine(format(...args)));
    });
    const file = join(dir, `example-${i}.mjs`);
    writeFileSync(file, code.replaceAll("'@repro/metrics-reduce'", JSON.stringify(SOURCE)));
    await import(file);
    expect(printed).toEqual(expected);
  });
});
