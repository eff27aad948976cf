import {
  Alert,
  Box,
  Button,
  Center,
  Divider,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Tabs,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link } from '@tanstack/react-router';
import { Anchor } from '@mantine/core';
import { OtpLoginForm } from './otp-login-form.js';
import { BrandMark } from '../../../components/brand-mark.js';
import { AlertIcon, UserIcon } from '../../../components/icons.js';
import { LanguageSwitch } from '../../../components/language-switch.js';
import { isApiError } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import type { DemoAccount, Me } from '../api/auth-api.js';
import { useLogin } from '../hooks/use-session.js';
import { useMeta } from '../hooks/use-meta.js';
import classes from './login-page.module.css';
import { toAsciiDigits } from '../../../../shared/text.js';

const MFA_REQUIRED = 'auth.mfa_required';

/** A code typed on a Persian keyboard arrives in Persian digits; the server reads ASCII. */
function asciiDigits(typed: string): string {
  return toAsciiDigits(typed).replace(/\s+/g, '');
}

export function LoginPage({ onLoggedIn }: { onLoggedIn: (user: Me) => void }) {
  const { t, digits, roleLabel } = useI18n();
  const meta = useMeta();
  const loginMutation = useLogin(onLoggedIn);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [showRequired, setShowRequired] = useState(false);
  // The second step, when the account has a second factor (the server answers 401 auth.mfa_required).
  const [otp, setOtp] = useState('');
  const [askOtp, setAskOtp] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!username.trim() || !password) {
      setShowRequired(true);
      return;
    }
    if (askOtp) {
      const code = asciiDigits(otp);
      if (!code) {
        setShowRequired(true);
        return;
      }
      loginMutation.mutate({ username: username.trim(), password, otp: code });
      return;
    }
    loginMutation.mutate(
      { username: username.trim(), password },
      { onError: (failure) => { if (isApiError(failure) && failure.code === MFA_REQUIRED) setAskOtp(true); } },
    );
  };

  const backToPassword = () => {
    setAskOtp(false);
    setOtp('');
    setShowRequired(false);
    loginMutation.reset();
  };

  const fillDemo = (account: DemoAccount) => {
    setUsername(account.username);
    setPassword(account.password ?? '');
    setShowRequired(false);
    setAskOtp(false);
    setOtp('');
    loginMutation.reset();
  };

  // Being asked for the code is the next step, not a failure.
  const error = isApiError(loginMutation.error) && loginMutation.error.code === MFA_REQUIRED ? null : loginMutation.error;
  const fieldError = (path: 'username' | 'password'): string | undefined => {
    if (isApiError(error)) {
      const message = error.fieldError(path);
      if (message) return message;
    }
    const value = path === 'username' ? username.trim() : password;
    return showRequired && !value ? t('login.required') : undefined;
  };

  const demoAccounts = meta.data?.demo ? meta.data.demoAccounts : [];

  return (
    <Box className={classes.page}>
      <Group justify="space-between" className={classes.topBar}>
        <Group gap="sm" wrap="nowrap">
          <BrandMark size={32} />
          <Text fw={600} c="white">
            {t('app.org')}
          </Text>
        </Group>
        <LanguageSwitch />
      </Group>

      <Center className={classes.center}>
        <Stack gap="md" w="100%" maw={440}>
          <Paper withBorder shadow="md" radius="md" p={32}>
            <Stack gap={6} align="center" mb="lg">
              <BrandMark size={56} />
              <Title order={1} fz={22} ta="center" mt="xs">
                {t('app.name')}
              </Title>
              <Text size="sm" c="dimmed" ta="center">
                {t('login.subtitle')}
              </Text>
            </Stack>

            <Tabs defaultValue="password" keepMounted={false}>
              <Tabs.List grow mb="md">
                <Tabs.Tab value="password">{t('producers.tabPassword')}</Tabs.Tab>
                <Tabs.Tab value="code" data-testid="tab-otp">{t('producers.tabCode')}</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="code">
                <OtpLoginForm onLoggedIn={onLoggedIn} />
              </Tabs.Panel>
              <Tabs.Panel value="password">
            <form onSubmit={submit} noValidate>
              <Stack gap="md">
                {isApiError(error) || (error && !isApiError(error)) ? (
                  <Alert color="red" variant="light" icon={<AlertIcon />} title={t('login.failed')} data-testid="login-error">
                    {isApiError(error) ? (error.detail ?? error.title) : t('error.network')}
                  </Alert>
                ) : null}
                {askOtp ? (
                  <>
                    <Text size="sm" data-testid="login-otp-step">
                      {t('account.login.otpIntro')}
                    </Text>
                    <TextInput
                      label={t('account.login.otp')}
                      description={t('account.login.otpHint')}
                      name="otp"
                      autoComplete="one-time-code"
                      autoFocus
                      dir="ltr"
                      maxLength={64}
                      value={otp}
                      onChange={(event) => setOtp(event.currentTarget.value)}
                      error={showRequired && !otp.trim() ? t('login.required') : undefined}
                      classNames={{ input: classes.ltrInput }}
                    />
                    <Button type="submit" size="md" fullWidth loading={loginMutation.isPending} mt="xs" data-testid="login-otp-submit">
                      {t('account.login.otpSubmit')}
                    </Button>
                    <Button variant="subtle" size="sm" onClick={backToPassword} data-testid="login-otp-back">
                      {t('account.login.otpBack')}
                    </Button>
                  </>
                ) : (
                  <>
                  <TextInput
                    label={t('login.username')}
                    name="username"
                    autoComplete="username"
                    autoFocus
                    dir="ltr"
                    value={username}
                    onChange={(event) => setUsername(event.currentTarget.value)}
                    error={fieldError('username')}
                    classNames={{ input: classes.ltrInput }}
                  />
                  <PasswordInput
                    label={t('login.password')}
                    name="password"
                    autoComplete="current-password"
                    dir="ltr"
                    value={password}
                    onChange={(event) => setPassword(event.currentTarget.value)}
                    error={fieldError('password')}
                    visibilityToggleButtonProps={{ 'aria-label': t('login.togglePassword') }}
                    classNames={{ input: classes.ltrInput }}
                  />
                  <Button type="submit" size="md" fullWidth loading={loginMutation.isPending} mt="xs">
                    {t('login.submit')}
                  </Button>
                  </>
                )}
              </Stack>
            </form>
              </Tabs.Panel>
            </Tabs>
            <Anchor component={Link} to="/register" size="sm" display="block" ta="center" mt="md" data-testid="register-link">
              {t('producers.registerLink')}
            </Anchor>
          </Paper>

          {demoAccounts.length > 0 ? (
            <Paper withBorder radius="md" p="md" data-testid="demo-accounts">
              <Text fw={600} size="sm" mb={4}>
                {t('login.demoTitle')}
              </Text>
              <Text size="xs" c="dimmed" mb="sm">
                {t('login.demoHint')}
              </Text>
              <Divider mb={4} />
              <Stack gap={2}>
                {demoAccounts.map((account) => (
                  <UnstyledButton
                    key={account.username}
                    className={classes.demoAccount}
                    onClick={() => fillDemo(account)}
                    aria-label={t('login.demoFill', { role: roleLabel(account.role) })}
                    data-username={account.username}
                  >
                    <Group justify="space-between" wrap="nowrap" gap="sm">
                      <Group gap="xs" wrap="nowrap">
                        <UserIcon size={16} />
                        <Text size="sm">{roleLabel(account.role)}</Text>
                      </Group>
                      <Text size="sm" c="dimmed" dir="ltr" ff="monospace">
                        {account.username}
                      </Text>
                    </Group>
                  </UnstyledButton>
                ))}
              </Stack>
            </Paper>
          ) : null}

          <Text size="xs" c="dimmed" ta="center">
            {t('login.footer')}
            {meta.data ? ` ${t('login.version', { version: digits(meta.data.version) })}` : null}
          </Text>
        </Stack>
      </Center>
    </Box>
  );
}
