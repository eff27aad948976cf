import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithMantine } from '../test/render.js';
import { ListPage, patchSearch } from './list-page.js';

interface Row {
  id: string;
  name: string;
}

const columns = [{ key: 'name', header: 'Name', render: (r: Row) => r.name }];

function query(over: Partial<{ data: { items: Row[]; total: number } | undefined; isError: boolean; error: unknown }> = {}) {
  return { data: undefined, isError: false, error: null, refetch: vi.fn(), isPlaceholderData: false, ...over } as never;
}

describe('ListPage', () => {
  afterEach(cleanup);

  it('shows the rows, the total and the range of the page', () => {
    renderWithMantine(
      <ListPage<Row>
        title="Things"
        total={(n) => `${n} things`}
        query={query({ data: { items: [{ id: 'a', name: 'first' }], total: 26 } })}
        columns={columns}
        rowKey={(r) => r.id}
        emptyText="none"
        testId="things-table"
        page={1}
        pageSize={25}
        onPageChange={() => {}}
      />,
    );
    expect(screen.getByTestId('things-total').textContent).toBe('26 things');
    expect(screen.getByTestId('things-table').textContent).toContain('first');
    expect(screen.getByTestId('list-range')).toBeTruthy();
  });

  it('shows the error with a retry instead of the table', () => {
    const q = query({ isError: true, error: new Error('down') });
    renderWithMantine(
      <ListPage<Row> title="Things" query={q} columns={columns} rowKey={(r) => r.id} emptyText="none" testId="things-table" page={1} pageSize={25} onPageChange={() => {}} />,
    );
    expect(screen.queryByTestId('things-table')).toBeNull();
    fireEvent.click(screen.getByRole('button'));
    expect((q as { refetch: ReturnType<typeof vi.fn> }).refetch).toHaveBeenCalled();
  });
});

describe('patchSearch', () => {
  it('sends a filter change back to page 1 and keeps the other filters', () => {
    const onChange = vi.fn();
    patchSearch({ q: 'x', status: 'open', page: 4 }, onChange)({ status: 'closed' });
    expect(onChange).toHaveBeenCalledWith({ q: 'x', status: 'closed', page: 1 });
  });
});
