/**
 * The outbox as the person sees it: a record waiting with the reason it did not go, and a unit changed on the server
 * shown beside their correction — nothing is applied until they choose.
 */
import 'fake-indexeddb/auto';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithMantine } from '../../../test/render.js';
import { fieldDb, getEntry, putEntry } from '../store/field-db.js';
import type { OutboxEntry } from '../types.js';
import { OutboxPanel } from './outbox-panel.js';

vi.mock('@tanstack/react-router', () => ({
  createLink: () => () => null,
}));

const USER = 'user-ui';

function entry(over: Partial<OutboxEntry>): OutboxEntry {
  return {
    id: `entry-${Math.random().toString(16).slice(2)}`,
    userId: USER,
    createdAt: '2026-11-29T08:00:00.000Z',
    label: { unitName: 'شرکت صنایع غذایی کوثر قم', visitDate: '2026-11-29', demandCount: 2, photoCount: 1 },
    visit: { body: { unitId: 'u', visitDate: '2026-11-29', team: 'تیم', status: 'done' }, idempotencyKey: 'k1', state: 'waiting', serverId: null },
    photos: [{ photoId: 'p1', fileName: 'IMG.jpg', idempotencyKey: 'k2', state: 'waiting', attachmentId: null }],
    unit: null,
    status: 'waiting',
    conflict: null,
    attempts: 1,
    lastError: { code: 'network.unreachable', status: 0, title: '', fieldErrors: [], at: '2026-11-29T08:00:00.000Z', retryable: true },
    nextAttemptAt: null,
    sentAt: null,
    ...over,
  };
}

function renderPanel() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return renderWithMantine(
    <QueryClientProvider client={client}>
      <OutboxPanel userId={USER} />
    </QueryClientProvider>,
  );
}

describe('the outbox panel', () => {
  beforeEach(async () => {
    const db = await fieldDb();
    await db.clear('outbox');
    // the panel tries to send after a choice; here the network is simply not there
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('shows a record waiting for the network, with the reason in Persian', async () => {
    await putEntry(await fieldDb(), entry({}));
    renderPanel();
    expect(await screen.findByText('در انتظار ارسال')).toBeTruthy();
    expect(screen.getByTestId('outbox-reason').textContent).toContain('اتصال برقرار نیست');
    expect(screen.getByText('عکس‌ها: ۰ از ۱')).toBeTruthy();
  });

  it('shows a unit changed on the server beside the correction, and applies it only when asked', async () => {
    const conflicted = entry({
      status: 'conflict',
      conflict: { kind: 'unit' },
      visit: { body: { unitId: 'u', visitDate: '2026-11-29', team: 'تیم', status: 'done' }, idempotencyKey: 'k1', state: 'sent', serverId: 'v1' },
      photos: [],
      unit: {
        unitId: 'u',
        unitName: 'شرکت صنایع غذایی کوثر قم',
        baseVersion: 3,
        changes: { phone: '02532009999' },
        before: { phone: '02532001122' },
        state: 'conflict',
        current: { version: 4, phone: '02532005555', managerName: 'مدیر', address: 'شکوهیه', employees: 85, capacityUtilization: 72 },
      },
      lastError: { code: 'record.stale', status: 409, title: 'این رکورد در این فاصله تغییر کرده است', fieldErrors: [], at: '2026-11-29T08:00:00.000Z', retryable: false },
    });
    await putEntry(await fieldDb(), conflicted);
    renderPanel();
    const box = await screen.findByTestId('unit-conflict');
    expect(box.textContent).toContain('۰۲۵۳۲۰۰۱۱۲۲'); // as downloaded
    expect(box.textContent).toContain('۰۲۵۳۲۰۰۹۹۹۹'); // the correction
    expect(box.textContent).toContain('۰۲۵۳۲۰۰۵۵۵۵'); // the server's now
    expect((await getEntry(await fieldDb(), conflicted.id))!.unit!.baseVersion).toBe(3);
    fireEvent.click(screen.getByTestId('conflict-apply-mine'));
    await waitFor(async () => {
      const after = (await getEntry(await fieldDb(), conflicted.id))!;
      expect(after.unit).toMatchObject({ baseVersion: 4, changes: { phone: '02532009999' } });
      expect(after.conflict).toBeNull();
    });
  });
});
