import { SegmentedControl } from '@mantine/core';
import { useI18n, type Language } from '../lib/i18n.js';

const LANGUAGES: readonly Language[] = ['fa', 'en'];

function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/** fa/en switch; the choice is kept in localStorage by lib/i18n. */
export function LanguageSwitch({ size = 'xs' }: { size?: 'xs' | 'sm' }) {
  const { language, setLanguage, t } = useI18n();
  return (
    <SegmentedControl
      size={size}
      value={language}
      aria-label={t('header.language')}
      data-testid="language-switch"
      onChange={(value) => {
        if (isLanguage(value)) setLanguage(value);
      }}
      data={[
        { value: 'fa', label: <span lang="fa">{t('language.fa')}</span> },
        { value: 'en', label: <span lang="en">{t('language.en')}</span> },
      ]}
    />
  );
}
