import { describe, expect, it } from 'vitest';
import { SecretRedactor } from './secret-redactor.js';

describe('secret redaction', () => {
  const redactor = SecretRedactor.fromEnv({
    DATABASE_URL: 'postgres://repro:s3cr3t-pw@db:5432/repro',
    AWS_SECRET_ACCESS_KEY: 'AKIAsecretvalue',
    API_TOKEN: 'tok-123456',
    BUILD_SHA: 'abc123def',
    SHORT_TOKEN: 'ab',
  });

  it('replaces secret values wherever they appear, deep in objects and arrays, keys included', () => {
    const out = redactor.redact({ message: 'auth failed for s3cr3t-pw', list: ['x tok-123456 y'], nested: { 'AKIAsecretvalue': 1 } });
    expect(JSON.stringify(out)).not.toMatch(/s3cr3t-pw|tok-123456|AKIAsecretvalue/);
    expect(out.message).toBe('auth failed for [redacted DATABASE_URL password]');
    expect(out.list[0]).toBe('x [redacted API_TOKEN] y');
  });

  it('leaves values of ordinary variables (a build SHA) and very short values alone', () => {
    expect(redactor.redactText('build abc123def ab')).toBe('build abc123def ab');
  });

  it('is a no-op without secrets, and keeps numbers and booleans', () => {
    const none = SecretRedactor.fromEnv({ PATH: '/bin' });
    const value = { a: 1, b: true, c: null };
    expect(none.redact(value)).toBe(value);
    expect(redactor.redact(value)).toEqual(value);
  });
});
