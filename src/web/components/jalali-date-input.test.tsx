import { cleanup, fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithMantine } from '../test/render.js';
import { JalaliDateInput } from './jalali-date-input.js';

/** The field in a form that keeps what it is handed, as the app's forms do. */
function InForm({ initial, onChange, onValidityChange }: { initial: string | null; onChange: (v: string | null) => void; onValidityChange: (ok: boolean) => void }) {
  const [value, setValue] = useState(initial);
  return (
    <JalaliDateInput
      label="تاریخ"
      value={value}
      onChange={(v) => {
        setValue(v);
        onChange(v);
      }}
      onValidityChange={onValidityChange}
      testId="d"
    />
  );
}

const input = () => document.querySelector('input[name="d"]') as HTMLInputElement;

describe('JalaliDateInput', () => {
  afterEach(cleanup);

  it('shows an ISO date on the Persian calendar, in Persian digits', () => {
    renderWithMantine(<JalaliDateInput label="تاریخ" value="2026-03-21" onChange={() => {}} testId="d" />);
    expect(input().value).toBe('۱۴۰۵/۰۱/۰۱');
    expect(screen.getByLabelText('تاریخ')).toBe(input());
  });

  it('is empty without a value, and shows its error', () => {
    renderWithMantine(<JalaliDateInput label="تاریخ" value={null} onChange={() => {}} error="تاریخ لازم است" testId="d" />);
    expect(input().value).toBe('');
    expect(screen.getByText('تاریخ لازم است')).toBeTruthy();
  });

  it('hands over a typed Jalali date as ISO, Persian or Latin digits alike', () => {
    const onChange = vi.fn();
    const onValidity = vi.fn();
    renderWithMantine(<JalaliDateInput label="تاریخ" value={null} onChange={onChange} onValidityChange={onValidity} testId="d" />);
    fireEvent.change(input(), { target: { value: '۱۴۰۵/۰۹/۲۹' } });
    expect(onChange).toHaveBeenLastCalledWith('2026-12-20');
    expect(onValidity).toHaveBeenLastCalledWith(true);
    fireEvent.change(input(), { target: { value: '1405/9/28' } });
    expect(onChange).toHaveBeenLastCalledWith('2026-12-19');
  });

  it('refuses an impossible Jalali date instead of rolling it into another day', () => {
    const onChange = vi.fn();
    const onValidity = vi.fn();
    renderWithMantine(<InForm initial="2026-12-20" onChange={onChange} onValidityChange={onValidity} />);
    fireEvent.change(input(), { target: { value: '1405/13/40' } });
    expect(onChange).toHaveBeenLastCalledWith(null);
    expect(onValidity).toHaveBeenLastCalledWith(false);
    expect(screen.getByText(/چنین روزی در تقویم شمسی نیست/)).toBeTruthy();
    expect(input().getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(input(), { target: { value: '1404/12/30' } }); // 1404 is not a leap year
    expect(screen.getByText(/چنین روزی در تقویم شمسی نیست/)).toBeTruthy();
  });

  it('refuses a Gregorian date typed by habit, and a year outside the range', () => {
    const onChange = vi.fn();
    renderWithMantine(<JalaliDateInput label="تاریخ" value={null} onChange={onChange} testId="d" />);
    fireEvent.change(input(), { target: { value: '2026-12-20' } });
    expect(screen.getByText(/این تاریخ میلادی است/)).toBeTruthy();
    expect(onChange).not.toHaveBeenCalledWith(expect.stringMatching(/^2026/));
    fireEvent.change(input(), { target: { value: '1250/01/01' } });
    expect(screen.getByText(/تاریخ باید میان/)).toBeTruthy();
    expect(onChange).not.toHaveBeenCalledWith(expect.any(String));
  });

  it('waits for the whole date before it complains', () => {
    renderWithMantine(<JalaliDateInput label="تاریخ" value={null} onChange={() => {}} testId="d" />);
    fireEvent.change(input(), { target: { value: '1405/1' } });
    expect(input().getAttribute('aria-invalid')).not.toBe('true');
    fireEvent.blur(input());
    expect(screen.getByText(/سال\/ماه\/روز/)).toBeTruthy();
  });

  it('opens a calendar from its own named button: each day a named button, the chosen one pressed, a pick handed over as ISO', async () => {
    const onChange = vi.fn();
    renderWithMantine(<InForm initial="2026-12-20" onChange={onChange} onValidityChange={() => {}} />);
    // the text box claims no popup; the button beside it does
    expect(input().getAttribute('aria-expanded')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'باز کردن تقویم' }));
    // (the popup's opening transition is not run here: its contents are queried as they are)
    const calendar = await screen.findByTestId('jalali-calendar');
    expect(calendar.querySelector('[data-testid="calendar-title"]')?.textContent).toBe('آذر ۱۴۰۵');
    const chosen = screen.getByRole('button', { name: 'یکشنبه ۲۹ آذر ۱۴۰۵', hidden: true });
    expect(chosen.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('button', { name: 'ماه قبل', hidden: true })).toBeTruthy();
    // weeks start on Saturday: Azar 1405 begins on a Sunday (2026-11-22), in the second column
    expect(calendar.querySelector('tbody tr:first-child td:first-child button')).toBeNull();
    expect(calendar.querySelector('tbody tr:first-child td:nth-child(2) button')?.textContent).toBe('۱');
    expect(calendar.querySelector('thead th')?.getAttribute('abbr')).toBe('شنبه');
    fireEvent.click(screen.getByRole('button', { name: 'سه‌شنبه ۱۰ آذر ۱۴۰۵', hidden: true }));
    expect(onChange).toHaveBeenLastCalledWith('2026-12-01');
    expect(input().value).toBe('۱۴۰۵/۰۹/۱۰');
  });

  it('moves between months and keeps days outside the range out of reach', async () => {
    renderWithMantine(<JalaliDateInput label="تاریخ" value="2026-12-10" onChange={() => {}} max="2026-12-18" testId="d" />);
    fireEvent.click(screen.getByRole('button', { name: 'باز کردن تقویم' }));
    await screen.findByTestId('jalali-calendar');
    expect((screen.getByRole('button', { name: 'جمعه ۲۷ آذر ۱۴۰۵', hidden: true }) as HTMLButtonElement).disabled).toBe(false);
    expect((screen.getByRole('button', { name: 'شنبه ۲۸ آذر ۱۴۰۵', hidden: true }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'ماه بعد', hidden: true }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'ماه قبل', hidden: true }));
    expect(screen.getByTestId('calendar-title').textContent).toBe('آبان ۱۴۰۵');
  });
});
