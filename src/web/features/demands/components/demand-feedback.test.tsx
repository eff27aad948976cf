import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithMantine } from '../../../test/render.js';
import type { DemandDetail } from '../api/demands-api.js';
import { FeedbackCard } from './demand-feedback.js';

// happy-dom has no FontFaceSet; the autosizing comment box listens to it
if (!('fonts' in document)) Object.defineProperty(document, 'fonts', { value: { addEventListener() {}, removeEventListener() {}, ready: Promise.resolve() } });

const demand = (over: Partial<DemandDetail>): DemandDetail =>
  ({ id: '6f1c1d2e-0000-4000-8000-000000000001', status: 'resolved', feedback: null, attachments: [], followups: [], history: [], ...over }) as DemandDetail;

const renderCard = (d: DemandDetail, role: 'producer' | 'secretariat' = 'producer') =>
  renderWithMantine(
    <QueryClientProvider client={new QueryClient()}>
      <FeedbackCard demand={d} role={role} />
    </QueryClientProvider>,
  );

describe('FeedbackCard', () => {
  afterEach(cleanup);

  it('offers the producer five named stars on a closed demand, the button waiting for a choice', () => {
    renderCard(demand({}));
    const radios = screen.getAllByRole('radio');
    expect(radios).toHaveLength(5);
    expect(screen.getByRole('group', { name: 'امتیاز شما از ۱ تا ۵' })).toBeTruthy();
    const four = screen.getByRole('radio', { name: '۴ از ۵ — راضی' });
    expect((screen.getByTestId('feedback-submit') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(four);
    expect((four as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId('feedback-submit') as HTMLButtonElement).disabled).toBe(false);
  });

  it('offers nothing on an open demand, nor to anyone but the producer', () => {
    renderCard(demand({ status: 'in_progress' }));
    expect(screen.queryByTestId('demand-feedback-form')).toBeNull();
    cleanup();
    renderCard(demand({}), 'secretariat');
    expect(screen.queryByTestId('demand-feedback-form')).toBeNull();
  });

  it('shows a given rating read-only, to everyone', () => {
    renderCard(demand({ feedback: { score: 2, comment: 'دیر رسید', authorName: 'مدیر واحد', createdAt: '2026-11-29T08:00:00.000Z' } }), 'secretariat');
    expect(screen.getByTestId('feedback-value').textContent).toContain('ناراضی');
    expect(screen.getByRole('img', { name: /۲ از ۵/ })).toBeTruthy();
    expect(screen.getByTestId('feedback-comment').textContent).toBe('دیر رسید');
    expect(screen.queryAllByRole('radio')).toHaveLength(0);
  });
});
