import { Alert, Badge, Button, Code, Group, Image, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../../components/error-alert.js';
import { PageHeader } from '../../../components/page-header.js';
import { SecretValue } from '../../../components/secret-value.js';
import { useI18n } from '../../../lib/i18n.js';
import { accountFlagsOf } from '../account-gate.js';
import type { MfaEnrollResponse } from '../api/contracts.js';
import { asciiCode } from '../device-label.js';
import { useConfirmMfa, useDisableMfa, useEnrollMfa, useRefreshMe } from '../hooks/use-account.js';
import classes from './mfa-page.module.css';

/** The otpauth URL as a QR code image, drawn in the browser (nothing leaves it). */
function QrImage({ url, alt }: { url: string; alt: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(url, { margin: 1, width: 220, errorCorrectionLevel: 'M' })
      .then((data) => {
        if (live) setSrc(data);
      })
      .catch(() => {
        if (live) setSrc(null);
      });
    return () => {
      live = false;
    };
  }, [url]);
  return src ? <Image src={src} alt={alt} w={220} h={220} data-testid="mfa-qr" /> : <div style={{ width: 220, height: 220 }} />;
}

/** The secret in groups of four, easier to type into an app by hand. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

function CodeField({ value, onChange, error, testId }: { value: string; onChange: (v: string) => void; error?: string | undefined; testId: string }) {
  const { t } = useI18n();
  return (
    <TextInput
      label={t('account.mfa.code')}
      description={t('account.mfa.codeHint')}
      name="code"
      dir="ltr"
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={12}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      data-testid={testId}
      maw={260}
    />
  );
}

/** Enrol in, or turn off, the second factor (TOTP, RFC 6238) with its recovery codes. */
export function MfaPage({ me, onDone }: { me: object; onDone: () => void }) {
  const { t } = useI18n();
  const flags = accountFlagsOf(me);
  const enroll = useEnrollMfa();
  const confirm = useConfirmMfa();
  const disable = useDisableMfa();
  const refreshMe = useRefreshMe();
  const [pending, setPending] = useState<MfaEnrollResponse | null>(null);
  const [code, setCode] = useState('');
  const [codeMissing, setCodeMissing] = useState(false);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [disabled, setDisabled] = useState(false);

  const submitConfirm = () => {
    const typed = asciiCode(code);
    if (!typed) return setCodeMissing(true);
    confirm.mutate({ code: typed }, { onSuccess: (answer) => setRecoveryCodes(answer.recoveryCodes) });
  };
  const submitDisable = () => {
    const typed = asciiCode(code);
    if (!typed) return setCodeMissing(true);
    disable.mutate({ code: typed }, { onSuccess: () => { setDisabled(true); setCode(''); } });
  };
  const codeError = codeMissing && !code.trim() ? t('account.form.required') : undefined;

  // ── After confirming: the recovery codes, once ──
  if (recoveryCodes) {
    return (
      <>
        <PageHeader title={t('account.mfa.title')} />
        <Paper withBorder radius="md" p="lg" maw={640} className={classes.printable}>
          <Stack>
            <Alert color="teal" variant="light" title={t('account.mfa.enabled')} data-testid="mfa-enabled" />
            <Title order={2} fz="lg">
              {t('account.mfa.recovery.title')}
            </Title>
            <Text size="sm">{t('account.mfa.recovery.intro')}</Text>
            <SecretValue value={recoveryCodes.join('\n')} block warning={t('account.mfa.recovery.warning')} copyLabel={t('account.copy')} copiedLabel={t('account.copied')} testId="recovery-codes" />
            <Group justify="space-between" className={classes.noPrint}>
              <Button variant="default" onClick={() => window.print()} data-testid="recovery-codes-print">
                {t('account.mfa.recovery.print')}
              </Button>
              <Button
                onClick={() => {
                  void refreshMe().then(onDone);
                }}
                data-testid="recovery-codes-done"
              >
                {t('account.mfa.recovery.done')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      </>
    );
  }

  // ── Enrolled: it can be turned off with a current code ──
  if (flags.mfaEnrolled && !disabled) {
    return (
      <>
        <PageHeader title={t('account.mfa.title')} subtitle={t('account.mfa.subtitle')} actions={<Badge color="teal" variant="light" size="lg" radius="sm" data-testid="mfa-status">{t('account.mfa.status.on')}</Badge>} />
        <Paper withBorder radius="md" p="lg" maw={640}>
          <form onSubmit={(e) => { e.preventDefault(); submitDisable(); }}>
            <Stack>
              <Text size="sm">{t('account.mfa.disableIntro')}</Text>
              <ErrorAlert error={disable.error} />
              <CodeField value={code} onChange={setCode} error={codeError} testId="mfa-disable-code" />
              <Group>
                <Button type="submit" color="red" variant="light" loading={disable.isPending} data-testid="mfa-disable">
                  {t('account.mfa.disable')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      </>
    );
  }

  // ── Not enrolled: start, scan, confirm ──
  return (
    <>
      <PageHeader title={t('account.mfa.title')} subtitle={t('account.mfa.subtitle')} actions={<Badge color="gray" variant="light" size="lg" radius="sm" data-testid="mfa-status">{t('account.mfa.status.off')}</Badge>} />
      {flags.mfaEnrolmentRequired ? (
        <Alert color="yellow" variant="light" mb="md" title={t('account.mfa.required.title')} data-testid="mfa-required">
          {t('account.mfa.required.body')}
        </Alert>
      ) : null}
      {disabled ? (
        <Alert color="teal" variant="light" mb="md" data-testid="mfa-disabled">
          {t('account.mfa.disabledDone')}
        </Alert>
      ) : null}
      <Paper withBorder radius="md" p="lg" maw={720}>
        {!pending ? (
          <Stack>
            <Text size="sm">{t('account.mfa.intro')}</Text>
            <ErrorAlert error={enroll.error} />
            <Group>
              <Button onClick={() => enroll.mutate(undefined, { onSuccess: (answer) => { setPending(answer); setCode(''); confirm.reset(); } })} loading={enroll.isPending} data-testid="mfa-start">
                {t('account.mfa.start')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <form onSubmit={(e) => { e.preventDefault(); submitConfirm(); }}>
            <Stack>
              <Text size="sm" fw={600}>
                {t('account.mfa.step1')}
              </Text>
              <Group align="flex-start" gap="xl" wrap="wrap">
                <QrImage url={pending.otpauthUrl} alt={t('account.mfa.qrAlt')} />
                <Stack gap={6} maw={360}>
                  <Text size="sm">{t('account.mfa.manual')}</Text>
                  <Code dir="ltr" fz="md" p="sm" data-testid="mfa-secret" data-secret={pending.secret} style={{ wordBreak: 'break-all', userSelect: 'all' }}>
                    {grouped(pending.secret)}
                  </Code>
                  <Text size="xs" c="dimmed">
                    {t('account.mfa.manualHint')}
                  </Text>
                </Stack>
              </Group>
              <Text size="sm" fw={600}>
                {t('account.mfa.step2')}
              </Text>
              <ErrorAlert error={confirm.error} />
              <CodeField value={code} onChange={setCode} error={codeError} testId="mfa-confirm-code" />
              <Group>
                <Button type="submit" loading={confirm.isPending} data-testid="mfa-confirm">
                  {t('account.mfa.confirm')}
                </Button>
                <Button variant="subtle" onClick={() => { setPending(null); confirm.reset(); }}>
                  {t('account.mfa.cancel')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Paper>
    </>
  );
}
