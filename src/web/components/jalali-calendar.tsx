import { ActionIcon, Group, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useRef, useState, type KeyboardEvent } from 'react';
import { fromJalali, jalaliMonthLength, JALALI_MONTHS_EN, JALALI_MONTHS_FA, toJalali, type IsoDate } from '../../shared/jalali.js';
import { todayInTehran } from '../lib/dates.js';
import { useI18n } from '../lib/i18n.js';
import { ChevronIcon } from './icons.js';
import classes from './jalali-calendar.module.css';

const WEEKDAYS_FA = ['شنبه', 'یکشنبه', 'دوشنبه', 'سه‌شنبه', 'چهارشنبه', 'پنجشنبه', 'جمعه'];
const WEEKDAYS_EN = ['Saturday', 'Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

/** The column of a day in a week that starts on Saturday (0) and ends on Friday (6). */
function columnOf(iso: IsoDate): number {
  return (new Date(`${iso}T12:00:00Z`).getUTCDay() + 1) % 7;
}

function step(month: { year: number; month: number }, by: number): { year: number; month: number } {
  const index = month.year * 12 + (month.month - 1) + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/**
 * A month of the Persian calendar to pick a day from, as the date input's popup: a table whose weeks start on
 * Saturday, each day a button named by its full date («شنبه ۳۰ آبان ۱۴۰۵»), the chosen one pressed, today marked,
 * days outside [min, max] disabled. Arrow keys move between days (and into the next or previous month), Page Up and
 * Page Down change the month. Every control has a name a screen reader can say.
 */
export function JalaliCalendar({ value, min, max, onPick }: { value: IsoDate | null; min: IsoDate; max: IsoDate; onPick: (iso: IsoDate) => void }) {
  const { t, language, digits, dir } = useI18n();
  const today = todayInTehran();
  const start = toJalali(value ?? (today < min ? min : today > max ? max : today));
  const [shown, setShown] = useState({ year: start.year, month: start.month });
  const [focusDay, setFocusDay] = useState(start.day);
  const grid = useRef<HTMLTableElement>(null);
  const months = language === 'fa' ? JALALI_MONTHS_FA : JALALI_MONTHS_EN;
  const weekdays = language === 'fa' ? WEEKDAYS_FA : WEEKDAYS_EN;
  const length = jalaliMonthLength(shown.year, shown.month);
  const first = fromJalali(shown.year, shown.month, 1);
  const lead = columnOf(first);
  const title = `${months[shown.month - 1]} ${digits(shown.year)}`;
  const picked = value ? toJalali(value) : null;
  const firstOf = (m: { year: number; month: number }) => fromJalali(m.year, m.month, 1);
  const lastOf = (m: { year: number; month: number }) => fromJalali(m.year, m.month, jalaliMonthLength(m.year, m.month));
  const canGo = (by: number) => {
    const next = step(shown, by);
    return by < 0 ? lastOf(next) >= min : firstOf(next) <= max;
  };
  const go = (by: number, day?: number) => {
    if (!canGo(by)) return;
    const next = step(shown, by);
    setShown(next);
    setFocusDay(Math.min(day ?? focusDay, jalaliMonthLength(next.year, next.month)));
    // the new month draws first; then its day takes the focus
    requestAnimationFrame(() => grid.current?.querySelector<HTMLButtonElement>('button[tabindex="0"]')?.focus());
  };

  const weeks: (number | null)[][] = [];
  let week: (number | null)[] = Array.from({ length: lead }, () => null);
  for (let day = 1; day <= length; day++) {
    week.push(day);
    if (week.length === 7) {
      weeks.push(week);
      week = [];
    }
  }
  if (week.length) weeks.push([...week, ...Array.from({ length: 7 - week.length }, () => null)]);

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    // right and left follow the reading direction: in Persian the next day is to the left
    const forward = dir === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
    const back = dir === 'rtl' ? 'ArrowRight' : 'ArrowLeft';
    const moves: Record<string, number> = { [forward]: 1, [back]: -1, ArrowDown: 7, ArrowUp: -7 };
    if (e.key === 'PageDown' || e.key === 'PageUp') {
      e.preventDefault();
      go(e.key === 'PageDown' ? 1 : -1);
      return;
    }
    const by = moves[e.key];
    if (by === undefined) return;
    e.preventDefault();
    const target = focusDay + by;
    if (target < 1) {
      const prev = step(shown, -1);
      go(-1, jalaliMonthLength(prev.year, prev.month) + target);
    } else if (target > length) {
      go(1, target - length);
    } else {
      setFocusDay(target);
      requestAnimationFrame(() => grid.current?.querySelector<HTMLButtonElement>('button[tabindex="0"]')?.focus());
    }
  };

  return (
    <div className={classes.calendar} data-testid="jalali-calendar">
      <Group justify="space-between" wrap="nowrap" mb={6}>
        <ActionIcon variant="subtle" color="dark" onClick={() => go(-1)} disabled={!canGo(-1)} aria-label={t('date.previousMonth')} data-testid="calendar-previous">
          {/* the previous month lies behind the reading direction: to the right in Persian */}
          <ChevronIcon size={16} style={dir === 'rtl' ? undefined : { transform: 'scaleX(-1)' }} />
        </ActionIcon>
        <Text fw={600} size="sm" aria-live="polite" id={`${first}-title`} data-testid="calendar-title">
          {title}
        </Text>
        <ActionIcon variant="subtle" color="dark" onClick={() => go(1)} disabled={!canGo(1)} aria-label={t('date.nextMonth')} data-testid="calendar-next">
          <ChevronIcon size={16} style={dir === 'rtl' ? { transform: 'scaleX(-1)' } : undefined} />
        </ActionIcon>
      </Group>
      <table className={classes.grid} aria-labelledby={`${first}-title`} ref={grid} onKeyDown={onKeyDown}>
        <thead>
          <tr>
            {weekdays.map((name) => (
              <th key={name} scope="col" abbr={name} className={classes.weekday}>
                {/* one letter a day on screen; the full name for a screen reader */}
                <span aria-hidden="true">{language === 'fa' ? name.charAt(0) : name.slice(0, 2)}</span>
                <VisuallyHidden>{name}</VisuallyHidden>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((days, w) => (
            <tr key={w}>
              {days.map((day, c) => {
                if (day === null) return <td key={c} />;
                const iso = fromJalali(shown.year, shown.month, day);
                const out = iso < min || iso > max;
                const chosen = picked !== null && picked.year === shown.year && picked.month === shown.month && picked.day === day;
                return (
                  <td key={c}>
                    <UnstyledButton
                      className={classes.day}
                      data-chosen={chosen || undefined}
                      data-today={iso === today || undefined}
                      aria-label={`${weekdays[c]} ${digits(day)} ${months[shown.month - 1]} ${digits(shown.year)}`}
                      aria-pressed={chosen}
                      aria-current={iso === today ? 'date' : undefined}
                      disabled={out}
                      tabIndex={day === focusDay ? 0 : -1}
                      onFocus={() => setFocusDay(day)}
                      onClick={() => onPick(iso)}
                      data-date={iso}
                    >
                      {digits(day)}
                    </UnstyledButton>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
