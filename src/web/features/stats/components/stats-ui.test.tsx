import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithMantine } from '../../../test/render.js';
import { AsOfNote } from './stats-ui.js';

describe('AsOfNote', () => {
  afterEach(cleanup);

  it('says «به‌روز تا» with the Jalali date and Tehran time when the figures come from a lagging replica', () => {
    renderWithMantine(<AsOfNote asOf="2026-11-29T06:35:00.000Z" />);
    // 29 Nov 2026, 10:05 in Tehran = 8 Azar 1405
    // (the time is wrapped in bidi isolates, as every interpolated value)
    expect(screen.getByTestId('stats-as-of').textContent?.replace(/[\u2068\u2069]/g, '')).toBe('به‌روز تا ۱۴۰۵/۰۹/۰۸ ۱۰:۰۵');
  });

  it('shows nothing when the figures are current', () => {
    renderWithMantine(<AsOfNote asOf={undefined} />);
    expect(screen.queryByTestId('stats-as-of')).toBeNull();
  });
});
