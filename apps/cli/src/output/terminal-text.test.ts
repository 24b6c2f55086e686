import { describe, expect, it } from 'vitest';
import { escapeForTerminal } from './terminal-text.js';

describe('escapeForTerminal', () => {
  it('writes every control, escape and reordering character as a visible escape; tabs and newlines stay', () => {
    expect(escapeForTerminal('cell\u001b[2J\u001b[H')).toBe('cell\\u{1b}[2J\\u{1b}[H');
    expect(escapeForTerminal('a\rb\u0000c\u007fd\u009be')).toBe('a\\u{d}b\\u{0}c\\u{7f}d\\u{9b}e');
    expect(escapeForTerminal('x\u202eevil\u2066y\u2028')).toBe('x\\u{202e}evil\\u{2066}y\\u{2028}');
    expect(escapeForTerminal('col\tvalue\nnext — ünïcode ✓')).toBe('col\tvalue\nnext — ünïcode ✓');
  });
});
