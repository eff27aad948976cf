import { Alert, Button, Group, Paper, PasswordInput, Stack } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/error-alert.js';
import { PageHeader } from '../../../components/page-header.js';
import { isApiError } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { accountFlagsOf } from '../account-gate.js';
import { useChangePassword } from '../hooks/use-account.js';

const MIN_LENGTH = 10;

/** Change one's own password; the page a temporary password leads to. */
export function PasswordPage({ me, onDone }: { me: object; onDone: () => void }) {
  const { t } = useI18n();
  const forced = accountFlagsOf(me).mustChangePassword;
  const change = useChangePassword();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [repeat, setRepeat] = useState('');
  const [checked, setChecked] = useState(false);
  const [done, setDone] = useState(false);

  const localError = (field: 'current' | 'new' | 'repeat'): string | undefined => {
    if (!checked) return undefined;
    if (field === 'current') return currentPassword ? undefined : t('account.form.required');
    if (field === 'new') return newPassword.length >= MIN_LENGTH ? (newPassword === currentPassword ? t('account.password.same') : undefined) : t('account.password.tooShort');
    return repeat === newPassword ? undefined : t('account.password.mismatch');
  };
  const serverError = (path: string) => (isApiError(change.error) ? change.error.fieldError(path) : undefined);

  const submit = () => {
    setChecked(true);
    if (!currentPassword || newPassword.length < MIN_LENGTH || newPassword === currentPassword || repeat !== newPassword) return;
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setDone(true);
          setCurrent('');
          setNew('');
          setRepeat('');
          setChecked(false);
          onDone();
        },
      },
    );
  };

  const toggle = { 'aria-label': t('account.password.toggle') };
  return (
    <>
      <PageHeader title={t('account.password.title')} subtitle={t('account.password.subtitle')} />
      {forced ? (
        <Alert color="yellow" variant="light" mb="md" title={t('account.password.forced.title')} data-testid="password-forced">
          {t('account.password.forced.body')}
        </Alert>
      ) : null}
      {done ? (
        <Alert color="teal" variant="light" mb="md" data-testid="password-changed">
          {t('account.password.done')}
        </Alert>
      ) : null}
      <Paper withBorder radius="md" p="lg" maw={520}>
        <form onSubmit={(e) => { e.preventDefault(); submit(); }} noValidate>
          <Stack>
            <ErrorAlert error={isApiError(change.error) && change.error.fieldErrors.length > 0 ? null : change.error} />
            <PasswordInput label={t('account.password.current')} name="currentPassword" autoComplete="current-password" dir="ltr" value={currentPassword} onChange={(e) => setCurrent(e.currentTarget.value)} error={serverError('currentPassword') ?? localError('current')} visibilityToggleButtonProps={toggle} data-testid="password-current" />
            <PasswordInput label={t('account.password.new')} description={t('account.password.newHint')} name="newPassword" autoComplete="new-password" dir="ltr" value={newPassword} onChange={(e) => setNew(e.currentTarget.value)} error={serverError('newPassword') ?? localError('new')} visibilityToggleButtonProps={toggle} data-testid="password-new" />
            <PasswordInput label={t('account.password.repeat')} name="repeatPassword" autoComplete="new-password" dir="ltr" value={repeat} onChange={(e) => setRepeat(e.currentTarget.value)} error={localError('repeat')} visibilityToggleButtonProps={toggle} data-testid="password-repeat" />
            <Group>
              <Button type="submit" loading={change.isPending} data-testid="password-submit">
                {t('account.password.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
