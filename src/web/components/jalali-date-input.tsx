import { Input } from '@mantine/core';
import { useId } from 'react';
import DatePickerImport, { DateObject } from 'react-multi-date-picker';
import persianImport from 'react-date-object/calendars/persian';
import persianFaImport from 'react-date-object/locales/persian_fa';
import persianEnImport from 'react-date-object/locales/persian_en';
import { fromJalali, isIsoDate, toJalali, type IsoDate } from '../../shared/jalali.js';
import { useI18n } from '../lib/i18n.js';
import classes from './jalali-date-input.module.css';

/** These packages are CommonJS: depending on the bundler's interop the default export may arrive wrapped. */
function unwrap<T>(m: T): T {
  const inner = (m as { default?: T } | null)?.default;
  return inner ?? m;
}
const DatePicker = unwrap(DatePickerImport);
const persian = unwrap(persianImport);
const persianFa = unwrap(persianFaImport);
const persianEn = unwrap(persianEnImport);

export interface JalaliDateInputProps {
  label: string;
  /** 'YYYY-MM-DD' (Gregorian, as the API speaks), or null when empty. */
  value: IsoDate | null;
  onChange: (value: IsoDate | null) => void;
  error?: string | undefined;
  description?: string | undefined;
  required?: boolean;
  testId?: string;
}

/**
 * A calendar date entered on the Persian (Jalali) calendar — Persian digits and month names in
 * Persian, transliterated in English — and handed over as an ISO date.
 */
export function JalaliDateInput({ label, value, onChange, error, description, required, testId }: JalaliDateInputProps) {
  const { language, dir } = useI18n();
  const id = useId();
  const jalali = value && isIsoDate(value) ? toJalali(value) : null;
  const picked = jalali ? new DateObject({ calendar: persian, year: jalali.year, month: jalali.month, day: jalali.day }) : null;
  return (
    <Input.Wrapper label={label} error={error} description={description} required={required} id={id}>
      <DatePicker
        id={id}
        value={picked}
        onChange={(d: DateObject | null) => {
          if (!d || !d.isValid) return onChange(null);
          try {
            onChange(fromJalali(d.year, d.month.number, d.day));
          } catch {
            onChange(null);
          }
        }}
        calendar={persian}
        locale={language === 'fa' ? persianFa : persianEn}
        format="YYYY/MM/DD"
        calendarPosition={dir === 'rtl' ? 'bottom-right' : 'bottom-left'}
        containerClassName={classes.container}
        inputClass={`${classes.input} ${error ? classes.invalid : ''}`}
        editable
        {...(testId ? { name: testId } : {})}
        {...(error ? { title: error } : {})}
      />
    </Input.Wrapper>
  );
}
