import { TextInput } from '@mantine/core';
import { useState } from 'react';
import { toAsciiDigits } from '../../shared/text.js';
import { localizeDigits, useI18n } from '../lib/i18n.js';

/**
 * Whether a field's number is fine: a whole number inside the bounds given (either may be absent). An empty field
 * (null) is the form's business; what is not a number (NaN) is not fine.
 */
export function isWithin(value: number | null, min?: number, max?: number): boolean {
  if (value === null) return true;
  if (!Number.isInteger(value)) return false;
  return (min === undefined || value >= min) && (max === undefined || value <= max);
}

/** The digits typed, any of Persian, Arabic-Indic or Latin, and any grouping, as a whole number; NaN when not one. */
export function parseInteger(text: string): number | null {
  const ascii = toAsciiDigits(text).replace(/[\s,٬،'_]/g, '').trim();
  if (!ascii) return null;
  return /^-?\d+$/.test(ascii) ? Number(ascii) : NaN;
}

export interface IntegerInputProps {
  label?: string;
  /** For a field without a visible label (a year beside a title). */
  ariaLabel?: string;
  /** null when empty; NaN while what is typed is not a whole number. */
  value: number | null;
  onChange: (value: number | null) => void;
  min?: number;
  max?: number;
  /** Shown after the number: «٪». */
  suffix?: string;
  required?: boolean;
  error?: string | undefined;
  description?: string;
  w?: number | string;
  testId?: string;
}

/**
 * A whole number in the language's digits (۱۲۰ in Persian), typed with any digits. A value outside `min`–`max` is
 * never cut to fit (150 does not become 100): it is shown as typed, with a message saying the bounds, and handed
 * over as it is, so the form refuses it (see `isWithin`) and the server would too.
 */
export function IntegerInput({ label, ariaLabel, value, onChange, min, max, suffix, required, error, description, w, testId }: IntegerInputProps) {
  const { t, language } = useI18n();
  const shown = (v: number | null) => (v === null ? '' : localizeDigits(v, language));
  const [text, setText] = useState(() => shown(value));
  const [held, setHeld] = useState<{ value: number | null; language: string }>({ value, language });
  // the value from outside changed (a reset, a suggestion), or the language did: show it, unless it is what is typed
  if (!Object.is(held.value, value) || held.language !== language) {
    setHeld({ value, language });
    if (!Object.is(parseInteger(text), value) || held.language !== language) setText(value !== null && Number.isNaN(value) ? text : shown(value));
  }
  const parsed = parseInteger(text);
  const notNumber = parsed !== null && Number.isNaN(parsed);
  const outside = parsed !== null && !Number.isNaN(parsed) && !isWithin(parsed, min, max);
  const bounds = { min: localizeDigits(min ?? 0, language), max: localizeDigits(max ?? 0, language) };
  const ownError = notNumber
    ? t('number.notWhole')
    : outside
      ? min !== undefined && max !== undefined
        ? t('number.between', bounds)
        : max !== undefined
          ? t('number.atMost', bounds)
          : t('number.atLeast', bounds)
      : undefined;
  return (
    <TextInput
      label={label}
      aria-label={ariaLabel}
      description={description}
      required={required}
      value={text}
      onChange={(e) => {
        const raw = e.currentTarget.value;
        setText(language === 'fa' ? localizeDigits(toAsciiDigits(raw), 'fa') : raw);
        onChange(parseInteger(raw));
      }}
      error={ownError ?? error}
      inputMode="numeric"
      dir="ltr"
      w={w}
      rightSection={suffix}
      data-testid={testId}
      data-invalid={ownError ? 'true' : undefined}
      styles={{ input: { textAlign: language === 'fa' ? 'right' : 'left', fontVariantNumeric: 'tabular-nums' } }}
    />
  );
}
