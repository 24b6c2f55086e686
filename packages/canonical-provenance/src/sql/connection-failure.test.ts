import { describe, expect, it } from 'vitest';
import { connectionFailure } from './connection-failure.js';

const errorWith = (message: string, code?: string) => Object.assign(new Error(message), code === undefined ? {} : { code });

describe('which failures mean "the database is unavailable"', () => {
  it.each([
    ['refused', errorWith('connect ECONNREFUSED 10.0.0.1:5432', 'ECONNREFUSED'), /^db:5432: connection refused \(connect ECONNREFUSED/],
    ['refused on ::1 and 127.0.0.1 (AggregateError)', new AggregateError([errorWith('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], ''), /connection refused/],
    ['unknown host', errorWith('getaddrinfo ENOTFOUND db', 'ENOTFOUND'), /host not found/],
    ['connect timeout', errorWith('timeout expired'), /^db:5432: timeout expired$/],
    ['dropped connection', errorWith('Connection terminated unexpectedly'), /Connection terminated unexpectedly/],
    ['wrong password', errorWith('password authentication failed for user "repro"', '28P01'), /password authentication failed .*SQLSTATE 28P01/],
    ['no such database', errorWith('database "x" does not exist', '3D000'), /SQLSTATE 3D000/],
    ['server shutting down', errorWith('terminating connection due to administrator command', '57P01'), /SQLSTATE 57P01/],
    ['too many clients', errorWith('sorry, too many clients already', '53300'), /SQLSTATE 53300/],
    ['missing privilege', errorWith('permission denied for database test', '42501'), /SQLSTATE 42501/],
  ])('%s', (_, error, message) => {
    const failure = connectionFailure(error, 'db:5432');
    expect(failure?.where).toBe('db:5432');
    expect(failure?.message).toMatch(message);
    expect(failure?.cause).toBe(error);
  });

  it('leaves SQL errors and bugs alone: they are not outages', () => {
    expect(connectionFailure(errorWith('syntax error at or near "selct"', '42601'), 'db:5432')).toBeUndefined();
    expect(connectionFailure(errorWith('duplicate key value violates unique constraint', '23505'), 'db:5432')).toBeUndefined();
    expect(connectionFailure(new TypeError('x is undefined'), 'db:5432')).toBeUndefined();
    expect(connectionFailure('a string', 'db:5432')).toBeUndefined();
  });
});
