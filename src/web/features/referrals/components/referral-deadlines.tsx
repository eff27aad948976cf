import { Badge, Button, TextInput } from '@mantine/core';
import { useState } from 'react';
import { DEADLINE_DAYS } from '../../../../shared/contracts/referrals.js';
import { toAsciiDigits } from '../../../../shared/text.js';
import { isApiError } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { useReferralDeadlines, useSetReferralDeadlines } from '../hooks/use-referrals.js';
import { FormModal } from '../../../components/form-modal.js';

type Key = 'receiptDays' | 'decisionDays';
const KEYS: Key[] = ['receiptDays', 'decisionDays'];

/**
 * The province's deadlines for banks — days to acknowledge a referral, then to decide — shown to everyone who
 * follows referrals; the secretariat changes them here, and every open referral's clock follows.
 */
export function ReferralDeadlines({ canEdit }: { canEdit: boolean }) {
  const { t, digits } = useI18n();
  const current = useReferralDeadlines();
  const save = useSetReferralDeadlines();
  const [opened, setOpened] = useState(false);
  const [text, setText] = useState<Record<Key, string>>({ receiptDays: '', decisionDays: '' });
  const [errors, setErrors] = useState<Partial<Record<Key, string>>>({});
  if (!current.data) return null;
  const d = current.data;
  const open = () => {
    setText({ receiptDays: digits(d.receiptDays), decisionDays: digits(d.decisionDays) });
    setErrors({});
    setOpened(true);
  };
  const submit = () => {
    const parsed: Partial<Record<Key, number>> = {};
    const found: Partial<Record<Key, string>> = {};
    for (const k of KEYS) {
      const ascii = toAsciiDigits(text[k]).trim();
      const n = /^\d{1,3}$/.test(ascii) ? Number(ascii) : NaN;
      if (n >= DEADLINE_DAYS.min && n <= DEADLINE_DAYS.max) parsed[k] = n;
      else found[k] = t('referrals.deadlines.invalid', { min: digits(DEADLINE_DAYS.min), max: digits(DEADLINE_DAYS.max) });
    }
    setErrors(found);
    if (Object.keys(found).length) return;
    save.mutate(parsed as Record<Key, number>, {
      onSuccess: () => setOpened(false),
      onError: (e) => setErrors(isApiError(e) ? { receiptDays: e.fieldError('receiptDays') ?? e.title, decisionDays: e.fieldError('decisionDays') } : { receiptDays: t('common.errorTitle') }),
    });
  };
  return (
    <>
      <Badge size="lg" variant="light" color="gray" radius="sm" fw={500} data-testid="referral-deadlines">
        {t('referrals.deadlines.badge', { receipt: digits(d.receiptDays), decision: digits(d.decisionDays) })}
      </Badge>
      {canEdit ? (
        <Button variant="subtle" size="compact-sm" onClick={open} data-testid="referral-deadlines-open">
          {t('referrals.deadlines.change')}
        </Button>
      ) : null}
      <FormModal
        opened={opened}
        onClose={() => setOpened(false)}
        title={t('referrals.deadlines.title')}
        hint={t('referrals.deadlines.hint')}
        onSubmit={submit}
        saving={save.isPending}
        saveLabel={t('referrals.deadlines.save')}
        saveTestId="referral-deadlines-save"
      >
        {KEYS.map((k, i) => (
          <TextInput
            key={k}
            label={t(`referrals.deadlines.${k}`)}
            value={text[k]}
            onChange={(e) => setText({ ...text, [k]: e.currentTarget.value })}
            error={errors[k]}
            inputMode="numeric"
            data-autofocus={i === 0 ? true : undefined}
            data-testid={`referral-deadlines-${k}`}
          />
        ))}
      </FormModal>
    </>
  );
}
