import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { periodLabel } from '../../../../shared/periods.js';
import { PageHeader } from '../../../components/page-header.js';
import { QueryError } from '../../../components/query-error.js';
import { useI18n, type MessageKey } from '../../../lib/i18n.js';
import { DrillProvider } from './drilldown.js';
import { StatsFilterBar, effectivePeriodKey, type StatsSearch } from './stats-filters.js';
import { toFilters } from './stats-search.js';
import type { StatsViewer } from './stats-format.js';
import { AsOfNote } from './stats-ui.js';

export interface StatsPageProps {
  title: string;
  /** the subtitle's message; it is given the period the page shows as `{period}` */
  subtitle: MessageKey;
  actions?: ReactNode;
  search: StatsSearch;
  onSearchChange: (next: StatsSearch) => void;
  showCounty?: boolean;
  /** given, the page's figures open their drill-down lists for this viewer */
  drillViewer?: StatsViewer;
  /** when the figures were read, if behind the primary */
  asOf?: string | undefined;
  /** the page's main query: its error is shown above the figures, with a retry */
  query?: Pick<UseQueryResult<unknown>, 'isError' | 'error' | 'refetch'>;
  children: ReactNode;
}

/**
 * The frame of a statistics page: the title with the period it shows and its buttons (export, print…), the filter bar,
 * the as-of note and the query's error; then the page's own figures, whose drill-downs open in one drawer.
 */
export function StatsPage({ title, subtitle, actions, search, onSearchChange, showCounty, drillViewer, asOf, query, children }: StatsPageProps) {
  const { t, language } = useI18n();
  const periodKey = effectivePeriodKey(search);
  const page = (
    <>
      <PageHeader title={title} subtitle={t(subtitle, { period: periodLabel(periodKey, language) })} actions={actions} />
      <StatsFilterBar search={search} onChange={onSearchChange} showCounty={showCounty} />
      <AsOfNote asOf={asOf} />
      {query?.isError ? <QueryError error={query.error} onRetry={() => void query.refetch()} /> : null}
      {children}
    </>
  );
  if (!drillViewer) return page;
  return (
    <DrillProvider filters={toFilters(search)} periodKey={periodKey} viewer={drillViewer}>
      {page}
    </DrillProvider>
  );
}
