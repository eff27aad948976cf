import { describe, expect, it } from 'vitest';
import { listFilters } from './list-search.js';

describe('listFilters', () => {
  it('asks the API for the filters set, without the page and without empty ones', () => {
    expect(listFilters({ q: 'آب', status: '', overdue: false, agencyId: 'a1', page: 3 })).toEqual({ q: 'آب', agencyId: 'a1' });
  });

  it('keeps a switch that is on', () => {
    expect(listFilters({ q: '', overdue: true, page: 1 })).toEqual({ overdue: true });
  });
});
