import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type Page } from '../lib/api.js';
import { useI18n } from '../lib/i18n.js';

interface UnitOption {
  id: string;
  name: string;
  nationalId: string;
  countyName: string;
}

export interface UnitPickerProps {
  label: string;
  value: string | null;
  onChange: (unitId: string | null) => void;
  /** The chosen unit's name, shown before the search has loaded it. */
  initialName?: string | undefined;
  error?: string | undefined;
  required?: boolean;
  disabled?: boolean;
  testId?: string;
}

/** Pick an industrial unit by typing part of its name or national id (searched on the server). */
export function UnitPicker({ label, value, onChange, initialName, error, required, disabled, testId }: UnitPickerProps) {
  const { t, digits } = useI18n();
  const [search, setSearch] = useState('');
  const [chosenLabel, setChosenLabel] = useState<string | null>(null);
  // once a unit is chosen the box shows its label: that is not a search
  const [query] = useDebouncedValue(search === chosenLabel ? '' : search, 250);
  const units = useQuery({
    queryKey: ['units', 'picker', query],
    queryFn: ({ signal }) => api.get<Page<UnitOption>>('/units', { query: { q: query || undefined, pageSize: 20, sort: 'name' }, signal }),
    placeholderData: keepPreviousData,
  });
  const options = (units.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name} — ${u.countyName} (${digits(u.nationalId)})` }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: chosenLabel ?? initialName ?? value });
  return (
    <Select
      label={label}
      placeholder={t('common.search')}
      data={options}
      value={value}
      onChange={(v, option) => {
        setChosenLabel(v ? (option?.label ?? null) : null);
        onChange(v);
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // the server already filtered; keep its answer as it is
      filter={({ options: all }) => all}
      nothingFoundMessage={t('units.empty')}
      error={error}
      required={required}
      disabled={disabled}
      clearable={!required}
      data-testid={testId}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
