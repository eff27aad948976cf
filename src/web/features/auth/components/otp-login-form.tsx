import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { AlertIcon } from '../../../components/icons.js';
import { isApiError } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import type { Me } from '../../../../shared/contracts/auth.js';
import { meQueryKey } from '../hooks/use-session.js';
import { otpLogin, requestOtp } from '../api/producer-auth-api.js';

/** Sign-in by mobile and a one-time code (producers): a tab of the login page. */
export function OtpLoginForm({ onLoggedIn }: { onLoggedIn: (user: Me) => void }) {
  const { t, digits } = useI18n();
  const queryClient = useQueryClient();
  const [mobile, setMobile] = useState('');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState(false);
  const send = useMutation({ mutationFn: () => requestOtp(mobile, 'login'), onSuccess: () => setSent(true) });
  const login = useMutation({
    mutationFn: () => otpLogin(mobile, code),
    onSuccess: (user) => {
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, user);
      onLoggedIn(user);
    },
  });
  const error = send.error ?? login.error;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!sent) send.mutate();
    else login.mutate();
  };
  return (
    <form onSubmit={submit} noValidate data-testid="otp-login">
      <Stack gap="md">
        {error ? (
          <Alert color="red" variant="light" icon={<AlertIcon />} title={t('producers.loginFailed')}>
            {isApiError(error) ? (error.detail ?? error.title) : t('error.network')}
          </Alert>
        ) : null}
        <TextInput
          label={t('producers.mobile')}
          description={t('producers.mobileHint')}
          name="mobile"
          dir="ltr"
          inputMode="tel"
          autoComplete="tel"
          value={mobile}
          onChange={(e) => setMobile(e.currentTarget.value)}
          error={isApiError(send.error) ? send.error.fieldError('mobile') : undefined}
        />
        {sent ? (
          <>
            <Text size="sm" c="dimmed">
              {t('producers.codeSent', { mobile: digits(mobile) })}
            </Text>
            <TextInput label={t('producers.code')} name="code" dir="ltr" inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.currentTarget.value)} />
          </>
        ) : null}
        <Button type="submit" size="md" fullWidth loading={send.isPending || login.isPending}>
          {sent ? t('producers.signIn') : t('producers.sendCode')}
        </Button>
      </Stack>
    </form>
  );
}
