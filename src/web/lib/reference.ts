import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { categoryItem, referenceItem } from '../../shared/contracts/reference.js';
import { api } from './api.js';

/** A reference-list item (`GET /api/v1/<kind>`). */
export type ReferenceItem = z.infer<typeof referenceItem>;
export type ObstacleCategory = z.infer<typeof categoryItem>;

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
