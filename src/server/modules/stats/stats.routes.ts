import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  agencyStats as agencyStatsSchema,
  bankStats as bankStatsSchema,
  countyStats as countyStatsSchema,
  createReportedFigure,
  drilldownList,
  drilldownQuery,
  homeStats,
  overviewStats as overviewSchema,
  provinceStats as provinceSchema,
  reportedFigure,
  statsQuery,
  systemicList,
  trendQuery,
  trendStats as trendSchema,
} from '../../../shared/contracts/stats.js';
import { listOf } from '../../../shared/contracts/common.js';
import { contextOf } from '../../plugins/auth.js';
import { AS_OF_HEADER, onReadDb } from '../../plugins/reads.js';
import { homeCounts, roleHome } from './home.service.js';
import { roleHome as roleHomeSchema } from '../../../shared/contracts/home.js';
import { bankStats } from './stats.banks.js';
import { agencyStats } from './stats.agencies.js';
import { countyStats } from './stats.counties.js';
import { overviewStats } from './stats.overview.js';
import { provinceStats, trendStats } from './stats.trend.js';
import { drilldown } from './stats.drilldown.js';
import { systemicObstacles } from './stats.systemic.js';
import { createReportedFigureRecord, listReportedFigures } from './stats.reported.js';
import { setVisitTarget } from './stats.settings.js';
import { bankReportHtml, exportStatsTable } from './stats.export.js';
import { sendSheetFile } from '../../sheets/table-file.js';
import { snapshotRead, StatsSnapshots } from './stats.snapshot.js';

/**
 * The statistics. Figures, drill-downs and exports read through the read router (the replica when one is configured;
 * `asOf` when it lags); the figure pages and the drill-downs through their snapshots (stats.snapshot.ts: kept until a
 * change in the province, so a figure and its drill-down are both of the same state), and so do the figures a role's
 * home shows beside its work lists (whose lists, like the home counts, reported figures and settings, stay on the
 * primary).
 */
/**
 * The figures that read nothing of their caller but the province (the roles that may read them see the same table):
 * one snapshot for every role. The agencies' table (an agency sees its own row) and the drill-downs (scoped to a bank's
 * or an agency's own records) stay per caller.
 */
const EVERY_ROLE = true;

export async function statsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['stats'];
  const snapshots = new StatsSnapshots(app.deps.config.statsSnapshotSeconds * 1000, Date.now, app.deps.config.statsHoldSeconds * 1000);
  // a home's statistics are the pages' own: the same reads, the same snapshots (a bank's home and its bank table agree)
  r.get('/home', { schema: { tags: ['home'], response: { 200: roleHomeSchema } } }, async (req) =>
    roleHome(contextOf(app, req), {
      banks: () => snapshotRead(app, req, snapshots, 'banks', {}, (ctx) => bankStats(ctx, {}), EVERY_ROLE),
      agencies: () => snapshotRead(app, req, snapshots, 'agencies', {}, (ctx) => agencyStats(ctx, {})),
      provinces: () => snapshotRead(app, req, snapshots, 'provinces', {}, (ctx) => provinceStats(ctx, {}), EVERY_ROLE),
    }),
  );
  r.get('/stats/home', { schema: { tags, response: { 200: homeStats } } }, async (req) => homeCounts(contextOf(app, req)));
  r.get('/stats/banks', { schema: { tags, querystring: statsQuery, response: { 200: bankStatsSchema } } }, async (req) => snapshotRead(app, req, snapshots, 'banks', req.query, (ctx) => bankStats(ctx, req.query), EVERY_ROLE));
  r.get('/stats/agencies', { schema: { tags, querystring: statsQuery, response: { 200: agencyStatsSchema } } }, async (req) => snapshotRead(app, req, snapshots, 'agencies', req.query, (ctx) => agencyStats(ctx, req.query)));
  r.get('/stats/counties', { schema: { tags, summary: "The province's counties side by side over the period (the national role names a province)", querystring: statsQuery, response: { 200: countyStatsSchema } } }, async (req) =>
    snapshotRead(app, req, snapshots, 'counties', req.query, (ctx) => countyStats(ctx, req.query), EVERY_ROLE),
  );
  r.get('/stats/overview', { schema: { tags, querystring: statsQuery, response: { 200: overviewSchema } } }, async (req) => snapshotRead(app, req, snapshots, 'overview', req.query, (ctx) => overviewStats(ctx, req.query), EVERY_ROLE));
  r.get('/stats/trend', { schema: { tags, querystring: trendQuery, response: { 200: trendSchema } } }, async (req) => snapshotRead(app, req, snapshots, 'trend', req.query, (ctx) => trendStats(ctx, req.query), EVERY_ROLE));
  r.get('/stats/provinces', { schema: { tags, querystring: statsQuery, response: { 200: provinceSchema } } }, async (req) => snapshotRead(app, req, snapshots, 'provinces', req.query, (ctx) => provinceStats(ctx, req.query), EVERY_ROLE));
  r.get('/stats/drilldown', { schema: { tags, querystring: drilldownQuery, response: { 200: drilldownList } } }, async (req) => snapshotRead(app, req, snapshots, 'drilldown', req.query, (ctx) => drilldown(ctx, req.query)));
  r.get(
    '/stats/systemic-obstacles',
    { schema: { tags, querystring: statsQuery.extend({ minUnits: z.coerce.number().int().min(2).max(100).optional() }), response: { 200: systemicList } } },
    async (req) => snapshotRead(app, req, snapshots, 'systemic-obstacles', req.query, (ctx) => systemicObstacles(ctx, req.query), EVERY_ROLE),
  );
  r.get(
    '/stats/reported-figures',
    { schema: { tags, querystring: z.strictObject({ provinceId: z.string().max(64).optional(), metric: z.string().max(60).optional(), periodKey: z.string().max(20).optional() }), response: { 200: listOf(reportedFigure) } } },
    async (req) => listReportedFigures(contextOf(app, req), req.query),
  );
  r.post('/stats/reported-figures', { schema: { tags, body: createReportedFigure, response: { 201: reportedFigure } } }, async (req, reply) => {
    reply.code(201);
    return createReportedFigureRecord(contextOf(app, req), req.body);
  });
  r.put(
    '/stats/visit-target',
    { schema: { tags, body: z.strictObject({ fiscalYear: z.number().int().min(1390).max(1500), target: z.number().int().min(0).max(100000) }), response: { 200: z.object({ fiscalYear: z.number().int(), target: z.number().int() }) } } },
    async (req) => setVisitTarget(contextOf(app, req), req.body.fiscalYear, req.body.target),
  );
  r.get(
    '/stats/export',
    { schema: { tags, querystring: statsQuery.extend({ table: z.enum(['banks', 'agencies', 'counties', 'provinces']), format: z.enum(['xlsx']).default('xlsx') }) } },
    async (req, reply) => {
      const { value, asOf } = await onReadDb(app, req, (ctx) => exportStatsTable(ctx, req.query.table, req.query));
      if (asOf) reply.header(AS_OF_HEADER, asOf);
      return sendSheetFile(reply, value);
    },
  );
  r.get(
    '/stats/banks/report',
    { schema: { tags, querystring: statsQuery.extend({ sessionNumber: z.coerce.number().int().min(1).max(999).optional() }) } },
    async (req, reply) => {
      const { value, asOf } = await onReadDb(app, req, (ctx) => bankReportHtml(ctx, req.query, app.deps.config.webDir));
      if (asOf) reply.header(AS_OF_HEADER, asOf);
      return reply.type('text/html; charset=utf-8').send(value);
    },
  );
}
