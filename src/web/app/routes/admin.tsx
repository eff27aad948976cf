/**
 * The admin pages' routes (issue 14). They hang under the signed-in layout route, which app/router.tsx
 * passes in: a feature does not import the app, and the router stays the one place that wires them.
 * The users list keeps its `/users` route in app/router.tsx and renders UsersAdminPage.
 */
import { createRoute, redirect } from '@tanstack/react-router';
import type { AppLayoutRoute } from './root.js';
import type { Role } from '../../../shared/roles.js';
import { canManageTokens, canReadAudit } from '../../features/admin/access.js';
import { AUDIT_ENTITY_TYPES } from '../../features/admin/api/contracts.js';
import type { AuditSearch } from '../../features/admin/components/audit-page.js';
import { lazyPage, withPages } from '../lazy-page.js';

const AuditPage = lazyPage(() => import('../../features/admin/components/audit-page.js'), 'AuditPage', ['admin']);
const TokensPage = lazyPage(() => import('../../features/admin/components/tokens-page.js'), 'TokensPage', ['admin']);

function allowWhen(check: (role: Role) => boolean) {
  return ({ context }: { context: { me: { role: Role } } }) => {
    if (!check(context.me.role)) throw redirect({ to: '/' });
  };
}

const text = (value: unknown, max: number): string | undefined => (typeof value === 'string' && value.trim() && value.length <= max ? value.trim() : undefined);
const isoDate = (value: unknown): string | undefined => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);

export function validateAuditSearch(search: Record<string, unknown>): Partial<AuditSearch> {
  const entityType = (AUDIT_ENTITY_TYPES as readonly unknown[]).includes(search['entityType']) ? (search['entityType'] as string) : undefined;
  const page = Number(search['page']);
  const out: Partial<AuditSearch> = {};
  if (entityType) out.entityType = entityType;
  const entityId = text(search['entityId'], 64);
  if (entityId) out.entityId = entityId;
  const actorId = text(search['actorId'], 64);
  if (actorId) out.actorId = actorId;
  const from = isoDate(search['from']);
  if (from) out.from = from;
  const to = isoDate(search['to']);
  if (to) out.to = to;
  if (Number.isInteger(page) && page > 1) out.page = page;
  return out;
}

/** Drops empty values and the first page, so the address bar stays clean. */
function compactAudit(search: AuditSearch): Partial<AuditSearch> {
  return Object.fromEntries(Object.entries(search).filter(([key, value]) => value !== undefined && value !== '' && !(key === 'page' && value === 1))) as Partial<AuditSearch>;
}

export function createAdminRoutes(appRoute: AppLayoutRoute) {
  const tokensRoute = createRoute({
    getParentRoute: () => appRoute,
    path: 'tokens',
    beforeLoad: allowWhen(canManageTokens),
    component: TokensPage,
  });

  const auditRoute = createRoute({
    getParentRoute: () => appRoute,
    path: 'audit',
    validateSearch: validateAuditSearch,
    beforeLoad: allowWhen(canReadAudit),
    component: withPages(function AuditRoute() {
      const search = auditRoute.useSearch();
      const navigate = auditRoute.useNavigate();
      const { me } = auditRoute.useRouteContext();
      return <AuditPage role={me.role} search={{ ...search, page: search.page ?? 1 }} onSearchChange={(next) => void navigate({ search: compactAudit(next), replace: true })} />;
    }, AuditPage),
  });

  return [tokensRoute, auditRoute] as const;
}
