/** What the field screens download before going out: the caller's planned visits with their field kits, and the lists the forms need. */
import type { VisitListItem } from '../../../../shared/contracts/visits.js';
import { api, type Page } from '../../../lib/api.js';
import type { ObstacleCategory, ReferenceItem } from '../../../lib/reference.js';
import type { FieldReference } from '../types.js';

export function fetchMyPlannedVisits(signal?: AbortSignal): Promise<Page<VisitListItem>> {
  return api.get<Page<VisitListItem>>('/visits', {
    query: { memberId: 'me', status: 'planned', include: 'field', sort: 'visitDate', pageSize: 200 },
    ...(signal ? { signal } : {}),
  });
}

export async function fetchFieldReference(signal?: AbortSignal): Promise<FieldReference> {
  const opts = signal ? { signal } : {};
  const [categories, agencies] = await Promise.all([
    api.get<{ items: ObstacleCategory[] }>('/obstacle-categories', opts),
    api.get<{ items: ReferenceItem[] }>('/agencies', opts),
  ]);
  return { categories: categories.items, agencies: agencies.items };
}
