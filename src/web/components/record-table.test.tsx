import { Table } from '@mantine/core';
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithMantine } from '../test/render.js';
import { TableHead, figureColumn } from './record-table.js';

describe('TableHead', () => {
  afterEach(cleanup);

  it('writes one column heading a label, in order, figures at the end of the row', () => {
    renderWithMantine(
      <Table>
        <TableHead columns={['استان', figureColumn('واحدها'), { label: 'امتیاز', align: 'center' }]} />
      </Table>,
    );
    const headings = screen.getAllByRole('columnheader');
    expect(headings.map((h) => h.textContent)).toEqual(['استان', 'واحدها', 'امتیاز']);
    expect(headings[0]!.style.textAlign).toBe('');
    expect(headings[1]!.style.textAlign).toBe('end');
    expect(headings[2]!.style.textAlign).toBe('center');
  });
});
