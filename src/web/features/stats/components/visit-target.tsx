import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { toAsciiDigits } from '../../../../shared/text.js';
import { isApiError } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { useSetVisitTarget } from '../hooks/use-stats.js';

/** The secretariat sets how many field visits the year should see (the governor asked for 50+). */
export function VisitTargetButton({ fiscalYear, current }: { fiscalYear: number; current: number | null }) {
  const { t, digits } = useI18n();
  const [opened, setOpened] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = useSetVisitTarget();
  const open = () => {
    setText(current === null ? '' : digits(current));
    setError(null);
    setOpened(true);
  };
  const submit = () => {
    const ascii = toAsciiDigits(text).replace(/[,\s٬]/g, '');
    if (!/^\d{1,6}$/.test(ascii)) return setError(t('stats.visitTarget.invalid'));
    save.mutate(
      { fiscalYear, target: Number(ascii) },
      {
        onSuccess: () => setOpened(false),
        onError: (e) => setError(isApiError(e) ? (e.fieldError('target') ?? e.title) : t('common.errorTitle')),
      },
    );
  };
  return (
    <>
      <Button variant="subtle" size="compact-xs" onClick={open} data-testid="visit-target-open" style={{ alignSelf: 'flex-start' }}>
        {current === null ? t('stats.visitTarget.set') : t('stats.visitTarget.change')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('stats.visitTarget.title', { year: digits(fiscalYear) })} centered>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Stack>
            <Text size="sm" c="dimmed">
              {t('stats.visitTarget.hint')}
            </Text>
            <TextInput label={t('stats.visitTarget.label')} value={text} onChange={(e) => setText(e.currentTarget.value)} error={error} inputMode="numeric" data-autofocus data-testid="visit-target-input" />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpened(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending} data-testid="visit-target-save">
                {t('stats.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
