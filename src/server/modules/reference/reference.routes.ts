import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { bankItem, categoryItem, countyItem, estateItem, itemsOf, provinceFilter, referenceItem, unitChoices } from '../../../shared/contracts/reference.js';
import { contextOf } from '../../plugins/auth.js';
import * as reference from './reference.service.js';

export async function referenceRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['reference'];
  r.get('/provinces', { schema: { tags, response: { 200: itemsOf(referenceItem) } } }, async (req) => ({ items: await reference.listProvinces(contextOf(app, req)) }));
  r.get('/counties', { schema: { tags, querystring: provinceFilter, response: { 200: itemsOf(countyItem) } } }, async (req) => ({
    items: await reference.listCounties(contextOf(app, req), req.query.provinceId),
  }));
  r.get('/estates', { schema: { tags, querystring: provinceFilter, response: { 200: itemsOf(estateItem) } } }, async (req) => ({
    items: await reference.listEstates(contextOf(app, req), req.query.provinceId),
  }));
  r.get('/sectors', { schema: { tags, response: { 200: itemsOf(referenceItem) } } }, async (req) => ({ items: await reference.listSectors(contextOf(app, req)) }));
  r.get('/agencies', { schema: { tags, response: { 200: itemsOf(referenceItem) } } }, async (req) => ({ items: await reference.listAgencies(contextOf(app, req)) }));
  r.get('/banks', { schema: { tags, response: { 200: itemsOf(bankItem) } } }, async (req) => ({ items: await reference.listBanks(contextOf(app, req)) }));
  r.get('/programs', { schema: { tags, response: { 200: itemsOf(referenceItem) } } }, async (req) => ({ items: await reference.listPrograms(contextOf(app, req)) }));
  r.get('/obstacle-categories', { schema: { tags, response: { 200: itemsOf(categoryItem) } } }, async (req) => ({
    items: await reference.listObstacleCategories(contextOf(app, req)),
  }));
  r.get(
    '/public/unit-choices',
    { schema: { tags, summary: 'The provinces, counties, estates and sectors a new unit is described with at registration (no session needed)', response: { 200: unitChoices } } },
    async () => reference.listUnitChoices(app.deps.db),
  );
  r.get('/rejection-reasons', { schema: { tags, response: { 200: itemsOf(referenceItem) } } }, async (req) => ({
    items: await reference.listRejectionReasons(contextOf(app, req)),
  }));
}
