import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithMantine } from '../test/render.js';
import { JalaliDateInput } from './jalali-date-input.js';

describe('JalaliDateInput', () => {
  afterEach(cleanup);

  it('shows an ISO date on the Persian calendar, in Persian digits', () => {
    renderWithMantine(<JalaliDateInput label="تاریخ" value="2026-03-21" onChange={() => {}} testId="d" />);
    const input = document.querySelector('input') as HTMLInputElement;
    expect(input.value).toBe('۱۴۰۵/۰۱/۰۱');
    expect(screen.getByText('تاریخ')).toBeTruthy();
  });

  it('is empty without a value, and shows its error', () => {
    renderWithMantine(<JalaliDateInput label="تاریخ" value={null} onChange={() => {}} error="تاریخ لازم است" />);
    expect((document.querySelector('input') as HTMLInputElement).value).toBe('');
    expect(screen.getByText('تاریخ لازم است')).toBeTruthy();
  });
});
