import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readJsonDimension, readTextDimension } from '../store/read-row-values.js';
import { floatArrayLiteral, floatText } from './float-text.js';
import { readPostgresAddress } from './postgres-url.js';
import { checkSchemaName, quoteIdentifier, quoteTableName } from './quote-identifier.js';

describe('SQL text building', () => {
  it('float8 text reads back as the same double, -0 and non-finite included', () => {
    fc.assert(fc.property(fc.double(), (x) => Object.is(Number(floatText(x)), x)));
    expect(floatArrayLiteral([1, -0, Number.NaN, Number.NEGATIVE_INFINITY])).toBe('{1,-0,NaN,-Infinity}');
  });

  it('identifiers are quoted with embedded quotes doubled; schema names are checked', () => {
    expect(quoteIdentifier('a"b')).toBe('"a""b"');
    expect(quoteTableName('table', 'analytics.Finetune')).toEqual({ sql: '"analytics"."Finetune"', schema: 'analytics', table: 'Finetune' });
    expect(() => quoteTableName('table', 'a..b')).toThrow(/table: "a..b" is not a table name/);
    expect(checkSchemaName('repro_t1')).toBe('repro_t1');
    for (const bad of ['Repro', '1abc', 'a-b', '', 'x'.repeat(64), 'a"; drop']) expect(() => checkSchemaName(bad), bad).toThrow(/^schema: /);
  });

  it('names host:port of a URL without ever showing its password', () => {
    expect(readPostgresAddress('postgres://u:pw@db.internal:6543/x')).toEqual({ where: 'db.internal:6543', display: 'postgres://u@db.internal:6543/x' });
    expect(readPostgresAddress('postgresql://u@h/x').where).toBe('h:5432');
    expect(() => readPostgresAddress('http://h/x')).toThrow(/^url: unsupported scheme/);
  });

  it('reads dimensions back without inventing any: empty and NULL are "not recorded"', () => {
    expect(readTextDimension(null)).toBeNull();
    expect(readTextDimension('')).toBeNull();
    expect(readTextDimension(42)).toBe('42');
    expect(readJsonDimension('{"numpy": "1.26"}')).toEqual({ numpy: '1.26' });
    expect(readJsonDimension('[1,2]')).toEqual([1, 2]);
    expect(readJsonDimension('{not json')).toBe('{not json');
    expect(readJsonDimension('1.26')).toBe('1.26');
    expect(readJsonDimension('')).toBeNull();
    expect(readJsonDimension({ a: 1 })).toEqual({ a: 1 });
  });
});
