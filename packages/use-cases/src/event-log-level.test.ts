import { describe, expect, it } from 'vitest';
import { EVENT_SEVERITIES, eventLogLevel } from './event-log-level.js';

describe('eventLogLevel', () => {
  it('maps each severity of the vocabulary to its log level', () => {
    expect(EVENT_SEVERITIES.map((severity) => eventLogLevel({ severity }))).toEqual(['info', 'warn', 'error']);
  });

  it('logs an event without a severity, or with one outside the vocabulary, at info', () => {
    expect(eventLogLevel({})).toBe('info');
    expect(eventLogLevel({ severity: 'warn' })).toBe('info');
    expect(eventLogLevel({ severity: 42 })).toBe('info');
  });
});
