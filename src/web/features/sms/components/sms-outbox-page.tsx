import { ListBody } from '../../../components/list-page.js';
import { Badge, Group, Select, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { type Column } from '../../../components/list-table.js';
import { PageHeader } from '../../../components/page-header.js';
import { formatJalaliDateTime } from '../../../../shared/jalali.js';
import { normalizeMobile } from '../../../../shared/mobile.js';
import { SMS_STATUSES } from '../../../../shared/contracts/sms.js';
import { useI18n, type MessageKey } from '../../../lib/i18n.js';
import type { SmsMessage, SmsStatus } from '../api/sms-api.js';
import { useSmsOutbox } from '../hooks/use-sms-outbox.js';

const PAGE_SIZE = 50;

const STATUS_COLOR: Record<SmsStatus, string> = { queued: 'gray', sending: 'blue', sent: 'brand', delivered: 'green', failed: 'red' };

/** The SMS outbox (administrators): what went out, or is waiting, and what the centre said. */
export function SmsOutboxPage({ page, onPageChange }: { page: number; onPageChange: (page: number) => void }) {
  const { t, language } = useI18n();
  const [mobileInput, setMobileInput] = useState('');
  const [status, setStatus] = useState<SmsStatus | null>(null);
  const mobile = normalizeMobile(mobileInput);
  const outbox = useSmsOutbox({ page, pageSize: PAGE_SIZE, ...(mobile ? { mobile } : {}), ...(status ? { status } : {}) });
  const statusLabel = (s: SmsStatus) => t(`sms.status.${s}` as MessageKey);

  const columns: Column<SmsMessage>[] = [
    {
      key: 'queuedAt',
      header: t('sms.col.queuedAt'),
      width: 150,
      render: (m) => (
        <Text size="xs" className="tabular">
          {formatJalaliDateTime(new Date(m.queuedAt), language === 'fa' ? 'fa' : 'latn')}
        </Text>
      ),
    },
    {
      key: 'mobile',
      header: t('sms.col.mobile'),
      width: 130,
      render: (m) => (
        <Text size="sm" dir="ltr" span ff="monospace">
          {m.mobile}
        </Text>
      ),
    },
    {
      key: 'text',
      header: t('sms.col.text'),
      render: (m) => (
        <Text size="sm" style={{ whiteSpace: 'pre-line' }} dir="auto" data-testid="sms-text">
          {m.text}
        </Text>
      ),
    },
    {
      key: 'status',
      header: t('sms.col.status'),
      width: 170,
      render: (m) => (
        <Group gap={4}>
          <Badge color={STATUS_COLOR[m.status]} variant="light" radius="sm" fw={500}>
            {statusLabel(m.status)}
          </Badge>
          {m.attempts > 1 ? (
            <Text size="xs" c="dimmed">
              {t('sms.attempts', { count: m.attempts })}
            </Text>
          ) : null}
          {m.lastError ? (
            <Text size="xs" c="red.7" dir="ltr">
              {m.lastError}
            </Text>
          ) : null}
        </Group>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('sms.title')} subtitle={t('sms.subtitle')} />
      <Group mb="md" align="flex-end">
        <TextInput
          label={t('sms.filter.mobile')}
          placeholder="09121234567"
          value={mobileInput}
          onChange={(e) => {
            setMobileInput(e.currentTarget.value);
            onPageChange(1);
          }}
          error={mobileInput.trim() && !mobile ? t('sms.filter.badMobile') : undefined}
          dir="ltr"
          w={200}
        />
        <Select
          label={t('sms.filter.status')}
          placeholder={t('sms.filter.all')}
          data={SMS_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
          value={status}
          onChange={(v) => {
            setStatus((v as SmsStatus | null) ?? null);
            onPageChange(1);
          }}
          clearable
          w={180}
        />
      </Group>
      <ListBody query={outbox} testId="sms-outbox" caption={t('sms.title')} columns={columns} rowKey={(m) => m.id} emptyText={t('sms.empty')} page={page} pageSize={PAGE_SIZE} onPageChange={onPageChange} />
    </>
  );
}
