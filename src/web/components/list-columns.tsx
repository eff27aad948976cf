import type { LinkOptions } from '@tanstack/react-router';
import { AnchorLink } from './router-links.js';
import type { Column } from './list-table.js';
import { TrackingCode } from './tracking-code.js';

/** A list's first column: each record's tracking code, linking to the record's page (`link`, from `linkOptions`). */
export function codeColumn<Row extends { code: string }>({ header, link, testId, width = 150 }: { header: string; link: (row: Row) => LinkOptions; testId: string; width?: number }): Column<Row> {
  return {
    key: 'code',
    header,
    width,
    render: (row) => (
      <AnchorLink {...link(row)} size="sm" className="tabular" data-testid={testId}>
        <TrackingCode code={row.code} />
      </AnchorLink>
    ),
  };
}
