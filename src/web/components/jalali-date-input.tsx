import { ActionIcon, Popover, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Calendar, DateObject } from 'react-multi-date-picker';
import persianImport from 'react-date-object/calendars/persian';
import persianFaImport from 'react-date-object/locales/persian_fa';
import persianEnImport from 'react-date-object/locales/persian_en';
import { checkJalaliInput, formatJalali, fromJalali, isIsoDate, SANE_JALALI_YEARS, toJalali, type IsoDate, type JalaliInputProblem } from '../../shared/jalali.js';
import { useI18n } from '../lib/i18n.js';
import { CalendarIcon } from './icons.js';

/** These packages are CommonJS: depending on the bundler's interop the default export may arrive wrapped. */
function unwrap<T>(m: T): T {
  const inner = (m as { default?: T } | null)?.default;
  return inner ?? m;
}
const CalendarView = unwrap(Calendar);
const persian = unwrap(persianImport);
const persianFa = unwrap(persianFaImport);
const persianEn = unwrap(persianEnImport);

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
  const jalali = value && isIsoDate(value) ? toJalali(value) : null;
  const picked = jalali ? new DateObject({ calendar: persian, year: jalali.year, month: jalali.month, day: jalali.day }) : undefined;

  return (
    <Popover opened={opened} onChange={setOpened} position={dir === 'rtl' ? 'bottom-end' : 'bottom-start'} withinPortal shadow="md" trapFocus={false}>
      <Popover.Target>
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
            <ActionIcon variant="subtle" color="gray" onClick={() => setOpened((o) => !o)} aria-label={t('date.openCalendar')} data-testid={testId ? `${testId}-calendar` : undefined}>
              <CalendarIcon size={16} />
            </ActionIcon>
          }
        />
      </Popover.Target>
      <Popover.Dropdown p={0}>
        <CalendarView
          value={picked}
          onChange={(d: DateObject | null) => {
            if (!d || !d.isValid) return;
            try {
              const iso = fromJalali(d.year, d.month.number, d.day);
              setText(formatJalali(iso, { digits }));
              setBlurred(false);
              send(iso >= min && iso <= max ? iso : null, iso >= min && iso <= max ? null : 'range');
              setOpened(false);
            } catch {
              send(null, 'impossible');
            }
          }}
          calendar={persian}
          locale={language === 'fa' ? persianFa : persianEn}
          shadow={false}
        />
      </Popover.Dropdown>
    </Popover>
  );
}
