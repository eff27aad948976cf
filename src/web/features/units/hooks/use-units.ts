import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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

export function useUnits(params: UnitListParams) {
  return useQuery({
    queryKey: ['units', 'list', params],
    queryFn: ({ signal }) => fetchUnits(params, signal),
    // Keep the current page on screen while the next one loads.
    placeholderData: keepPreviousData,
  });
}

export function useUnit(id: string) {
  return useQuery({ queryKey: ['units', 'one', id], queryFn: ({ signal }) => fetchUnit(id, signal) });
}

export function useUnitTimeline(id: string) {
  return useQuery({ queryKey: ['units', 'timeline', id], queryFn: ({ signal }) => fetchUnitTimeline(id, signal) });
}

export function useCreateUnit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UnitInput) => createUnit(body),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['units'] }),
  });
}

export function useUpdateUnit(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<UnitInput> & { version: number }) => updateUnit(id, body),
    onSuccess: (unit) => {
      client.setQueryData(['units', 'one', id], unit);
      void client.invalidateQueries({ queryKey: ['units'] });
    },
  });
}

/** Counties, estates and sectors: reference data, fetched once per session. */
export function useUnitReference() {
  const counties = useQuery({ queryKey: ['reference', 'counties'], queryFn: fetchCounties, staleTime: Infinity });
  const estates = useQuery({ queryKey: ['reference', 'estates'], queryFn: fetchEstates, staleTime: Infinity });
  const sectors = useQuery({ queryKey: ['reference', 'sectors'], queryFn: fetchSectors, staleTime: Infinity });
  return { counties: counties.data?.items ?? [], estates: estates.data?.items ?? [], sectors: sectors.data?.items ?? [] };
}
