/**
 * Bench: @repro/s43-transport beside numpy (python3) in the same run.
 *  1. .npz encode and decode of float32 arrays (default 1, 64 and 512 MiB), stored and compressed:
 *     time of ours vs np.savez / np.savez_compressed / np.load, the ratio, and the peak RSS of each side
 *     (every case runs in a fresh child process, so the peak belongs to that case alone). Both sides decode
 *     the file numpy wrote. One more decode row per size reads a Fortran-ordered 2-D array (numpy saves
 *     `a.T`): our peak RSS there shows the transposition streams into the one array buffer.
 *  2. persist + acquire of a 16-pod cohort against the same moto_server: ours (S43Transport on S3Store)
 *     vs boto3 + numpy doing the same (put with sha256 metadata and If-None-Match, list, get, verify, load).
 *     Both at 1 MiB and 64 MiB per pod by default (--pod-mib 1,64); the buckets are emptied after each run.
 * Each case runs --repeat times (default 5), ours and numpy alternating, in fresh processes: the table shows the
 * median time, the ratio ours/numpy, the largest peak RSS of each side and that peak above the side's idle
 * peak (a process that only loads the library / numpy: the "idle" row). Never asserts timings.
 * Targets (issue 14): stored decode/encode <= 1.0 at 64 and 512 MiB; Fortran order <= 1.5; deflated <= 1.0;
 * cohort persist + acquire <= 1.0 vs boto3; decode peak RSS <= payload + 64 MiB above idle.
 * Run: pnpm tsx bench/s43-transport.ts [--sizes 1,64,512] [--repeat 5] [--pods 16] [--pod-mib 1,64] [--no-cohort]
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createS3Client, npyArray, readNpzFile, S3Store, S43Transport, writeNpzFile } from '../packages/s43-transport/src/index.js';
import { freePort } from '../tooling/test-services/src/index.js';

type Job =
  | { op: 'idle' }
  | { op: 'encode'; mib: number; compressed: boolean; file: string; fortran?: boolean }
  | { op: 'decode'; file: string }
  | { op: 'cohort'; endpoint: string; bucket: string; pods: number; podMib: number };

interface Measured {
  ms: number;
  maxRssMiB: number;
}

const PYTHON = process.env.REPRO_PYTHON ?? 'python3';

/**
 * A moto_server whose output goes nowhere. The bench runs its cases with spawnSync (the event loop is
 * blocked meanwhile): a server whose stderr is piped to this process would fill the pipe with its request
 * log and hang mid-run.
 */
async function startQuietMoto(): Promise<{ endpoint: string; stop: () => void }> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(process.env.REPRO_MOTO_SERVER ?? 'moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: 'ignore',
    env: { ...process.env, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' },
  });
  for (let k = 0; ; k += 1) {
    try {
      await fetch(endpoint);
      return { endpoint, stop: () => child.kill() };
    } catch (error) {
      if (k > 200) {
        child.kill();
        throw new Error(`moto_server did not start: ${String(error)}`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}
const SELF = fileURLToPath(import.meta.url);

/** The same values on both sides: (i * 0.001) mod 1 as float32. */
function values(mib: number): Float32Array {
  const n = (mib * 1024 * 1024) / 4;
  const a = new Float32Array(n);
  for (let i = 0; i < n; i += 1) a[i] = (i * 0.001) % 1;
  return a;
}

async function runJob(job: Job): Promise<number> {
  if (job.op === 'idle') return 0;
  if (job.op === 'encode') {
    const data = values(job.mib);
    const t0 = performance.now();
    await writeNpzFile(job.file, { a: npyArray(data) }, { compressed: job.compressed });
    return performance.now() - t0;
  }
  if (job.op === 'decode') {
    const t0 = performance.now();
    const { members } = await readNpzFile(job.file, { maxMemberBytes: 8 * 1024 ** 3, maxTotalBytes: 8 * 1024 ** 3 });
    if (members.length !== 1) throw new Error('expected one member');
    return performance.now() - t0;
  }
  const store = new S3Store({ client: createS3Client({ region: 'us-east-1', endpoint: job.endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } }), bucket: job.bucket });
  const transport = new S43Transport({ store, maxTotalBytes: 8 * 1024 ** 3, maxInFlightBytes: 2 * 1024 ** 3 });
  const pods = Array.from({ length: job.pods }, (_, k) => `pod-${String(k).padStart(2, '0')}`);
  const perPod = pods.map((_, k) => {
    const a = values(job.podMib);
    a[0] = k;
    return a;
  });
  const t0 = performance.now();
  for (const [k, pod] of pods.entries()) await transport.persist('bench', pod, { preds: npyArray(perPod[k]!) });
  const got = await transport.acquire('bench');
  if (got.cohort.length !== job.pods || got.failures.length > 0) throw new Error(`cohort ${got.cohort.length}, failures ${got.failures.length}`);
  return performance.now() - t0;
}

function ours(job: Job): Measured {
  const run = spawnSync(process.execPath, [...process.execArgv, SELF, '--worker', JSON.stringify(job)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.status !== 0) throw new Error(`worker ${job.op} failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Measured;
}

const PY = `
import hashlib, io, json, resource, sys, time
import numpy as np
job = json.loads(sys.argv[1])
def vals(mib):
    n = mib * 1024 * 1024 // 4
    out = np.empty(n, dtype=np.float32)
    step = 1 << 22
    for s in range(0, n, step):
        out[s:s + step] = (np.arange(s, min(n, s + step), dtype=np.float64) * 0.001) % 1
    return out
if job['op'] == 'idle':
    ms = 0
elif job['op'] == 'encode':
    a = vals(job['mib'])
    t0 = time.perf_counter()
    if job.get('fortran'):
        a = a.reshape(1024, -1).T  # a Fortran-ordered view: np.save writes fortran_order True
    (np.savez_compressed if job['compressed'] else np.savez)(job['file'], a=a)
    ms = (time.perf_counter() - t0) * 1000
elif job['op'] == 'decode':
    t0 = time.perf_counter()
    with np.load(job['file']) as z:
        a = z['a']
    ms = (time.perf_counter() - t0) * 1000
else:
    import boto3
    from concurrent.futures import ThreadPoolExecutor
    from botocore.config import Config
    s3 = boto3.client('s3', endpoint_url=job['endpoint'], region_name='us-east-1', aws_access_key_id='testing', aws_secret_access_key='testing', config=Config(read_timeout=600, retries={'max_attempts': 5}))
    bucket, pods = job['bucket'], ['pod-%02d' % k for k in range(job['pods'])]
    arrays = []
    for k in range(job['pods']):
        a = vals(job['podMib']); a[0] = k; arrays.append(a)
    t0 = time.perf_counter()
    for k, pod in enumerate(pods):
        buf = io.BytesIO(); np.savez(buf, preds=arrays[k]); body = buf.getvalue()
        s3.put_object(Bucket=bucket, Key='s43-predictions/bench/%s.npz' % pod, Body=body, Metadata={'sha256': hashlib.sha256(body).hexdigest()}, IfNoneMatch='*')
    keys = []
    for page in s3.get_paginator('list_objects_v2').paginate(Bucket=bucket, Prefix='s43-predictions/bench/'):
        keys += [o['Key'] for o in page.get('Contents', []) if o['Key'].endswith('.npz')]
    def load(key):
        r = s3.get_object(Bucket=bucket, Key=key); body = r['Body'].read()
        assert hashlib.sha256(body).hexdigest() == r['Metadata']['sha256']
        with np.load(io.BytesIO(body)) as z:
            return z['preds']
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(load, keys))
    assert len(got) == job['pods']
    ms = (time.perf_counter() - t0) * 1000
print(json.dumps({'ms': ms, 'maxRssMiB': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
`;

function numpy(job: Job): Measured {
  const run = spawnSync(PYTHON, ['-c', PY, JSON.stringify(job)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.status !== 0) throw new Error(`python ${job.op} failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Measured;
}

/** Run both sides `times` times, alternating; the median time and the largest peak RSS of each. */
function sideBySide(times: number, oursRun: (i: number) => Measured, numpyRun: (i: number) => Measured): [Measured, Measured] {
  const a: Measured[] = [];
  const b: Measured[] = [];
  for (let i = 0; i < times; i += 1) {
    a.push(oursRun(i));
    b.push(numpyRun(i));
  }
  const summary = (runs: Measured[]): Measured => {
    const ms = runs.map((r) => r.ms).sort((x, y) => x - y);
    return { ms: ms[Math.floor(ms.length / 2)]!, maxRssMiB: Math.max(...runs.map((r) => r.maxRssMiB)) };
  };
  return [summary(a), summary(b)];
}

function table(rows: (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      worker: { type: 'string' },
      sizes: { type: 'string', default: '1,64,512' },
      pods: { type: 'string', default: '16' },
      'pod-mib': { type: 'string', default: '1,64' },
      repeat: { type: 'string', default: '5' },
      'no-cohort': { type: 'boolean', default: false },
    },
  });
  if (args.worker !== undefined) {
    const ms = await runJob(JSON.parse(args.worker) as Job);
    process.stdout.write(`${JSON.stringify({ ms, maxRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
    return;
  }
  const probe = spawnSync(PYTHON, ['-c', 'import numpy, boto3; print(numpy.__version__, boto3.__version__)'], { encoding: 'utf8' });
  if (probe.status !== 0) throw new Error(`the bench needs python3 with numpy and boto3: ${probe.stderr}`);
  const sizes = args.sizes.split(',').map(Number).filter((n) => n > 0); // --sizes none: the cohort rows only
  const times = Number(args.repeat);
  if (!Number.isInteger(times) || times < 1) throw new Error(`--repeat must be a positive integer, not ${args.repeat}`);
  const dir = mkdtempSync(join(tmpdir(), 's43-bench-'));
  const rows: string[][] = [['case', 'ours ms', 'numpy ms', 'ours/numpy', 'our peak RSS MiB', 'numpy peak RSS MiB', 'ours above idle', 'numpy above idle', 'our RSS/numpy']];
  // the idle peak: the smallest of the runs (a fresh process that only loaded the library, or numpy)
  const idle = (run: () => Measured) => Math.min(...Array.from({ length: times }, run).map((m) => m.maxRssMiB));
  const idleOurs = { ms: 0, maxRssMiB: idle(() => ours({ op: 'idle' })) };
  const idleNumpy = { ms: 0, maxRssMiB: idle(() => numpy({ op: 'idle' })) };
  /** One case, measured side by side; a case that fails is printed as failed and the bench goes on. */
  const measure = (name: string, run: () => [Measured, Measured]) => {
    try {
      row(name, run());
    } catch (error) {
      const why = (error instanceof Error ? error.message : String(error)).split('\n').filter((l) => l.trim() !== '').at(-1) ?? '';
      rows.push([name, 'failed', why.slice(0, 60), '-', '-', '-', '-', '-', '-']);
      process.stdout.write(`${name} | FAILED: ${why}\n`);
    }
  };
  const row = (name: string, [a, b]: [Measured, Measured]) => {
    rows.push([
      name,
      a.ms.toFixed(1),
      b.ms.toFixed(1),
      (a.ms / b.ms).toFixed(2),
      a.maxRssMiB.toFixed(0),
      b.maxRssMiB.toFixed(0),
      (a.maxRssMiB - idleOurs.maxRssMiB).toFixed(0),
      (b.maxRssMiB - idleNumpy.maxRssMiB).toFixed(0),
      ((a.maxRssMiB - idleOurs.maxRssMiB) / Math.max(1, b.maxRssMiB - idleNumpy.maxRssMiB)).toFixed(2),
    ]);
    // each row as soon as it is measured (a long run that fails later keeps what it measured)
    process.stdout.write(`${rows.at(-1)!.join(' | ')}\n`);
  };
  rows.push(['idle (library / numpy loaded)', '-', '-', '-', idleOurs.maxRssMiB.toFixed(0), idleNumpy.maxRssMiB.toFixed(0), '0', '0', '-']);
  try {
    for (const mib of sizes) {
      for (const compressed of [false, true]) {
        const label = `${mib} MiB f4 ${compressed ? 'compressed' : 'stored'}`;
        const oursFile = join(dir, `ours-${mib}-${compressed}.npz`);
        const npFile = join(dir, `np-${mib}-${compressed}.npz`);
        measure(`encode ${label}`, () => sideBySide(times, () => ours({ op: 'encode', mib, compressed, file: oursFile }), () => numpy({ op: 'encode', mib, compressed, file: npFile })));
        // both sides decode the file numpy wrote
        measure(`decode ${label}`, () => sideBySide(times, () => ours({ op: 'decode', file: npFile }), () => numpy({ op: 'decode', file: npFile })));
        rmSync(oursFile, { force: true });
        rmSync(npFile, { force: true });
      }
      const fortranFile = join(dir, `np-${mib}-fortran.npz`);
      numpy({ op: 'encode', mib, compressed: false, file: fortranFile, fortran: true });
      measure(`decode ${mib} MiB f4 stored, Fortran order (a.T)`, () => sideBySide(times, () => ours({ op: 'decode', file: fortranFile }), () => numpy({ op: 'decode', file: fortranFile })));
      rmSync(fortranFile, { force: true });
    }
    if (!args['no-cohort']) {
      const moto = await startQuietMoto();
      try {
        const pods = Number(args.pods);
        const client = createS3Client({ region: 'us-east-1', endpoint: moto.endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
        /** A fresh bucket per side and repetition (every run really writes its blobs), emptied after the run (moto keeps objects in memory). */
        const inFreshBucket = (bucket: string, run: () => Measured): Measured => {
          spawnSync(process.execPath, ['-e', `fetch(${JSON.stringify(`${moto.endpoint}/${bucket}`)}, { method: 'PUT' })`]);
          try {
            return run();
          } finally {
            cleanups.push(bucket);
          }
        };
        const cleanups: string[] = [];
        const empty = async () => {
          for (const bucket of cleanups.splice(0)) {
            const store = new S3Store({ client, bucket });
            for (const o of await store.list('')) await store.delete(o.key);
          }
        };
        for (const podMib of args['pod-mib'].split(',').map(Number)) {
          measure(`persist+acquire ${pods} pods × ${podMib} MiB (moto; numpy column = boto3)`, () =>
            sideBySide(
            times,
            (i) => inFreshBucket(`bench-ours-${podMib}-${i}`, () => ours({ op: 'cohort', endpoint: moto.endpoint, bucket: `bench-ours-${podMib}-${i}`, pods, podMib })),
            (i) => inFreshBucket(`bench-boto3-${podMib}-${i}`, () => numpy({ op: 'cohort', endpoint: moto.endpoint, bucket: `bench-boto3-${podMib}-${i}`, pods, podMib })),
          ));
          await empty();
        }
      } finally {
        moto.stop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`${table(rows)}\n`);
}

await main();
