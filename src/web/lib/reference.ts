import type { ComboboxItem, OptionsFilter } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { z } from 'zod';
import type { agencyItem, categoryItem, referenceItem } from '../../shared/contracts/reference.js';
import { searchKey } from '../../shared/text.js';
import { api } from './api.js';
import { useLanguage } from './i18n.js';

/** A reference-list item (`GET /api/v1/<kind>`). */
export type ReferenceItem = z.infer<typeof referenceItem>;
export type ObstacleCategory = z.infer<typeof categoryItem>;
export type AgencyItem = z.infer<typeof agencyItem>;

export type ReferenceKind = 'counties' | 'estates' | 'sectors' | 'agencies' | 'banks' | 'programs' | 'obstacle-categories' | 'rejection-reasons';

/** A reference list; it changes rarely, so it is kept for the session. */
export function useReferenceList<T extends ReferenceItem = ReferenceItem>(kind: ReferenceKind) {
  return useQuery({
    queryKey: ['reference', kind],
    queryFn: ({ signal }) => api.get<{ items: T[] }>(`/${kind}`, { signal }).then((r) => r.items),
    staleTime: Infinity,
  });
}

/** A reference item's name in the current language. */
export function referenceName(item: Pick<ReferenceItem, 'name' | 'nameEn'>, language: 'fa' | 'en'): string {
  return language === 'en' ? item.nameEn : item.name;
}

/** The words an agency is found by: its names, its short names (صمت، تعزیرات…) and its code, each a search key. */
export function agencySearchKeys(a: Pick<AgencyItem, 'code' | 'name' | 'nameEn' | 'aliases'>): string[] {
  return [a.name, a.nameEn, a.code, ...(a.aliases ?? [])].map(searchKey).filter(Boolean);
}

/**
 * Every agency picker's options and search: typing «صمت» finds «سازمان صنعت، معدن و تجارت استان», «تعزیرات» the
 * Ta'zirat office, Arabic ي/ك and missing half-spaces alike. Pass `data` and `filter` to a Select or MultiSelect.
 */
export function useAgencyOptions() {
  const language = useLanguage();
  const agencies = useReferenceList<AgencyItem>('agencies');
  return useMemo(() => {
    const items = agencies.data ?? [];
    const keys = new Map(items.map((a) => [a.code, agencySearchKeys(a)]));
    const data: ComboboxItem[] = items.map((a) => ({ value: a.code, label: referenceName(a, language) }));
    const filter: OptionsFilter = ({ options, search, limit }) => {
      const q = searchKey(search);
      const found = q ? options.filter((o) => 'value' in o && (keys.get(o.value) ?? []).some((k) => k.includes(q))) : options;
      return found.slice(0, limit);
    };
    return { data, filter, items, isLoading: agencies.isLoading };
  }, [agencies.data, agencies.isLoading, language]);
}
