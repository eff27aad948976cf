import { describe, expect, it } from 'vitest';
import { flag, laterPage, oneOfParam, searchOf, text } from './search-params.js';

describe('search parameters', () => {
  it('reads text the router parsed as a number as text, and leaves blanks out', () => {
    expect(text('آجر')).toBe('آجر');
    expect(text(1405)).toBe('1405');
    expect(text('  ')).toBeUndefined();
    expect(text(undefined)).toBeUndefined();
  });

  it('keeps what each reader accepts and leaves the rest out', () => {
    const read = searchOf({ q: text, status: oneOfParam(['open', 'closed'] as const), overdue: flag, page: laterPage });
    expect(read({ q: 123, status: 'open', overdue: 'true', page: '3', other: 'x' })).toEqual({ q: '123', status: 'open', overdue: true, page: 3 });
    expect(read({ status: 'lost', overdue: false, page: 1 })).toEqual({});
  });
});
