import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithMantine } from '../../../test/render.js';
import { DrillProvider, DrillValue } from './drilldown.js';

const viewer = { role: 'secretariat', bankId: null, agencyId: null, canOpenUnits: true, canOpenDemands: true, canOpenResolutions: true, canOpenReferrals: true } as const;
const isolates = /[\u2068\u2069]/g;

describe('DrillValue', () => {
  afterEach(cleanup);

  it('names a figure’s button by the figure as it shows and describes what it opens (WCAG 2.5.3: the visible text is its name)', () => {
    renderWithMantine(
      <QueryClientProvider client={new QueryClient()}>
        <DrillProvider filters={{}} periodKey="fy" viewer={viewer}>
          <DrillValue request={{ source: 'demands', metric: 'registered', title: 'مطالبات ثبت‌شده', figure: 1234 }} testId="kpi" />
        </DrillProvider>
      </QueryClientProvider>,
    );
    const button = screen.getByTestId('kpi');
    expect(button.tagName).toBe('BUTTON');
    // its name is the figure as it shows (its text: what the page shows and tests read), with no label of its own
    // that could leave a shown amount out; what it opens is its description
    expect(button.textContent).toBe('۱٬۲۳۴');
    expect(button.getAttribute('aria-label')).toBeNull();
    expect(button.getAttribute('title')?.replace(isolates, '')).toBe('نمایش سوابق: مطالبات ثبت‌شده');
    expect(screen.getByRole('button', { name: '۱٬۲۳۴', description: /^نمایش سوابق: .مطالبات ثبت‌شده.$/ })).toBe(button);
  });
});
