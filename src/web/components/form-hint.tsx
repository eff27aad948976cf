import { Text } from '@mantine/core';
import { useI18n } from '../lib/i18n.js';

/**
 * Beside a form's submit button while it is disabled: which fields still need filling, and which hold what is not
 * right (a date that is no date) — so nobody is left guessing why the button does not answer.
 */
export function FormHint({ missing, invalid = [], testId = 'form-hint' }: { missing: readonly string[]; invalid?: readonly string[]; testId?: string }) {
  const { t, language } = useI18n();
  if (!missing.length && !invalid.length) return null;
  const list = (fields: readonly string[]) => fields.join(language === 'fa' ? '، ' : ', ');
  return (
    <Text size="sm" c={invalid.length ? 'red.8' : 'dimmed'} role="status" data-testid={testId}>
      {missing.length ? t('form.missing', { fields: list(missing) }) : null}
      {missing.length && invalid.length ? ' ' : null}
      {invalid.length ? t('form.invalid', { fields: list(invalid) }) : null}
    </Text>
  );
}
