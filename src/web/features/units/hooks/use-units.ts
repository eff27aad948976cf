import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchUnits, type UnitListParams } from '../api/units-api.js';

export function useUnits(params: UnitListParams) {
  return useQuery({
    queryKey: ['units', 'list', params],
    queryFn: ({ signal }) => fetchUnits(params, signal),
    // Keep the current page on screen while the next one loads.
    placeholderData: keepPreviousData,
  });
}
