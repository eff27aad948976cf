import { useQuery } from '@tanstack/react-query';
import { useListQuery, useRecordChange, useRecordQuery } from '../../../lib/list-queries.js';
import {
  createUnit,
  fetchCounties,
  fetchEstates,
  fetchSectors,
  fetchUnit,
  fetchUnits,
  fetchUnitTimeline,
  updateUnit,
  type UnitInput,
  type UnitListParams,
} from '../api/units-api.js';

export const useUnits = (params: UnitListParams) => useListQuery('units', params, fetchUnits);
export const useUnit = (id: string) => useRecordQuery('units', id, fetchUnit);

export function useUnitTimeline(id: string) {
  return useQuery({ queryKey: ['units', 'timeline', id], queryFn: ({ signal }) => fetchUnitTimeline(id, signal) });
}

export const useCreateUnit = () => useRecordChange(createUnit, { invalidate: () => [['units']] });
export const useUpdateUnit = (id: string) =>
  useRecordChange((body: Partial<UnitInput> & { version: number }) => updateUnit(id, body), { store: () => ['units', 'one', id], invalidate: () => [['units']] });

/** Counties, estates and sectors: reference data, fetched once per session. */
export function useUnitReference() {
  const counties = useQuery({ queryKey: ['reference', 'counties'], queryFn: fetchCounties, staleTime: Infinity });
  const estates = useQuery({ queryKey: ['reference', 'estates'], queryFn: fetchEstates, staleTime: Infinity });
  const sectors = useQuery({ queryKey: ['reference', 'sectors'], queryFn: fetchSectors, staleTime: Infinity });
  return { counties: counties.data?.items ?? [], estates: estates.data?.items ?? [], sectors: sectors.data?.items ?? [] };
}
