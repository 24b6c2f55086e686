import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildHermeticEnv, DEFAULT_ENV_ALLOWLIST } from './hermetic-env.js';
import { requestedKnobs } from './pinned-knobs.js';
import { ReplaySpecError } from './replay-spec-error.js';

const knobs = requestedKnobs({ mode: 'pinned' });
const protocol = { REPRO_RESULT_FILE: '/tmp/r.json' };

describe('buildHermeticEnv', () => {
  it('nothing from the parent gets in unless allowlisted or named in passEnv (property)', () => {
    const name = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,12}$/);
    fc.assert(
      fc.property(fc.dictionary(name, fc.string()), fc.uniqueArray(name, { maxLength: 4 }), (parentEnv, passEnv) => {
        const pass = passEnv.filter((n) => !(n in knobs) && !(n in protocol));
        const env = buildHermeticEnv({ parentEnv, passEnv: pass, knobs, protocol });
        for (const [key, value] of Object.entries(env)) {
          if (key in knobs) expect(value).toBe(knobs[key]);
          else if (key in protocol) expect(value).toBe(protocol[key as keyof typeof protocol]);
          else {
            expect([...DEFAULT_ENV_ALLOWLIST, ...pass]).toContain(key);
            expect(value).toBe(parentEnv[key]);
          }
        }
      }),
    );
  });

  it('a secret in the parent env is dropped; the pinned knob wins over the parent value', () => {
    const env = buildHermeticEnv({
      parentEnv: { PATH: '/bin', AWS_SECRET_ACCESS_KEY: 's', PYTHONHASHSEED: '42', TZ: 'UTC' },
      knobs,
      protocol,
    });
    expect(env.AWS_SECRET_ACCESS_KEY).toBeUndefined();
    expect(env.PYTHONHASHSEED).toBe('0');
    expect(env.PATH).toBe('/bin');
    expect(env.TZ).toBe('UTC');
  });

  it('PYTHONPATH gets the helper folder first, then a passed-through PYTHONPATH', () => {
    const parentEnv = { PYTHONPATH: '/user/lib' };
    expect(buildHermeticEnv({ parentEnv, knobs, protocol, pythonPath: ['/helper'] }).PYTHONPATH).toBe('/helper');
    expect(buildHermeticEnv({ parentEnv, passEnv: ['PYTHONPATH'], knobs, protocol, pythonPath: ['/helper'] }).PYTHONPATH).toBe(
      '/helper:/user/lib',
    );
  });

  it('passEnv may not name a pinned knob, a protocol variable, or an invalid name (typed error naming the entry)', () => {
    const attempt = (passEnv: string[]) => () => buildHermeticEnv({ parentEnv: {}, passEnv, knobs, protocol });
    expect(attempt(['HOME', 'PYTHONHASHSEED'])).toThrow(new ReplaySpecError('passEnv[1]', 'PYTHONHASHSEED is a pinned knob; set it through the pin config, not passEnv'));
    expect(attempt(['REPRO_RESULT_FILE'])).toThrow(/passEnv\[0\].*set by the runner/);
    expect(attempt(['BAD-NAME'])).toThrow(/passEnv\[0\].*not a valid environment variable name/);
  });

  it('in uncapped mode the parent may pass its own thread caps (production config)', () => {
    const env = buildHermeticEnv({
      parentEnv: { OMP_NUM_THREADS: '8' },
      passEnv: ['OMP_NUM_THREADS'],
      knobs: requestedKnobs({ mode: 'uncapped' }),
      protocol,
    });
    expect(env.OMP_NUM_THREADS).toBe('8');
    expect(env.PYTHONHASHSEED).toBeUndefined();
  });
});
