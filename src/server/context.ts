/** What every service receives: the database, who is acting, and a clock. */
import type { Role } from '../shared/roles.js';
import type { Lang } from '../shared/errors.js';
import type { Db } from './db/client.js';
import { tehranDate, type IsoDate } from '../shared/jalali.js';

export interface Actor {
  kind: 'user' | 'token';
  /** user id, or token id for integrations */
  id: string;
  username: string;
  fullName: string;
  role: Role;
  provinceId: string | null;
  agencyId: string | null;
  bankId: string | null;
  unitId: string | null;
  /** The auth session behind a cookie, so logout can end it. */
  sessionId?: string;
  /** Users only: a confirmed second factor; a password the administrator reset and the user must change. */
  mfaEnrolled?: boolean;
  mustChangePassword?: boolean;
}

export interface ServiceContext {
  db: Db;
  actor: Actor;
  now: () => Date;
  requestId?: string;
  ip?: string;
  lang?: Lang;
}

/** A context for the system itself (seeding, CLI, jobs). */
export function systemActor(provinceId: string | null = null): Actor {
  return {
    kind: 'user',
    id: '00000000-0000-0000-0000-000000000000',
    username: 'system',
    fullName: 'سامانه',
    role: 'admin',
    provinceId,
    agencyId: null,
    bankId: null,
    unitId: null,
  };
}

/** The text in the caller's language: Persian unless the request asked for English. */
export function msg(ctx: Pick<ServiceContext, 'lang'>, fa: string, en: string): string {
  return ctx.lang === 'en' ? en : fa;
}

/** Today in Tehran, by the context's clock (fixed in tests). */
export function todayOf(ctx: Pick<ServiceContext, 'now'>): IsoDate {
  return tehranDate(ctx.now());
}

/** The writer of a trail row (events, follow-ups) as every trail table stores it (db/tables/columns.ts `actorColumns`). */
export function actorFields(ctx: Pick<ServiceContext, 'actor'>): { actorId: string | null; actorName: string; actorRole: string } {
  return { actorId: ctx.actor.id, actorName: ctx.actor.fullName, actorRole: ctx.actor.role };
}
