import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ReplayAbortedError, type ReplayEvent, ReplaySpecError, runMany, runReplay, runReplayPair } from '../src/index.js';
import { fixture, isLiveProcess, python, scratch, waitForGrandchildren } from './process-state.js';

const rejectionOf = (running: Promise<unknown>) => running.then(() => null, (error: unknown) => error);

// The children die on SIGTERM, their grandchildren only on the SIGKILL 1 s later: a call that rejected as
// soon as the children were gone would leave the grandchildren alive.
describe('AbortSignal: every process group is gone before the call rejects', () => {
  it('runReplayPair (parallel): aborting kills A and B with their grandchildren', async () => {
    const pidDir = scratch();
    const controller = new AbortController();
    const running = runReplayPair({ command: [python, fixture('hang_with_grandchild.py'), pidDir, 'child-dies-on-term'], killGraceMs: 1_000 }, { signal: controller.signal });
    const grandchildren = await waitForGrandchildren(pidDir, 2);
    expect(grandchildren.every(isLiveProcess)).toBe(true);
    controller.abort();
    expect(await rejectionOf(running)).toBeInstanceOf(ReplayAbortedError);
    expect(grandchildren.some(isLiveProcess)).toBe(false);
  });

  it('runMany: aborting kills the running replay and starts no further run', async () => {
    const pidDir = scratch();
    const controller = new AbortController();
    const events: ReplayEvent[] = [];
    const progress: number[] = [];
    const running = runMany({ command: [python, fixture('hang_with_grandchild.py'), pidDir, 'child-dies-on-term'], killGraceMs: 1_000 }, 3, {
      signal: controller.signal,
      emit: (e) => events.push(e),
      onProgress: (p) => progress.push(p.done),
    });
    const [grandchild] = await waitForGrandchildren(pidDir, 1);
    controller.abort();
    expect(await rejectionOf(running)).toBeInstanceOf(ReplayAbortedError);
    expect(isLiveProcess(grandchild!)).toBe(false);
    expect(events.map((e) => `${e.event}:${e.label}`)).toEqual(['replay_started:run-1']);
    expect(progress).toEqual([]);
  });

  it('an abort that lands while the replay is being prepared still stops it: nothing is spawned', async () => {
    const controller = new AbortController();
    const events: ReplayEvent[] = [];
    const running = runReplay({ command: [python, fixture('trivial.py')] }, { signal: controller.signal, emit: (e) => events.push(e) });
    controller.abort(); // runReplay is awaiting its temp folder now
    expect(await rejectionOf(running)).toBeInstanceOf(ReplayAbortedError);
    expect(events).toEqual([]);
  });
});

describe('the per-replay folder', () => {
  it('is removed after a replay, and after a spec error found while preparing it', async () => {
    const workDir = scratch();
    expect((await runReplay({ command: [python, fixture('trivial.py')], workDir, params: { seed: 1 } })).ok).toBe(true);
    const bad = runReplay({ command: [python, fixture('trivial.py')], workDir, passEnv: ['PYTHONHASHSEED'] });
    expect(await rejectionOf(bad)).toBeInstanceOf(ReplaySpecError);
    expect(readdirSync(workDir)).toEqual([]);
  });

  it('is kept with keepFiles, holding params.json and result.json', async () => {
    const outcome = await runReplay({ command: [python, fixture('trivial.py')], workDir: scratch(), params: { seed: 1 }, keepFiles: true });
    expect(readdirSync(outcome.filesDir!).sort()).toEqual(['params.json', 'result.json']);
  });
});
