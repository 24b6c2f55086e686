import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_KNOB_NAMES,
  isProcessGroupAlive,
  NUMERIC_ENV_VARS,
  ReplayAbortedError,
  type ReplayEvent,
  type ReplayOutcome,
  replayEventSchema,
  runReplay,
} from '../src/index.js';
import { fixture, isLiveProcess, python, scratch, waitForFile, waitForGrandchildren } from './process-state.js';


function expectFailure(outcome: ReplayOutcome, kind: string) {
  if (outcome.ok) throw new Error(`expected ${kind}, got success ${JSON.stringify(outcome.metrics)}`);
  expect(outcome.error.kind).toBe(kind);
  return outcome.error;
}

describe('runReplay: classified failures are data, never throws', () => {
  it('a child that crashes on a signal is `signal`, with the signal name and stderr tail', async () => {
    const outcome = await runReplay({ command: [python, fixture('crash.py')] });
    const error = expectFailure(outcome, 'signal');
    expect(error.signal).toBe('SIGABRT');
    expect(outcome.stderr.tail).toContain('about to crash');
  });

  it('a non-zero exit is `nonzero_exit` with the code', async () => {
    const outcome = await runReplay({ command: [python, fixture('exit_code.py')] });
    const error = expectFailure(outcome, 'nonzero_exit');
    expect(error.exitCode).toBe(3);
    expect(outcome.exitCode).toBe(3);
    expect(outcome.stderr.tail).toContain('training data is empty');
  });

  it('a missing interpreter is `spawn_failed` (ENOENT), with no pid', async () => {
    const outcome = await runReplay({ command: ['python-does-not-exist-4a1f', 'train.py'] });
    const error = expectFailure(outcome, 'spawn_failed');
    expect(error.code).toBe('ENOENT');
    expect(error.message).toContain('python-does-not-exist-4a1f');
    expect(outcome.pid).toBeNull();
  });

  it('a result file that is not JSON is `bad_result` at `file`', async () => {
    const error = expectFailure(await runReplay({ command: [python, fixture('garbage_result.py')] }), 'bad_result');
    expect(error.path).toBe('file');
    expect(error.message).toContain('not JSON');
  });

  it('exit 0 without a result file is `bad_result`', async () => {
    const error = expectFailure(await runReplay({ command: [python, fixture('no_result.py')] }), 'bad_result');
    expect(error.message).toContain('no result file');
  });

  it('a required metric absent from the result is `bad_result` naming it', async () => {
    const outcome = await runReplay({ command: [python, fixture('trivial.py')], requiredMetrics: ['f1_buy', 'auc'] });
    const error = expectFailure(outcome, 'bad_result');
    expect(error.path).toBe('metrics.auc');
    expect(outcome.metrics).toEqual({ f1_buy: 0.5 });
  });

  it('a bare NaN written by Python json.dump is `non_finite_metric`, metrics kept', async () => {
    const outcome = await runReplay({ command: [python, fixture('bare_nan_result.py')] });
    const error = expectFailure(outcome, 'non_finite_metric');
    expect(error.metrics).toEqual(['f1_buy']);
    expect(Number.isNaN(outcome.metrics?.f1_buy)).toBe(true);
    expect(outcome.metrics?.log_loss).toBe(0.3);
  });

  it('an Infinity reported through the helper is `non_finite_metric`', async () => {
    const outcome = await runReplay({ command: [python, fixture('helper_nan_result.py')] });
    expect(expectFailure(outcome, 'non_finite_metric').metrics).toEqual(['log_loss']);
    expect(outcome.metrics?.log_loss).toBe(Number.POSITIVE_INFINITY);
  });

  it('a child that re-execs itself with another PYTHONHASHSEED is `pin_mismatch`', async () => {
    const outcome = await runReplay({ command: [python, fixture('reexec_hashseed.py')], pin: { mode: 'pinned', hashSeed: 0 } });
    const error = expectFailure(outcome, 'pin_mismatch');
    expect(error.mismatches).toEqual([
      { knob: 'PYTHONHASHSEED', requested: '0', observed: '777' },
      { knob: 'PYTHONHASHSEED', requested: '0', observed: '777', stage: 'at_result' },
    ]);
    expect(outcome.fingerprint?.hash_randomization).toBe(1);
  });

  it('a child that does not report observed knobs cannot claim to be pinned (`pin_mismatch`, not reported)', async () => {
    const dir = scratch();
    const script = `import json, os\njson.dump({"metrics": {"f1_buy": 0.5}, "fingerprint": {}}, open(os.environ["REPRO_RESULT_FILE"], "w"))`;
    const outcome = await runReplay({ command: [python, '-c', script], cwd: dir });
    const error = expectFailure(outcome, 'pin_mismatch');
    expect(error.mismatches).toHaveLength(11);
    expect(error.mismatches?.every((m) => m.observed === undefined)).toBe(true);
  });
});

describe('runReplay: process group and bounded output', () => {
  it('a hang past the timeout is `timeout`; SIGTERM-proof child and grandchild are SIGKILLed and gone on return', async () => {
    const pidDir = scratch();
    const events: ReplayEvent[] = [];
    const outcome = await runReplay(
      { command: [python, fixture('hang_with_grandchild.py'), pidDir], timeoutMs: 1_500, killGraceMs: 300 },
      { emit: (e) => events.push(e) },
    );
    const error = expectFailure(outcome, 'timeout');
    expect(error.timeoutMs).toBe(1_500);
    expect(outcome.signal).toBe('SIGKILL');
    const [grandchild] = await waitForGrandchildren(pidDir, 1);
    expect(grandchild).toBeGreaterThan(0);
    expect(isProcessGroupAlive(outcome.pid!)).toBe(false);
    expect(isLiveProcess(outcome.pid!)).toBe(false);
    expect(isLiveProcess(grandchild!)).toBe(false);
    expect(events.map((e) => e.event)).toEqual(['replay_started', 'replay_failed']);
    for (const event of events) expect(replayEventSchema.parse(event)).toEqual(event);
    expect(events[1]).toMatchObject({ kind: 'timeout', label: 'replay' });
  });

  it('a child that dies on SIGTERM while its grandchild ignores it: the call returns only once the grandchild is SIGKILLed', async () => {
    const pidDir = scratch();
    const outcome = await runReplay({
      command: [python, fixture('hang_with_grandchild.py'), pidDir, 'child-dies-on-term'],
      timeoutMs: 1_500,
      killGraceMs: 1_000,
    });
    expect(expectFailure(outcome, 'timeout').signal).toBe('SIGTERM');
    const [grandchild] = await waitForGrandchildren(pidDir, 1);
    expect(isLiveProcess(grandchild!)).toBe(false);
    expect(isProcessGroupAlive(outcome.pid!)).toBe(false);
  });

  it('a hung child that honours SIGTERM is stopped by it within the grace (no SIGKILL needed): still `timeout`', async () => {
    const outcome = await runReplay({ command: [python, '-c', 'import time; time.sleep(120)'], timeoutMs: 300 });
    expect(expectFailure(outcome, 'timeout')).toMatchObject({ timeoutMs: 300, signal: 'SIGTERM' });
    expect(isProcessGroupAlive(outcome.pid!)).toBe(false);
  });

  it('aborting kills the whole group (grandchild too) before rejecting with ReplayAbortedError', async () => {
    const pidDir = scratch();
    const controller = new AbortController();
    const running = runReplay(
      { command: [python, fixture('hang_with_grandchild.py'), pidDir, 'child-dies-on-term'], killGraceMs: 1_000 },
      { signal: controller.signal, label: 'A' },
    );
    const [grandchild] = await waitForGrandchildren(pidDir, 1);
    expect(isLiveProcess(grandchild!)).toBe(true);
    controller.abort();
    const rejection = await running.then(() => null, (error: unknown) => error);
    expect(rejection).toBeInstanceOf(ReplayAbortedError);
    expect((rejection as ReplayAbortedError).label).toBe('A');
    expect(isLiveProcess(grandchild!)).toBe(false);
  });

  it('an already-aborted signal rejects before spawning', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(runReplay({ command: [python, fixture('trivial.py')] }, { signal: controller.signal })).rejects.toBeInstanceOf(
      ReplayAbortedError,
    );
  });

  it('processes left in the group after a clean exit are killed (strayProcessesKilled)', async () => {
    const pidFile = join(scratch(), 'stray.pid');
    const outcome = await runReplay({ command: [python, fixture('stray_grandchild.py'), pidFile], killGraceMs: 500 });
    expect(outcome.ok).toBe(true);
    expect(outcome.strayProcessesKilled).toBe(true);
    expect(isLiveProcess(Number(await waitForFile(pidFile)))).toBe(false);
  });

  it('huge stdout/stderr keep only the last maxOutputBytes bytes, with the total count', async () => {
    const outcome = await runReplay({ command: [python, fixture('huge_stdout.py')], maxOutputBytes: 4096 });
    expect(outcome.ok).toBe(true);
    expect(outcome.stdout.bytes).toBe(5 * 1024 * 1024 + 'THE-END\n'.length);
    expect(outcome.stdout.truncated).toBe(true);
    expect(Buffer.byteLength(outcome.stdout.tail)).toBe(4096);
    expect(outcome.stdout.tail.endsWith('x\nTHE-END\n')).toBe(true);
    expect(outcome.stderr.bytes).toBe(1024 * 1024);
    expect(Buffer.byteLength(outcome.stderr.tail)).toBe(4096);
  });
});

describe('runReplay: hermetic env and the child protocol', () => {
  const secretEnv = {
    PATH: process.env.PATH,
    HOME: '/home/replay',
    LANG: 'C.UTF-8',
    AWS_SECRET_ACCESS_KEY: 'do-not-leak',
    DATABASE_URL: 'postgres://secret',
    BUILD_SHA: 'abc123',
    PYTHONHASHSEED: '999',
  };

  it('a parent secret never reaches the child; allowlisted and passEnv variables do', async () => {
    const outcome = await runReplay({
      command: [python, fixture('report_env.py')],
      parentEnv: secretEnv,
      passEnv: ['BUILD_SHA', 'NOT_SET_IN_PARENT'],
    });
    if (!outcome.ok) throw new Error(outcome.error.message);
    const env = outcome.fingerprint.env as Record<string, string>;
    expect(env.AWS_SECRET_ACCESS_KEY).toBeUndefined();
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.HOME).toBe('/home/replay');
    expect(env.LANG).toBe('C.UTF-8');
    expect(env.BUILD_SHA).toBe('abc123');
    expect(env.PYTHONHASHSEED).toBe('0'); // the pin, not the parent's 999
    expect('NOT_SET_IN_PARENT' in env).toBe(false);
    const allowed = new Set(['PATH', 'HOME', 'LANG', 'BUILD_SHA', 'PYTHONPATH', 'LC_CTYPE']);
    const unexpected = Object.keys(env).filter(
      (k) => !allowed.has(k) && !k.startsWith('REPRO_') && !(k in outcome.requestedKnobs),
    );
    expect(unexpected).toEqual([]);
  });

  it('params round-trip through REPRO_PARAMS_FILE; without params the child sees {}', async () => {
    const params = { deterministic: true, force_row_wise: true, seed: 42, num_threads: 1, nested: { lr: 0.05 } };
    const withParams = await runReplay({ command: [python, fixture('report_env.py')], params });
    const without = await runReplay({ command: [python, fixture('report_env.py')] });
    expect(withParams.ok && withParams.fingerprint.params).toEqual(params);
    expect(without.ok && without.fingerprint.params).toEqual({});
  });

  it('fingerprint extras land at the top level and win over captured values', async () => {
    const outcome = await runReplay({ command: [python, fixture('report_env.py')], parentEnv: secretEnv, passEnv: ['BUILD_SHA'] });
    expect(outcome.fingerprint?.build_sha).toBe('feedface');
    expect(outcome.fingerprint?.feature_versions).toEqual({ prices: 'v7' });
  });

  it('the Python helper reports the four P0 dimensions on a plain machine', async () => {
    const dir = scratch();
    copyFileSync(fixture('trivial.py'), join(dir, 'trivial.py'));
    const outcome = await runReplay({ command: [python, 'trivial.py'], cwd: dir, parentEnv: { PATH: process.env.PATH } });
    if (!outcome.ok) throw new Error(outcome.error.message);
    const fp = outcome.fingerprint;
    expect(fp.build_sha).toBeNull(); // neither the script nor the cwd is in a git checkout, no BUILD_SHA
    expect(outcome.buildSha).toMatchObject({ sha: null, source: null, script: join(dir, 'trivial.py') });
    expect(fp.instance_type).toMatch(/ x\d+$/);
    expect(fp.os).toMatch(/^Linux \S+ \S+$/);
    expect((fp.lib_versions as Record<string, string>).python).toMatch(/^3\.\d+\.\d+/);
    expect((fp.lib_versions as Record<string, string>).numpy).toMatch(/^\d+\.\d+/);
    expect(fp.hash_randomization).toBe(0);
  });

  it('the thread pools the child really runs are inspected (numpy\'s OpenBLAS, through ctypes) and match the caps', async () => {
    const outcome = await runReplay({ command: [python, '-c', 'import numpy, repro_child; repro_child.write_result({"m": float(numpy.ones(3) @ numpy.ones(3))})'], pin: { mode: 'pinned', threads: 2 } });
    if (!outcome.ok) throw new Error(outcome.error.message);
    const pools = outcome.fingerprint.threadpools as { internal_api: string; num_threads: number; filepath: string }[];
    expect(pools.some((p) => p.internal_api === 'openblas' && p.num_threads === 2 && /openblas/.test(p.filepath))).toBe(true);
  });

  it('a cap above the visible CPU count is honoured as far as the library can (OpenBLAS runs one thread per CPU): not a mismatch', async () => {
    const outcome = await runReplay({ command: [python, '-c', 'import numpy, repro_child; repro_child.write_result({"m": 1.0})'], pin: { mode: 'pinned', threads: 64 } });
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.fingerprint.cpus_visible).toBeGreaterThan(0);
  });

  it('a script that sets OPENBLAS_NUM_THREADS=2 itself before importing numpy is `pin_mismatch` naming the pool and both values', async () => {
    const script = 'import os\nos.environ["OPENBLAS_NUM_THREADS"] = "2"\nimport numpy, repro_child\nrepro_child.write_result({"m": 1.0})';
    const outcome = await runReplay({ command: [python, '-c', script] });
    const error = expectFailure(outcome, 'pin_mismatch');
    expect(error.mismatches).toContainEqual(expect.objectContaining({ knob: 'OPENBLAS_NUM_THREADS', requested: '1', observed: '2', stage: 'threadpool', pool: expect.stringMatching(/^openblas \(.*openblas.*\.so\)$/) }));
    expect(error.mismatches).toContainEqual({ knob: 'OPENBLAS_NUM_THREADS', requested: '1', observed: '2', stage: 'at_result' });
    expect(error.message).toMatch(/thread pool openblas \(.*\) runs 2 thread\(s\), OPENBLAS_NUM_THREADS pinned 1/);
  });

  it('in a git checkout, build_sha is the HEAD of the working directory', async () => {
    const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    const outcome = await runReplay({ command: [python, fixture('trivial.py')], cwd: repoRoot, parentEnv: { PATH: process.env.PATH } });
    expect(outcome.fingerprint?.build_sha).toBe(head);
  });

  it('BUILD_SHA and INSTANCE_TYPE from passEnv win over git HEAD and the CPU description', async () => {
    const outcome = await runReplay({
      command: [python, fixture('trivial.py')],
      parentEnv: { PATH: process.env.PATH, BUILD_SHA: 'b1', INSTANCE_TYPE: 'm5.2xlarge' },
      passEnv: ['BUILD_SHA', 'INSTANCE_TYPE'],
    });
    expect(outcome.fingerprint).toMatchObject({ build_sha: 'b1', instance_type: 'm5.2xlarge' });
  });

  it('observed knobs are those the interpreter started with; a later os.environ edit of a pinned knob is caught at result time', async () => {
    const outcome = await runReplay({ command: [python, fixture('late_env_pin.py')], pin: { mode: 'pinned', hashSeed: 5, threads: 2 } });
    const error = expectFailure(outcome, 'pin_mismatch');
    expect(outcome.fingerprint?.observed_knobs).toMatchObject({ PYTHONHASHSEED: '5', OPENBLAS_NUM_THREADS: '2' });
    expect(error.mismatches).toEqual([
      { knob: 'PYTHONHASHSEED', requested: '5', observed: '0', stage: 'at_result' },
      { knob: 'OPENBLAS_NUM_THREADS', requested: '2', observed: '1', stage: 'at_result' },
    ]);
  });

  it('uncapped mode sets none of the knobs (no thread caps, no PYTHONHASHSEED, no OMP_DYNAMIC…) but the child still reports them', async () => {
    const outcome = await runReplay({ command: [python, fixture('trivial.py')], pin: { mode: 'uncapped' }, parentEnv: { PATH: process.env.PATH } });
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.requestedKnobs).toEqual({});
    expect(outcome.fingerprint.observed_knobs).toEqual(Object.fromEntries([...DEFAULT_KNOB_NAMES, ...NUMERIC_ENV_VARS].map((name) => [name, null])));
    expect(outcome.fingerprint.hash_randomization).toBe(1);
  });

  it('extra knobs are requested, observed by the helper, and checked', async () => {
    const outcome = await runReplay({
      command: [python, fixture('trivial.py')],
      pin: { mode: 'pinned', extraKnobs: { LIGHTGBM_DETERMINISTIC_HINT: 'on' } },
    });
    expect(outcome.ok).toBe(true);
    expect(outcome.fingerprint?.observed_knobs?.LIGHTGBM_DETERMINISTIC_HINT).toBe('on');
  });

  it('a Node child using the shipped helper reports the same os and instance_type as a Python child', async () => {
    const [node, py] = await Promise.all([
      runReplay({ command: [process.execPath, fixture('node_child.cjs')], params: { steps: 12 } }),
      runReplay({ command: [python, fixture('trivial.py')] }),
    ]);
    if (!node.ok) throw new Error(`${node.error.message}\n${node.stderr.tail}`);
    expect(node.metrics).toEqual({ f1_buy: 0.75, steps: 12 });
    expect(node.fingerprint.artifact_versions).toEqual({ model: 'm1' });
    expect(node.fingerprint.observed_knobs?.PYTHONHASHSEED).toBe('0');
    expect(node.fingerprint.os).toBe(py.fingerprint?.os);
    expect(node.fingerprint.instance_type).toBe(py.fingerprint?.instance_type);
    expect(node.fingerprint.build_sha).toBe(py.fingerprint?.build_sha);
  });

  it('a Node child: loaded npm packages are in lib_versions; a pinned knob changed in process.env is `pin_mismatch` at_result', async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'node_modules', 'tiny-model'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'tiny-model', 'package.json'), JSON.stringify({ name: 'tiny-model', version: '1.2.3', main: 'index.js' }));
    writeFileSync(join(dir, 'node_modules', 'tiny-model', 'index.js'), 'module.exports = () => 0.5;');
    writeFileSync(join(dir, 'train.cjs'), "const score = require('tiny-model')();\nif (process.argv[2] === 'edit') process.env.OMP_NUM_THREADS = '3';\nrequire(process.env.REPRO_NODE_CHILD).writeResult({ score });\n");
    const clean = await runReplay({ command: [process.execPath, 'train.cjs'], cwd: dir });
    if (!clean.ok) throw new Error(clean.error.message);
    expect(clean.fingerprint.lib_versions).toMatchObject({ 'tiny-model': '1.2.3', node: process.versions.node });
    const edited = await runReplay({ command: [process.execPath, 'train.cjs', 'edit'], cwd: dir });
    expect(edited.error?.mismatches).toEqual([{ knob: 'OMP_NUM_THREADS', requested: '1', observed: '3', stage: 'at_result' }]);
  });
});
