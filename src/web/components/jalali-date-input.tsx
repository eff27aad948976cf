import { ActionIcon, Popover, TextInput } from '@mantine/core';
import { useState } from 'react';
import { checkJalaliInput, formatJalali, fromJalali, isIsoDate, SANE_JALALI_YEARS, type IsoDate, type JalaliInputProblem } from '../../shared/jalali.js';
import { useI18n } from '../lib/i18n.js';
import { CalendarIcon } from './icons.js';
import { JalaliCalendar } from './jalali-calendar.js';

export interface JalaliDateInputProps {
  label: string;
  /** 'YYYY-MM-DD' (Gregorian, as the API speaks), or null when empty. */
  value: IsoDate | null;
  /** The date, or null when the field is empty or holds what is not a date (see `onValidityChange`). */
  onChange: (value: IsoDate | null) => void;
  /** False while the text typed is not a date the field accepts: the form must not be sent then. */
  onValidityChange?: (valid: boolean) => void;
  error?: string | undefined;
  description?: string | undefined;
  required?: boolean;
  /** The earliest and latest dates accepted (default: Jalali 1350 to 1450). */
  min?: IsoDate;
  max?: IsoDate;
  testId?: string;
}

const DEFAULT_MIN = fromJalali(SANE_JALALI_YEARS.min, 1, 1);
const DEFAULT_MAX = fromJalali(SANE_JALALI_YEARS.max, 12, 29);

/**
 * The one date input of the app: a date on the Persian (Jalali) calendar, typed ('۱۴۰۵/۰۹/۲۹', Latin digits too) or
 * picked from the calendar beside it, handed over as an ISO date. What is not a real date is refused where it is
 * typed, in the user's language, and never rolled over into another day: '1405/13/40' (no such month and day), a
 * Gregorian '2026-12-20' typed by habit, or a year outside the range.
 */
export function JalaliDateInput({ label, value, onChange, onValidityChange, error, description, required, min = DEFAULT_MIN, max = DEFAULT_MAX, testId }: JalaliDateInputProps) {
  const { t, language, dir } = useI18n();
  const digits = language === 'fa' ? 'fa' : 'latn';
  const shown = (iso: IsoDate | null) => (iso && isIsoDate(iso) ? formatJalali(iso, { digits }) : '');
  const [text, setText] = useState(() => shown(value));
  const [problem, setProblem] = useState<JalaliInputProblem | null>(null);
  const [blurred, setBlurred] = useState(false);
  const [opened, setOpened] = useState(false);
  // the value last handed over (or received): another one arriving from outside (a suggestion, a reset) replaces
  // what is typed; a language switch rewrites the digits of a valid date
  const [sent, setSent] = useState<IsoDate | null>(value);
  const [shownIn, setShownIn] = useState(language);
  if (value !== sent) {
    setSent(value);
    setText(shown(value));
    setProblem(null);
  }
  if (language !== shownIn) {
    setShownIn(language);
    if (!problem && value) setText(shown(value));
  }

  const send = (next: IsoDate | null, nextProblem: JalaliInputProblem | null) => {
    setProblem(nextProblem);
    onValidityChange?.(nextProblem === null);
    if (next !== sent) {
      setSent(next);
      onChange(next);
    }
  };

  const typed = (raw: string) => {
    setText(raw);
    if (!raw.trim()) return send(null, null);
    const checked = checkJalaliInput(raw, { min, max });
    send(checked.ok ? checked.iso : null, checked.ok ? null : checked.problem);
  };

  const range = { min: formatJalali(min, { digits }), max: formatJalali(max, { digits }) };
  // a half-typed date is not an error yet; once the field is left, or the text looks whole, it is
  const looksWhole = /^\s*[\d۰-۹٠-٩]{4}\s*[/\-.]\s*[\d۰-۹٠-٩]{1,2}\s*[/\-.]\s*[\d۰-۹٠-٩]{1,2}\s*$/.test(text);
  const ownError = problem && (blurred || looksWhole) ? t(`date.problem.${problem}`, range) : undefined;

  return (
    <TextInput
      label={label}
      description={description}
      required={required}
      value={text}
      onChange={(e) => typed(e.currentTarget.value)}
      onBlur={() => setBlurred(true)}
      onFocus={() => setBlurred(false)}
      error={ownError ?? error}
      placeholder={language === 'fa' ? '۱۴۰۵/۰۹/۲۹' : '1405/09/29'}
      inputMode="numeric"
      dir="ltr"
      autoComplete="off"
      name={testId}
      data-testid={testId}
      data-problem={problem ?? undefined}
      styles={{ input: { textAlign: dir === 'rtl' ? 'right' : 'left', fontVariantNumeric: 'tabular-nums' } }}
      rightSection={
        // the calendar opens from its own button (a text box may not claim a popup of its own)
        <Popover opened={opened} onChange={setOpened} position={dir === 'rtl' ? 'bottom-start' : 'bottom-end'} withinPortal shadow="md" trapFocus returnFocus>
          <Popover.Target>
            <ActionIcon variant="subtle" color="gray" onClick={() => setOpened((o) => !o)} aria-label={t('date.openCalendar')} data-testid={testId ? `${testId}-calendar` : undefined}>
              <CalendarIcon size={16} />
            </ActionIcon>
          </Popover.Target>
          <Popover.Dropdown p={0} aria-label={label}>
            {opened ? (
              <JalaliCalendar
                value={value && isIsoDate(value) ? value : null}
                min={min}
                max={max}
                onPick={(iso) => {
                  setText(formatJalali(iso, { digits }));
                  setBlurred(false);
                  send(iso, null);
                  setOpened(false);
                }}
              />
            ) : null}
          </Popover.Dropdown>
        </Popover>
      }
    />
  );
}
