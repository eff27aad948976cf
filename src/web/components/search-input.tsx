import { TextInput, type TextInputProps } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useRouter } from '@tanstack/react-router';
import { useState } from 'react';
import { useI18n } from '../lib/i18n.js';
import { SearchIcon } from './icons.js';

export interface SearchInputProps extends Omit<TextInputProps, 'value' | 'onChange' | 'type'> {
  /** the search as the URL has it */
  value: string;
  /** called with the trimmed text once the user pauses typing */
  onSearch: (q: string) => void;
  delay?: number;
  testId?: string;
}

/**
 * A list page's search box: typing shows at once, the URL follows after a pause, and a new URL (back, a link)
 * replaces what is typed. A search still waiting when the user opens a record (a link clicked during the pause)
 * is dropped: the record's page, not the list, is where they are going.
 */
export function SearchInput({ value, onSearch, delay = 350, testId, ...rest }: SearchInputProps) {
  const { t } = useI18n();
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    // the URL changed under the box: show what it says (React's "adjusting state when a prop changes")
    setShown(value);
    setText(value);
  }
  const router = useRouter();
  const push = useDebouncedCallback((next: string, typedAt: string) => {
    if (router.state.location.pathname === typedAt) onSearch(next.trim());
  }, delay);
  return (
    <TextInput
      type="search"
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        push(e.currentTarget.value, router.state.location.pathname);
      }}
      aria-label={t('common.search')}
      leftSection={<SearchIcon size={16} />}
      data-testid={testId}
      {...rest}
    />
  );
}
