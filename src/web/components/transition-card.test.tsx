import { cleanup, fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithMantine } from '../test/render.js';
import { TransitionCard } from './transition-card.js';

type S = 'approved' | 'rejected';

function Harness({ allowed, onConfirm, missing }: { allowed: S[]; onConfirm: (to: S) => void; missing?: (to: S | null) => string[] }) {
  const [to, setTo] = useState<S | null>(null);
  return (
    <TransitionCard<S>
      title="Actions"
      testId="actions"
      allowed={allowed}
      selected={to}
      onSelect={setTo}
      label={(s) => `do ${s}`}
      color={() => 'brand'}
      confirmLabel={(s) => `confirm ${s}`}
      cancelLabel="cancel"
      onConfirm={() => to && onConfirm(to)}
      pending={false}
      error={null}
      missing={missing?.(to) ?? []}
    >
      <span>fields for {to}</span>
    </TransitionCard>
  );
}

describe('TransitionCard', () => {
  afterEach(cleanup);

  it('offers nothing when no move is allowed', () => {
    renderWithMantine(<Harness allowed={[]} onConfirm={() => {}} />);
    expect(screen.queryByTestId('actions')).toBeNull();
  });

  it('opens the chosen step with its fields and confirms it; cancel closes it', () => {
    const onConfirm = vi.fn();
    renderWithMantine(<Harness allowed={['approved', 'rejected']} onConfirm={onConfirm} />);
    expect(screen.queryByTestId('action-confirm')).toBeNull();
    fireEvent.click(screen.getByTestId('action-rejected'));
    expect(screen.getByText('fields for rejected')).toBeTruthy();
    fireEvent.click(screen.getByTestId('action-confirm'));
    expect(onConfirm).toHaveBeenCalledWith('rejected');
    fireEvent.click(screen.getByText('cancel'));
    expect(screen.queryByTestId('action-confirm')).toBeNull();
  });

  it('keeps the confirm button waiting while the step lacks a field, and says which', () => {
    const onConfirm = vi.fn();
    renderWithMantine(<Harness allowed={['approved', 'rejected']} onConfirm={onConfirm} missing={(to) => (to === 'rejected' ? ['دلیل'] : [])} />);
    fireEvent.click(screen.getByTestId('action-rejected'));
    expect((screen.getByTestId('action-confirm') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('form-hint').textContent).toContain('دلیل');
    fireEvent.click(screen.getByTestId('action-approved'));
    expect((screen.getByTestId('action-confirm') as HTMLButtonElement).disabled).toBe(false);
    expect(screen.queryByTestId('form-hint')).toBeNull();
  });
});
