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
});
