import { expect, it } from 'vitest';
import { layoutTiles, tilesSvg } from './county-tiles.js';

it('places counties by their seats: west left, north on top, no two on one tile', () => {
  const tiles = layoutTiles(['qom', 'kahak', 'jafarabad']);
  const at = Object.fromEntries(tiles.map((t) => [t.id, t]));
  expect(at['jafarabad']!.col).toBeLessThan(at['qom']!.col); // Jafarabad lies west of Qom
  expect(at['kahak']!.row).toBeGreaterThan(at['qom']!.row); // Kahak lies south
  expect(new Set(tiles.map((t) => `${t.col},${t.row}`)).size).toBe(3);
});

it('puts counties without a known seat on a row of their own, and names every tile in the SVG', () => {
  const tiles = layoutTiles(['isfahan', 'kashan', 'new-county', 'another']);
  const known = tiles.filter((t) => t.id === 'isfahan' || t.id === 'kashan');
  const unknown = tiles.filter((t) => t.id === 'new-county' || t.id === 'another');
  expect(Math.min(...unknown.map((t) => t.row))).toBeGreaterThan(Math.max(...known.map((t) => t.row)));
  const svg = tilesSvg(tiles);
  for (const t of tiles) expect(svg).toContain(`name="${t.id}"`);
  expect(layoutTiles([])).toEqual([]);
});
