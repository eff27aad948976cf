import { Center, Skeleton } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useLanguage } from '../../../lib/i18n.js';

/**
 * A map coloured by one figure: Iran's provinces (outlines shipped in ../maps) or a province's counties (a
 * schematic of tiles). The map code and its data are their own chunk, loaded when a map is first shown.
 */
export interface MapRegion {
  /** the province code or county id (the map's region name) */
  id: string;
  name: string;
  value: number | null;
  /** the value as the page prints it («۱۲٬۳۴۵٫۶») */
  display: string;
}

export interface RegionMapProps {
  kind: 'iran' | 'counties';
  regions: readonly MapRegion[];
  /** the region the page is filtered to: outlined */
  selectedId?: string | undefined;
  onSelect?: ((id: string) => void) | undefined;
  height: number;
  /** what the map shows, for a screen reader and the legend («مطالبات معوق») */
  label: string;
  testId?: string;
}

const MapImpl = lazy(() => import('./region-map-impl.js'));

export function RegionMap(props: RegionMapProps) {
  const language = useLanguage();
  return (
    <Suspense
      fallback={
        <Center h={props.height}>
          <Skeleton height={props.height - 16} radius="md" />
        </Center>
      }
    >
      <MapImpl {...props} language={language} />
    </Suspense>
  );
}
