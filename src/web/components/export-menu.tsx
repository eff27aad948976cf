import { Button, Group, Menu, Text } from '@mantine/core';
import { useState } from 'react';
import { apiUrl, type QueryValue } from '../lib/api.js';
import { useI18n } from '../lib/i18n.js';

/**
 * «خروجی اکسل»: the list on screen as a file, with the filters on screen (`GET <path>?format=xlsx|csv&…`).
 * Fetched rather than linked, so a refusal (a list past the export's row limit) is read out in Persian
 * beside the button instead of being saved as a file.
 */
export function ExportMenu({ path, query, testId = 'list-export' }: { path: string; query: Record<string, QueryValue>; testId?: string }) {
  const { t, language } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const download = async (format: 'xlsx' | 'csv') => {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(apiUrl(path, { ...query, format }), { credentials: 'same-origin', headers: { 'accept-language': language } });
      if (!res.ok) {
        const problem = (await res.json().catch(() => null)) as { detail?: string; title?: string } | null;
        setError(problem?.detail ?? problem?.title ?? t('export.failed'));
        return;
      }
      const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `export.${format}`;
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      setError(t('export.failed'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Group gap="xs" wrap="nowrap">
      {error ? (
        <Text size="xs" c="red.8" maw={280} role="alert" data-testid={`${testId}-error`}>
          {error}
        </Text>
      ) : null}
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" loading={busy} data-testid={testId}>
            {t('export.button')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => void download('xlsx')} data-testid={`${testId}-xlsx`}>
            {t('export.xlsx')}
          </Menu.Item>
          <Menu.Item onClick={() => void download('csv')} data-testid={`${testId}-csv`}>
            {t('export.csv')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}
