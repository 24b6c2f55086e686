import { describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, chromiumAvailability } from './launch-chromium.js';

describe('chromiumAvailability', () => {
  it('fails loudly in CI when Chromium is missing, and skips locally with what to install', () => {
    expect(() => chromiumAvailability('/nonexistent/chromium', { CI: 'true' })).toThrow('CI=true and browser tests need Chromium at /nonexistent/chromium: apt-get install chromium');
    expect(chromiumAvailability('/nonexistent/chromium', {})).toEqual({ run: false, message: expect.stringContaining('apt-get install chromium') });
    expect(chromiumAvailability(process.execPath, { CI: 'true' })).toEqual({ run: true, message: '' });
    expect(CHROMIUM_PATH).toBe('/usr/bin/chromium');
  });
});
