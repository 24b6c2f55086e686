import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeNpz, encodeNpz, npyArray } from '@repro/s43-transport';
import { freePort, startMotoServer } from '@repro/test-services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRepro } from '../../../test/run-cli-in-process.js';

const BIN = fileURLToPath(new URL('../../../bin/repro.cjs', import.meta.url));
const moto = await startMotoServer();
afterAll(() => moto?.stop());

let dir: string;
let podFile: (k: number) => string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'repro-transport-cli-'));
  const files = new Map<number, string>();
  podFile = (k) => files.get(k)!;
  for (const k of [0, 1, 2, 9]) {
    const f = join(dir, `in-${k}.npz`);
    writeFileSync(f, await encodeNpz({ preds: npyArray(Float32Array.of(k, k + 0.5), [2]) }));
    files.set(k, f);
  }
});

const fileStore = () => `file://${mkdtempSync(join(tmpdir(), 'repro-store-'))}`;

describe('repro transport on a file:// store', () => {
  it('persist → {uri, key, bytes, sha256, created}; identical re-persist is a no-op; a conflicting one exits 4', async () => {
    const store = fileStore();
    const first = await runRepro(['transport', 'persist', '--run', 'r1', '--pod', 'p0', podFile(0), '--store', store, '--json']);
    expect(first.code).toBe(0);
    const body = JSON.parse(first.stdout);
    expect(body).toMatchObject({ key: 's43-predictions/r1/p0.npz', uri: `${store}/s43-predictions/r1/p0.npz`, created: true });
    const again = await runRepro(['transport', 'persist', '--run', 'r1', '--pod', 'p0', podFile(0), '--store', store, '--json']);
    expect(JSON.parse(again.stdout)).toEqual({ ...body, created: false });
    const conflict = await runRepro(['transport', 'persist', '--run', 'r1', '--pod', 'p0', podFile(1), '--store', store, '--events']);
    expect(conflict.code).toBe(4);
    expect(conflict.stderr).toContain('already holds different content');
    expect(conflict.stderr).toContain('"event":"s43_pred_persist_failed"');
    expect((await runRepro(['transport', 'persist', '--run', 'r1', '--pod', 'p0', podFile(1), '--store', store, '--overwrite'])).code).toBe(0);
  });

  it('invalid run or pod ids exit 2 before any I/O (the store directory is never created)', async () => {
    const root = join(mkdtempSync(join(tmpdir(), 'repro-noio-')), 'store');
    for (const argv of [
      ['transport', 'persist', '--run', '../x', '--pod', 'p', podFile(0)],
      ['transport', 'persist', '--run', 'r', '--pod', 'a/b', join(dir, 'does-not-exist.npz')],
      ['transport', 'acquire', '--run', 'bad run'],
      ['transport', 'gate', '--run', 'r', '--expected', '1', '--pods', 'ok,../no'],
      ['transport', 'ls', '--run', '.hidden'],
    ]) {
      const run = await runRepro([...argv, '--store', `file://${root}`]);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr).toContain('invalid');
    }
    expect(existsSync(root)).toBe(false);
  });

  it('acquire --json gives the exact shape; --out writes <pod>.npz; ls lists; gate exits 0 complete and 13 incomplete', async () => {
    const store = fileStore();
    for (const k of [0, 1, 2]) await runRepro(['transport', 'persist', '--run', 'r2', '--pod', `p${k}`, podFile(k), '--store', store]);
    const out = join(dir, 'out');
    const acquired = await runRepro(['transport', 'acquire', '--run', 'r2', '--store', store, '--out', out, '--json']);
    expect(acquired.code).toBe(0);
    const doc = JSON.parse(acquired.stdout);
    expect(Object.keys(doc)).toEqual(['run_id', 'cohort', 'failures']);
    expect(doc.failures).toEqual([]);
    expect(doc.cohort.map((c: { pod: string; arrays: unknown }) => [c.pod, c.arrays])).toEqual(['p0', 'p1', 'p2'].map((p) => [p, [{ name: 'preds', dtype: '<f4', shape: [2] }]]));
    expect(Object.keys(doc.cohort[0])).toEqual(['pod', 'key', 'bytes', 'sha256', 'arrays', 'skipped']);
    const [written] = (await decodeNpz(readFileSync(join(out, 'p1.npz')))).members;
    expect(Array.from(written!.array.data as Float32Array)).toEqual([1, 1.5]);

    const ls = await runRepro(['transport', 'ls', '--run', 'r2', '--store', store, '--json']);
    expect(JSON.parse(ls.stdout)).toEqual(['p0', 'p1', 'p2'].map((pod) => ({ pod, key: `s43-predictions/r2/${pod}.npz`, bytes: expect.any(Number) })));

    const complete = await runRepro(['transport', 'gate', '--run', 'r2', '--expected', '3', '--store', store, '--json']);
    expect(complete.code).toBe(0);
    const plain = { unexpected_pods: null, allow_unexpected: false, verified: false, corrupt_pods: null };
    expect(JSON.parse(complete.stdout)).toEqual({ run_id: 'r2', cohort_count: 3, expected: 3, complete: true, missing_pods: null, ...plain });
    const incomplete = await runRepro(['transport', 'gate', '--run', 'r2', '--expected', '3', '--pods', 'p0,p7', '--store', store, '--json']);
    expect(incomplete.code).toBe(13);
    expect(JSON.parse(incomplete.stdout)).toMatchObject({ run_id: 'r2', cohort_count: 3, expected: 3, complete: false, missing_pods: ['p7'], unexpected_pods: ['p1', 'p2'] });
    // the named set plus a surplus pod: incomplete unless --allow-unexpected (reported either way)
    const surplus = await runRepro(['transport', 'gate', '--run', 'r2', '--expected', '2', '--pods', 'p0,p1', '--store', store, '--json']);
    expect([surplus.code, JSON.parse(surplus.stdout).unexpected_pods]).toEqual([13, ['p2']]);
    const allowed = await runRepro(['transport', 'gate', '--run', 'r2', '--expected', '2', '--pods', 'p0,p1', '--allow-unexpected', '--store', store, '--json']);
    expect([allowed.code, JSON.parse(allowed.stdout).complete, JSON.parse(allowed.stdout).unexpected_pods]).toEqual([0, true, ['p2']]);

    // --verify: a blob stored truncated under a digest of its truncated bytes passes the listing, not the verification
    const blob = join(fileURLToPath(store), 's43-predictions', 'r2', 'p2.npz');
    writeFileSync(blob, readFileSync(blob).subarray(0, 60));
    expect((await runRepro(['transport', 'gate', '--run', 'r2', '--expected', '3', '--store', store, '--json'])).code).toBe(0);
    const verified = await runRepro(['transport', 'gate', '--run', 'r2', '--expected', '3', '--verify', '--store', store, '--json']);
    expect(verified.code).toBe(13);
    expect(JSON.parse(verified.stdout)).toMatchObject({ complete: false, verified: true, corrupt_pods: [{ pod: 'p2', reason: expect.stringMatching(/^truncated: /) }] });
  });

  it('acquire lists a blob that fails to load as a failure (exit 1) and says so on stderr as events', async () => {
    const store = fileStore();
    await runRepro(['transport', 'persist', '--run', 'r4', '--pod', 'p0', podFile(0), '--store', store]);
    writeFileSync(join(fileURLToPath(store), 's43-predictions', 'r4', 'p1.npz'), 'not a zip');
    const unasked = await runRepro(['transport', 'acquire', '--run', 'r4', '--store', store, '--json']);
    expect(unasked.code).toBe(1);
    expect(unasked.stderr).toBe('');
    const run = await runRepro(['transport', 'acquire', '--run', 'r4', '--store', store, '--json', '--events']);
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout);
    expect(doc.cohort.map((c: { pod: string }) => c.pod)).toEqual(['p0']);
    expect(doc.failures).toEqual([{ pod: 'p1', key: 's43-predictions/r4/p1.npz', reason: expect.stringMatching(/^truncated: /) }]);
    const events = run.stderr.trim().split('\n').map((line) => JSON.parse(line));
    expect(events.map((e) => [e.event, e.level])).toEqual([
      ['s43_pred_load_failed', 'error'],
      ['s43_acquire_outcome', 'error'],
    ]);
    expect(events[1]).toMatchObject({ run_id: 'r4', keys: 2, loaded: 1, failed: 1 });
    const human = await runRepro(['--events', '--log-format', 'logfmt', 'transport', 'acquire', '--run', 'r4', '--store', store]);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('1 pod(s) loaded, 1 failure(s)');
    expect(human.stderr).toMatch(/level=error event=s43_pred_load_failed severity=error run_id=r4 pod=p1 key=s43-predictions\/r4\/p1.npz reason=/);
  });

  it('--json failures are one error document on stdout: invalid id, conflict, bad --expected', async () => {
    const store = fileStore();
    const badId = await runRepro(['transport', 'persist', '--run', 'r', '--pod', 'a/b', podFile(0), '--store', store, '--json']);
    expect(badId.code).toBe(2);
    expect(JSON.parse(badId.stdout)).toEqual({ error: { code: 'invalid_id', field: 'pod', value: 'a/b', message: expect.stringContaining('invalid pod "a/b"') } });
    await runRepro(['transport', 'persist', '--run', 'r', '--pod', 'p', podFile(0), '--store', store]);
    const conflict = await runRepro(['transport', 'persist', '--run', 'r', '--pod', 'p', podFile(1), '--store', store, '--json']);
    expect(conflict.code).toBe(4);
    expect(JSON.parse(conflict.stdout)).toEqual({
      error: { code: 'persist_conflict', key: 's43-predictions/r/p.npz', stored_sha256: expect.stringMatching(/^[0-9a-f]{64}$/), new_sha256: expect.stringMatching(/^[0-9a-f]{64}$/), message: expect.any(String) },
    });
    const expected = await runRepro(['transport', 'gate', '--run', 'r', '--expected', 'three', '--store', store, '--json']);
    expect(expected.code).toBe(2);
    expect(JSON.parse(expected.stdout).error).toMatchObject({ code: 'invalid_flag', flag: '--expected' });
  });

  it('a bad --store or S3 setting exits 2 naming it, before any I/O', async () => {
    const badStore = await runRepro(['transport', 'ls', '--run', 'r', '--store', 'ftp://x', '--json']);
    expect(badStore.code).toBe(2);
    expect(badStore.stderr).toContain('--store: invalid store "ftp://x"');
    expect(JSON.parse(badStore.stdout).error).toMatchObject({ code: 'invalid_store', uri: 'ftp://x' });
    const badSse = await runRepro(['transport', 'ls', '--run', 'r', '--store', 's3://some-bucket/p'], { env: { REPRO_S3_SSE: 'aes' } });
    expect(badSse.code).toBe(2);
    expect(badSse.stderr).toBe('repro: REPRO_S3_SSE="aes": must be AES256 or aws:kms\n');
  });

  it('the default store is $REPRO_STORE, else $REPRO_HOME/store', async () => {
    const home = mkdtempSync(join(tmpdir(), 'repro-home-'));
    const run = await runRepro(['transport', 'persist', '--run', 'r3', '--pod', 'p0', podFile(0), '--json'], { env: { REPRO_HOME: home } });
    expect(JSON.parse(run.stdout).uri).toBe(`file://${home}/store/s43-predictions/r3/p0.npz`);
    expect(existsSync(join(home, 'store', 's43-predictions', 'r3', 'p0.npz'))).toBe(true);
  });

  it('lifecycle --print prints the rule for the prefix; --apply on a file store is refused', async () => {
    const printed = await runRepro(['transport', 'lifecycle', '--print', '--store', 's3://some-bucket/custom']);
    expect(JSON.parse(printed.stdout)).toEqual({
      Rules: [{ ID: 'repro-s43-transport:custom', Status: 'Enabled', Filter: { Prefix: 'custom/' }, Expiration: { Days: 7 }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }],
    });
    expect((await runRepro(['transport', 'lifecycle', '--apply', '--store', fileStore()])).code).toBe(2);
    expect((await runRepro(['transport', 'lifecycle', '--print', '--verify'])).code).toBe(2);
  });
});

describe.skipIf(moto === null)('repro transport on s3:// (moto)', () => {
  const env = () => ({ AWS_ENDPOINT_URL_S3: moto!.endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' });
  const bucket = async () => {
    const name = `cli-${Math.random().toString(36).slice(2, 10)}`;
    // CreateBucket by plain path-style HTTP (moto does not check signatures)
    const res = await fetch(`${moto!.endpoint}/${name}`, { method: 'PUT' });
    if (!res.ok) throw new Error(`CreateBucket ${name}: ${res.status}`);
    return name;
  };
  it('persist, gate and lifecycle --apply/--verify against S3 with AWS_ENDPOINT_URL_S3', async () => {
    const b = await bucket();
    const store = `s3://${b}/preds`;
    const persisted = await runRepro(['transport', 'persist', '--run', 'r1', '--pod', 'p0', podFile(0), '--store', store, '--json'], { env: env() });
    expect(JSON.parse(persisted.stdout)).toMatchObject({ uri: `s3://${b}/preds/r1/p0.npz`, created: true });
    const gate = await runRepro(['transport', 'gate', '--run', 'r1', '--expected', '2', '--store', store, '--json'], { env: env() });
    expect(gate.code).toBe(13);
    expect((await runRepro(['transport', 'lifecycle', '--verify', '--store', store], { env: env() })).code).toBe(1);
    const applied = await runRepro(['transport', 'lifecycle', '--apply', '--store', store, '--json'], { env: env() });
    expect(JSON.parse(applied.stdout)).toEqual({ rule_id: 'repro-s43-transport:preds', rules: 1, replaced: false });
    const verified = await runRepro(['transport', 'lifecycle', '--verify', '--store', store, '--json'], { env: env() });
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toEqual({ in_force: true, rule_id: 'repro-s43-transport:preds', problems: [] });
  });
  it('an unreachable S3 endpoint exits 3 with one line naming host:port and the cause, no stack trace', async () => {
    const port = await freePort(); // free: nothing listens there
    const run = await runRepro(['transport', 'ls', '--run', 'r1', '--store', 's3://some-bucket/preds', '--json'], { env: { ...env(), AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${port}` } });
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(`repro: list preds/r1/ failed after 5 attempt(s): Error: connect ECONNREFUSED 127.0.0.1:${port}\n`);
    expect(JSON.parse(run.stdout)).toEqual({ error: { code: 'store_unavailable', operation: 'list', key: 'preds/r1/', attempts: 5, message: expect.stringContaining(`127.0.0.1:${port}`) } });
  });
  it('the built bin persists and acquires through S3 end to end', async () => {
    if (!existsSync(fileURLToPath(new URL('../../../dist/main.cjs', import.meta.url)))) throw new Error('build the CLI first: pnpm --filter @repro/cli build');
    const store = `s3://${await bucket()}/s43-predictions`;
    const opts = { encoding: 'utf8' as const, env: { ...process.env, ...env() } };
    expect(spawnSync(process.execPath, [BIN, 'transport', 'persist', '--run', 'rb', '--pod', 'p9', podFile(9), '--store', store], opts).status).toBe(0);
    const acquired = spawnSync(process.execPath, [BIN, 'transport', 'acquire', '--run', 'rb', '--store', store, '--json'], opts);
    expect(acquired.status).toBe(0);
    expect(JSON.parse(acquired.stdout).cohort.map((c: { pod: string }) => c.pod)).toEqual(['p9']);
  });
});

describe('repro transport against an S3 endpoint that never answers (issue 17 item 1)', () => {
  it('ls ends with exit 3 and a store_timeout error document within REPRO_S3_TOTAL_TIMEOUT_MS', { timeout: 20_000 }, async () => {
    const { createServer } = await import('node:net');
    const sockets: import('node:net').Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket)); // accepts, never answers
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const port = (silent.address() as import('node:net').AddressInfo).port;
      const env = { AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${port}`, AWS_ACCESS_KEY_ID: 'k', AWS_SECRET_ACCESS_KEY: 's', REPRO_S3_TOTAL_TIMEOUT_MS: '1500' };
      const run = await runRepro(['transport', 'ls', '--run', 'r', '--store', 's3://some-bucket/p', '--json'], { env });
      expect(run.code).toBe(3);
      expect(JSON.parse(run.stdout).error).toMatchObject({ code: 'store_timeout', operation: 'list', timeout_ms: 1500, retryable: true });
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((r) => silent.close(r));
    }
  });
});
