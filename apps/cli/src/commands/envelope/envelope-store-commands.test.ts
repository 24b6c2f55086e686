import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRepro } from '../../../test/run-cli-in-process.js';
import { cliStoreBackends } from '../../../test/store-backends.js';

const backends = await cliStoreBackends();
afterAll(async () => {
  for (const backend of backends) await backend.close();
});

const TEN = '0.61,0.612,0.609,0.611,0.613,0.608,0.61,0.614,0.607,0.612';
const key = (sha: string, cell = 'defi/f3') => ['--image-sha', sha, '--cell', cell, '--metric', 'f1_buy'];

describe.each(backends)('repro envelope put / show on $name', (backend) => {
  let env: Record<string, string>;
  beforeAll(async () => {
    env = backend.env(await backend.newSchema());
    expect((await runRepro(['db', 'migrate'], { env })).code).toBe(0);
  });
  const repro = (...argv: string[]) => runRepro(argv, { env });

  it('put measures eps_prod exactly as envelope compute does and stores it with its samples; show reads it back', async () => {
    const computed = JSON.parse((await repro('envelope', 'compute', '--values', TEN, '--json')).stdout);
    const put = await repro('envelope', 'put', ...key('sha256:a'), '--values', TEN, '--json', '--events');
    expect(put.code).toBe(0);
    const stored = JSON.parse(put.stdout);
    expect(stored).toMatchObject({ present: true, image_sha: 'sha256:a', cell: 'defi/f3', metric: 'f1_buy', ...computed, reason: null });
    expect(stored.samples).toEqual(TEN.split(',').map(Number));
    expect(JSON.parse(put.stderr.trim()).event).toBe('eps_prod_stored');
    const show = await repro('envelope', 'show', ...key('sha256:a'), '--json');
    expect(JSON.parse(show.stdout)).toEqual(stored);
    // printed in full (shortest round-trip), never rounded to a few digits
    expect(String(stored.eps_prod).length).toBeGreaterThan(10);
    expect((await repro('envelope', 'show', ...key('sha256:a'))).stdout).toContain(`status       measured\neps_prod     ${stored.eps_prod}\n`);
  });

  it('re-measuring the same image SHA, cell and metric replaces it; another SHA is a separate entry', async () => {
    await repro('envelope', 'put', ...key('sha256:b'), '--values', TEN);
    const again = await repro('envelope', 'put', ...key('sha256:b'), '--values', `${TEN},0.7`, '--method', 'pairwise-normal', '--coverage', '0.9');
    expect(again.stdout).toMatch(/^replaced eps_prod for image sha256:b/);
    expect(JSON.parse((await repro('envelope', 'show', ...key('sha256:b'), '--json')).stdout)).toMatchObject({ n: 11, coverage: 0.9 });
    expect(JSON.parse((await repro('envelope', 'show', ...key('sha256:c'), '--json')).stdout)).toEqual({ present: false });
    expect((await repro('envelope', 'show', ...key('sha256:c'))).stdout).toBe('no eps_prod stored for image sha256:c, cell defi/f3, metric f1_buy\n');
  });

  it('stores an unmeasured envelope with its reason (never a number); NaN is refused', async () => {
    const few = await repro('envelope', 'put', ...key('sha256:few'), '--values', '0.61,0.62', '--json');
    expect(few.code).toBe(0);
    expect(JSON.parse(few.stdout)).toMatchObject({ status: 'unmeasured', eps_prod: null, reason: 'too_few_samples', n: 2 });
    expect((await repro('envelope', 'put', ...key('sha256:nan'), '--values', `${TEN},NaN`)).code).toBe(2);
    expect(JSON.parse((await repro('envelope', 'show', ...key('sha256:nan'), '--json')).stdout)).toEqual({ present: false });
  });

  it('bad flags exit 2 naming them, and store nothing', async () => {
    const letters = await repro('envelope', 'put', ...key('sha256:bad'), '--values', '0.61,abc');
    expect(letters.code).toBe(2);
    expect(letters.stderr).toContain('--values: item 2 "abc" is not a decimal number');
    const emptySha = await repro('envelope', 'put', ...key(''), '--values', TEN);
    expect(emptySha.code).toBe(2);
    expect(emptySha.stderr).toMatch(/^repro: --image-sha: invalid image SHA "": must not be empty/m);
    expect((await repro('envelope', 'put', ...key('sha256:bad'), '--values', TEN, '--confidence', '2')).code).toBe(2);
    expect(JSON.parse((await repro('envelope', 'show', ...key('sha256:bad'), '--json')).stdout)).toEqual({ present: false });
  });
});
