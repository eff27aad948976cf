import { describe, expect, it } from 'vitest';
import { newId } from './ids.js';
import { fitWithin } from './resize-photo.js';
import { mapLinks } from '../../../lib/map-links.js';

describe('the field helpers', () => {
  it('fits a photo within 1600 px on its long side, never enlarging it', () => {
    expect(fitWithin(4032, 3024)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3024, 4032)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
    expect(fitWithin(10000, 3)).toEqual({ width: 1600, height: 1 });
  });

  it('makes version-4 UUIDs the server accepts, different every time', () => {
    const ids = Array.from({ length: 50 }, newId);
    expect(new Set(ids).size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('links a position to the map app and to OpenStreetMap, without loading anything', () => {
    expect(mapLinks(34.6401, 50.8764)).toEqual({
      geo: 'geo:34.640100,50.876400',
      osm: 'https://www.openstreetmap.org/?mlat=34.640100&mlon=50.876400#map=17/34.640100/50.876400',
    });
  });
});
