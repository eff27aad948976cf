import { Button, Group, Popover, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { toAsciiDigits } from '../../../../shared/text.js';
import { PrinterIcon } from '../../../components/icons.js';
import { useI18n } from '../../../lib/i18n.js';
import { bankReportUrl, exportUrl, type StatsFilters, type StatsTable } from '../api/stats-api.js';
import { usePlannedSessions } from '../hooks/use-stats.js';
import type { StatsViewer } from './stats-format.js';
import { can } from '../../../lib/authorization.js';

/** The table as an Excel file, with the filters on screen. */
export function ExportButton({ table, filters }: { table: StatsTable; filters: StatsFilters }) {
  const { t } = useI18n();
  return (
    <Button component="a" href={exportUrl(table, filters)} download variant="default" data-testid={`export-${table}`}>
      {t('stats.export')}
    </Button>
  );
}

/**
 * «Print for the session»: the A4 bank report titled for a session of the working group, opened in a new tab
 * (the browser prints it). The next planned session's number is offered where the viewer may list sessions.
 */
export function PrintForSessionButton({ filters, viewer }: { filters: StatsFilters; viewer: StatsViewer }) {
  const { t, digits } = useI18n();
  const staff = can(viewer.role, 'GET /api/v1/sessions');
  const planned = usePlannedSessions(staff);
  const next = planned.data?.items[0];
  const [text, setText] = useState<string | null>(null);
  const value = text ?? (next ? digits(next.number) : '');
  const ascii = toAsciiDigits(value).trim();
  const number = /^\d{1,3}$/.test(ascii) && Number(ascii) >= 1 ? Number(ascii) : undefined;
  return (
    <Popover width={300} position="bottom-end" withArrow shadow="md" trapFocus>
      <Popover.Target>
        <Button variant="light" leftSection={<PrinterIcon size={16} />} data-testid="print-session">
          {t('stats.print.button')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <TextInput
            label={t('stats.print.sessionNumber')}
            description={next ? t('stats.print.nextPlanned', { number: next.number, year: digits(next.fiscalYear) }) : t('stats.print.optional')}
            value={value}
            onChange={(e) => setText(e.currentTarget.value)}
            inputMode="numeric"
            data-testid="print-session-number"
          />
          <Group justify="flex-end">
            <Button component="a" href={bankReportUrl(filters, number)} target="_blank" rel="noopener" size="xs" leftSection={<PrinterIcon size={14} />} data-testid="print-session-open">
              {t('stats.print.open')}
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            {t('stats.print.hint')}
          </Text>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
