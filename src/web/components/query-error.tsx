import { Alert, Button, Group, Text } from '@mantine/core';
import { isApiError } from '../lib/api.js';
import { useI18n } from '../lib/i18n.js';
import { AlertIcon } from './icons.js';

/** A failed query, with the server's own (translated) words and a retry. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const title = isApiError(error) ? error.title : t('common.errorTitle');
  const detail = isApiError(error) && error.detail && error.detail !== error.title ? error.detail : null;
  return (
    <Alert color="red" variant="light" title={title} icon={<AlertIcon />} role="alert">
      <Group justify="space-between" align="center" gap="sm">
        <Text size="sm">{detail ?? t('common.errorTitle')}</Text>
        {onRetry ? (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : null}
      </Group>
    </Alert>
  );
}
