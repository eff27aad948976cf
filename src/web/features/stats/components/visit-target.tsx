import { Button, TextInput } from '@mantine/core';
import { useState } from 'react';
import { toAsciiDigits } from '../../../../shared/text.js';
import { isApiError } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { useSetVisitTarget } from '../hooks/use-stats.js';
import { FormModal } from '../../../components/form-modal.js';

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
      <FormModal
        opened={opened}
        onClose={() => setOpened(false)}
        title={t('stats.visitTarget.title', { year: digits(fiscalYear) })}
        hint={t('stats.visitTarget.hint')}
        onSubmit={submit}
        saving={save.isPending}
        saveLabel={t('stats.save')}
        saveTestId="visit-target-save"
      >
        <TextInput label={t('stats.visitTarget.label')} value={text} onChange={(e) => setText(e.currentTarget.value)} error={error} inputMode="numeric" data-autofocus data-testid="visit-target-input" />
      </FormModal>
    </>
  );
}
