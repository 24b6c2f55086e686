import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIN_SECRET_LENGTH, SECRET_ENV_NAME, secretsOfEnvironment } from './secret-environment.js';
import { SecretRedactor } from './secret-redactor.js';

const ENV = {
  DATABASE_URL: 'postgres://repro:s3cr3t-pw@db.internal:5432/repro',
  API_TOKEN: 'tok-123456',
  AWS_SECRET_ACCESS_KEY: 'abcd/efgh+ijkl',
  FEATURE_STORE: 'fs-creds-9f8e7d',
  REPRO_SECRET_ENV: 'FEATURE_STORE, ,NOT_SET',
  REDIS_URL: 'redis://:r3d1s-p%40ss@cache:6379/0',
  SHORT_TOKEN: 'x1y2z',
  HOME: '/root',
  PATH: '/usr/bin:/bin',
  XDG_SESSION_TYPE: 'wayland',
  SSH_AUTH_SOCK: '/tmp/ssh-abc/agent.1',
};

describe('secretsOfEnvironment', () => {
  const names = (env: Record<string, string>) => [...new Set(secretsOfEnvironment(env).map((s) => s.name))].sort();

  it('collects secret-named variables, the ones REPRO_SECRET_ENV lists and URL passwords; nothing else', () => {
    expect(names(ENV)).toEqual(['API_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'DATABASE_URL', 'FEATURE_STORE', 'REDIS_URL']);
    const values = secretsOfEnvironment(ENV).map((s) => s.value);
    // the whole DATABASE_URL and its password; REDIS_URL (not secret-named): only its password, as written and decoded
    expect(values).toEqual(expect.arrayContaining([ENV.DATABASE_URL, 's3cr3t-pw', 'r3d1s-p%40ss', 'r3d1s-p@ss']));
    expect(values).not.toContain(ENV.REDIS_URL);
    // REPRO_SECRET_ENV names secrets; its own value is not one
    expect(values).not.toContain(ENV.REPRO_SECRET_ENV);
  });

  it(`ignores values shorter than ${MIN_SECRET_LENGTH} characters, and trims whitespace around a value`, () => {
    expect(secretsOfEnvironment({ SHORT_TOKEN: 'x1y2z', PASSWORD: 'true', PW_SECRET: ' abc ' })).toEqual([]);
    expect(secretsOfEnvironment({ HF_TOKEN: 'hf_abcdef\n' }).map((s) => s.value)).toEqual(['hf_abcdef\n', 'hf_abcdef']);
  });

  it.each([
    ['DATABASE_URL', true],
    ['TEST_DATABASE_URL', true],
    ['PGPASSWORD', true],
    ['DB_PASSWORD', true],
    ['AWS_SECRET_ACCESS_KEY', true],
    ['AWS_ACCESS_KEY_ID', true],
    ['AWS_SESSION_TOKEN', true],
    ['CLIENT_SECRET_VALUE', true],
    ['HF_TOKEN', true],
    ['OPENAI_API_KEY', true],
    ['SIGNING_KEY', true],
    ['SSH_PRIVATE_KEY', true],
    ['SENTRY_DSN', true],
    ['GOOGLE_APPLICATION_CREDENTIALS', true],
    ['HOME', false],
    ['PATH', false],
    ['SSH_AUTH_SOCK', false],
    ['XDG_SESSION_TYPE', false],
    ['DESKTOP_SESSION', false],
    ['TOKENIZERS_PARALLELISM', false],
    ['KEYBOARD_LAYOUT', false],
    ['REPRO_SECRET_ENV', true], // matched by name, but skipped by secretsOfEnvironment (it lists names)
  ])('%s named like a secret: %s', (name, secret) => {
    expect(SECRET_ENV_NAME.test(name)).toBe(secret);
  });
});

describe('SecretRedactor', () => {
  const redactor = SecretRedactor.fromEnvironment(ENV);

  it('replaces every occurrence of each secret with [redacted:NAME], the longest first', () => {
    const text = `connect ${ENV.DATABASE_URL} failed; password s3cr3t-pw twice s3cr3t-pw; token tok-123456; features fs-creds-9f8e7d`;
    expect(redactor.redactText(text)).toBe(
      'connect [redacted:DATABASE_URL] failed; password [redacted:DATABASE_URL] twice [redacted:DATABASE_URL]; token [redacted:API_TOKEN]; features [redacted:FEATURE_STORE]',
    );
  });

  it('redacts URL passwords and AWS key ids it was not told about; leaves other text alone', () => {
    const text = 'url https://u:p4ss@h.example/x id AKIAABCDEFGHIJKLMNOP home /root x1y2z wayland https://h.example:8080/a@b';
    expect(redactor.redactText(text)).toBe(
      'url https://u:[redacted:url-password]@h.example/x id [redacted:aws-access-key-id] home /root x1y2z wayland https://h.example:8080/a@b',
    );
  });

  it('redacts strings inside JSON values at any depth, object keys included, without touching the input', () => {
    const value = {
      verdict: 'FIDELITY_OK',
      det_delta: 0,
      audit: { replay_fingerprint: { feature_versions: { source: ENV.DATABASE_URL, list: ['a', 'tok-123456'] }, build_sha: null } },
      'tok-123456': true,
    };
    const copy = structuredClone(value);
    const out = redactor.redact(value);
    expect(out).toEqual({
      verdict: 'FIDELITY_OK',
      det_delta: 0,
      audit: { replay_fingerprint: { feature_versions: { source: '[redacted:DATABASE_URL]', list: ['a', '[redacted:API_TOKEN]'] }, build_sha: null } },
      '[redacted:API_TOKEN]': true,
    });
    expect(value).toEqual(copy);
  });

  it('turns an Error into {name, message}, a Date into its ISO string, and a cycle into "[circular]"', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const out = redactor.redact({ error: new TypeError('bad token tok-123456'), at: new Date('2026-01-02T03:04:05Z'), cyclic }) as Record<string, unknown>;
    expect(out.error).toEqual({ name: 'TypeError', message: 'bad token [redacted:API_TOKEN]' });
    expect(out.at).toBe('2026-01-02T03:04:05.000Z');
    expect(out.cyclic).toEqual({ name: 'loop', self: '[circular]' });
  });

  it('a secret whose characters are regex syntax is matched literally', () => {
    const special = new SecretRedactor([{ value: 'a.b*c+(d)?[e]$', name: 'ODD' }]);
    expect(special.redactText('x a.b*c+(d)?[e]$ y aXbbc')).toBe('x [redacted:ODD] y aXbbc');
  });

  it('property: a redacted text never contains a secret, and redacting again changes nothing', () => {
    const secret = fc.string({ minLength: MIN_SECRET_LENGTH, maxLength: 24 }).filter((s) => !s.includes('[redacted:'));
    fc.assert(
      fc.property(fc.array(secret, { minLength: 1, maxLength: 4 }), fc.array(fc.string(), { maxLength: 6 }), (secrets, filler) => {
        const r = new SecretRedactor(secrets.map((value, i) => ({ value, name: `S${i}` })));
        const text = filler.flatMap((part, i) => [part, secrets[i % secrets.length]!]).join('');
        const once = r.redactText(text);
        // a secret can only survive as part of a marker's name; strip the markers, then look
        const outsideMarkers = once.replace(/\[redacted:[^\]\s]*\]/g, '\u0000');
        for (const value of secrets) expect(outsideMarkers).not.toContain(value);
        expect(r.redactText(once)).toBe(once);
      }),
      { numRuns: 300 },
    );
  });

  it('with no secrets it still redacts the patterns, and copies JSON values unchanged otherwise', () => {
    const none = SecretRedactor.fromEnvironment({ PATH: '/bin' });
    expect(none.size).toBe(0);
    expect(none.redact({ a: [1, 'x', null, true] })).toEqual({ a: [1, 'x', null, true] });
    expect(none.redactText('s3://bucket/key postgres://u:pw@h/db')).toBe('s3://bucket/key postgres://u:[redacted:url-password]@h/db');
  });
});
