import { describe, expect, it } from 'vitest';
import { checkKnobsAtResult, checkThreadPools } from './check-thread-pools.js';
import { classifyExit } from './classify-exit.js';
import { diagnoseStderr, FAILURE_TAIL_BYTES, FAILURE_TAIL_LINES, failureTail } from './failure-diagnosis.js';
import { numericEnvInParent } from './numeric-env.js';
import { requestedKnobs } from './pinned-knobs.js';
import { provenanceGaps } from './provenance-gaps.js';
import { pinAtThreadConfig } from './thread-config-pin.js';

describe('failureTail and diagnoseStderr', () => {
  it(`keeps at most ${FAILURE_TAIL_LINES} lines and ${FAILURE_TAIL_BYTES} bytes, the last ones`, () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i}`);
    const tail = failureTail({ tail: `${lines.join('\n')}\n`, bytes: 0, truncated: false });
    expect(tail.split('\n')).toEqual(lines.slice(-FAILURE_TAIL_LINES));
    const long = failureTail({ tail: 'x'.repeat(10_000), bytes: 10_000, truncated: false });
    expect(Buffer.byteLength(long)).toBe(FAILURE_TAIL_BYTES);
  });

  it("recognises python's can't open file, a missing module, a traceback's last line and Node's missing module", () => {
    expect(diagnoseStderr("python3: can't open file '/w/trian.py': [Errno 2] No such file or directory\n")).toBe(
      'the script /w/trian.py could not be opened (No such file or directory)',
    );
    const tb = 'Traceback (most recent call last):\n  File "t.py", line 1, in <module>\n    import sklearn\nModuleNotFoundError: No module named \'sklearn\'\n';
    expect(diagnoseStderr(tb)).toBe("missing Python module sklearn (ModuleNotFoundError: No module named 'sklearn')");
    expect(diagnoseStderr('Traceback (most recent call last):\n  File "t.py", line 3\nKeyError: \'f1\'')).toBe("KeyError: 'f1'");
    expect(diagnoseStderr("node:internal\nError: Cannot find module '/w/train.js'\n")).toBe('module or script /w/train.js not found');
    expect(diagnoseStderr('just some logging\n')).toBeNull();
  });

  it('classifyExit says which of program, file or cwd is missing', () => {
    const base = { command: ['python4', 'train.py'], exitCode: null, signal: null, spawnError: { code: 'ENOENT', message: 'spawn ENOENT' } };
    expect(classifyExit({ ...base, childPath: '/usr/bin' })?.message).toBe('could not start python4: not found on the child PATH (/usr/bin)');
    expect(classifyExit({ ...base, command: ['./run.sh'] })?.message).toBe('could not start ./run.sh: no such file ./run.sh');
    expect(classifyExit({ ...base, cwd: { path: '/nope', exists: false } })?.message).toBe('could not start python4: the working directory /nope does not exist');
    expect(classifyExit({ command: ['python3'], exitCode: 1, signal: null, stderrDiagnosis: 'ValueError: x' })?.message).toBe('python3 exited with code 1: ValueError: x');
  });
});

describe('pins verified against the pools and the end-of-run environment', () => {
  const knobs = requestedKnobs();
  it('a pool whose thread count differs from its cap is a mismatch naming the pool and both values', () => {
    const pools = [
      { internal_api: 'openblas', filepath: '/l/libopenblas.so', num_threads: 2 },
      { internal_api: 'openmp', filepath: '/l/libgomp.so', num_threads: 1 },
      { internal_api: 'unknown', num_threads: 9 },
    ];
    expect(checkThreadPools(knobs, pools)).toEqual([
      { knob: 'OPENBLAS_NUM_THREADS', requested: '1', observed: '2', stage: 'threadpool', pool: 'openblas (/l/libopenblas.so)' },
    ]);
    expect(checkThreadPools({}, pools)).toEqual([]); // un-capped: nothing to compare
    expect(checkThreadPools(knobs, null)).toEqual([]);
    // OpenBLAS runs at most one thread per visible CPU: a cap of 8 on 2 CPUs running 2 is pinned.
    const eight = { ...knobs, OPENBLAS_NUM_THREADS: '8' };
    expect(checkThreadPools(eight, [{ internal_api: 'openblas', num_threads: 2 }], 2)).toEqual([]);
    expect(checkThreadPools(eight, [{ internal_api: 'openblas', num_threads: 2 }])).toHaveLength(1);
    expect(checkThreadPools(knobs, [{ internal_api: 'openblas', num_threads: 2 }], 2)).toHaveLength(1);
  });

  it('a pinned knob changed during the run is a mismatch; unreported ones are not compared', () => {
    expect(checkKnobsAtResult({ OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' }, { OMP_NUM_THREADS: '4' })).toEqual([
      { knob: 'OMP_NUM_THREADS', requested: '1', observed: '4', stage: 'at_result' },
    ]);
    expect(checkKnobsAtResult({ OMP_NUM_THREADS: '1' }, undefined)).toEqual([]);
  });
});

describe('numeric env, provenance gaps and the thread-config pin', () => {
  it('numericEnvInParent lists the numeric variables set in the parent that are not pinned knobs', () => {
    expect(numericEnvInParent({ OPENBLAS_CORETYPE: 'Haswell', MKL_CBWR: 'AVX2', HOME: '/r', CUBLAS_WORKSPACE_CONFIG: ':16:8' }, requestedKnobs())).toEqual([
      'OPENBLAS_CORETYPE',
      'MKL_CBWR',
    ]);
  });

  it('provenanceGaps names each missing P0 dimension with how to supply it', () => {
    const gaps = provenanceGaps({ build_sha: null, instance_type: 'm5', os: 'Linux', lib_versions: undefined });
    expect(gaps.map((g) => g.dimension)).toEqual(['build_sha', 'lib_versions']);
    expect(gaps[0]!.howToSupply).toMatch(/--cwd.*--build-sha.*BUILD_SHA/);
    expect(provenanceGaps(null).map((g) => g.dimension)).toEqual(['build_sha', 'instance_type', 'os', 'lib_versions']);
  });

  it('pinAtThreadConfig: the recorded caps, or none at all for an un-capped canonical; hash seed stays pinned', () => {
    const capped = pinAtThreadConfig({ OMP_NUM_THREADS: '8', OPENBLAS_NUM_THREADS: '8', PYTHONHASHSEED: null });
    expect(capped.label).toBe('OMP_NUM_THREADS=8, OPENBLAS_NUM_THREADS=8');
    expect(requestedKnobs(capped.pin)).toMatchObject({ PYTHONHASHSEED: '0', OMP_NUM_THREADS: '8', OPENBLAS_NUM_THREADS: '8' });
    expect(requestedKnobs(capped.pin)).not.toHaveProperty('MKL_NUM_THREADS');
    const uncapped = pinAtThreadConfig({ OMP_NUM_THREADS: null });
    expect(uncapped.label).toBe('no thread caps (un-capped)');
    expect(Object.keys(requestedKnobs(uncapped.pin)).filter((k) => k.endsWith('_THREADS'))).toEqual([]);
  });
});
