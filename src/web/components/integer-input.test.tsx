import { cleanup, fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithMantine } from '../test/render.js';
import { IntegerInput, isWithin, parseInteger } from './integer-input.js';

function Percent({ onChange }: { onChange: (v: number | null) => void }) {
  const [value, setValue] = useState<number | null>(60);
  return (
    <IntegerInput
      label="درصد بهره‌برداری"
      value={value}
      onChange={(v) => {
        setValue(v);
        onChange(v);
      }}
      min={0}
      max={100}
      testId="p"
    />
  );
}

const input = () => screen.getByTestId('p') as HTMLInputElement;

describe('IntegerInput', () => {
  afterEach(cleanup);

  it('shows the number in Persian digits and reads any digits typed', () => {
    const onChange = vi.fn();
    renderWithMantine(<Percent onChange={onChange} />);
    expect(input().value).toBe('۶۰');
    fireEvent.change(input(), { target: { value: '75' } });
    expect(onChange).toHaveBeenLastCalledWith(75);
    expect(input().value).toBe('۷۵');
  });

  it('refuses 150 for a percentage instead of cutting it to 100', () => {
    const onChange = vi.fn();
    renderWithMantine(<Percent onChange={onChange} />);
    fireEvent.change(input(), { target: { value: '۱۵۰' } });
    expect(onChange).toHaveBeenLastCalledWith(150);
    expect(input().value).toBe('۱۵۰');
    expect(screen.getByText(/عدد باید میان .*۰.* و .*۱۰۰.* باشد/)).toBeTruthy();
    fireEvent.blur(input());
    expect(input().value).toBe('۱۵۰');
  });

  it('tells a form what it may send', () => {
    expect(parseInteger('۱٬۲۰۰')).toBe(1200);
    expect(parseInteger('')).toBeNull();
    expect(parseInteger('۱۲الف')).toBeNaN();
    expect(isWithin(150, 0, 100)).toBe(false);
    expect(isWithin(Number.NaN, 0, 100)).toBe(false);
    expect(isWithin(null, 0, 100)).toBe(true);
    expect(isWithin(100, 0, 100)).toBe(true);
  });
});
