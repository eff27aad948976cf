/**
 * The county map is a schematic: each county a labelled tile, placed roughly where its seat lies. No county
 * outlines with a licence that allows shipping them were at hand (see NOTICE.md), and a tile map reads well
 * on a phone. The seats' positions are approximate (longitude, latitude of the county town).
 */
export const COUNTY_SEATS: Readonly<Record<string, readonly [lng: number, lat: number]>> = {
  // Qom
  qom: [50.88, 34.64],
  kahak: [50.86, 34.39],
  jafarabad: [50.51, 34.77],
  salafchegan: [50.46, 34.48],
  khalajestan: [50.75, 34.2],
  // Isfahan
  isfahan: [51.67, 32.65],
  kashan: [51.44, 33.98],
  najafabad: [51.37, 32.63],
  shahreza: [51.87, 32.01],
  // Markazi
  arak: [49.69, 34.09],
  saveh: [50.36, 35.02],
  delijan: [50.68, 33.99],
  khomein: [50.07, 33.64],
  // Semnan
  semnan: [53.39, 35.58],
  shahroud: [54.97, 36.42],
  damghan: [54.34, 36.17],
  garmsar: [52.34, 35.22],
  // Yazd
  yazd: [54.36, 31.9],
  ardakan: [54.02, 32.31],
  bafq: [55.41, 31.6],
  mehriz: [54.43, 31.58],
};

export interface Tile {
  id: string;
  col: number;
  row: number;
}

/**
 * Puts each county on a small grid by its seat's position: west to the left, north on top (a map keeps its
 * orientation in a right-to-left page). Two counties that round to one cell: the later goes to the nearest
 * free cell. Counties without a known seat go on a row of their own at the bottom.
 */
export function layoutTiles(ids: readonly string[]): Tile[] {
  const known = ids.filter((id) => COUNTY_SEATS[id]);
  const unknown = ids.filter((id) => !COUNTY_SEATS[id]);
  const size = Math.max(2, Math.ceil(Math.sqrt(known.length)) + 1);
  const lngs = known.map((id) => COUNTY_SEATS[id]![0]);
  const lats = known.map((id) => COUNTY_SEATS[id]![1]);
  const [minLng, maxLng, minLat, maxLat] = [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)];
  const scale = (v: number, lo: number, hi: number) => (hi - lo < 1e-9 ? (size - 1) / 2 : ((v - lo) / (hi - lo)) * (size - 1));
  const taken = new Set<string>();
  const tiles: Tile[] = [];
  for (const id of known) {
    const [lng, lat] = COUNTY_SEATS[id]!;
    const want = { col: scale(lng, minLng, maxLng), row: scale(maxLat - lat + minLat, minLat, maxLat) };
    let best: { col: number; row: number } | null = null;
    let bestDistance = Infinity;
    for (let row = 0; row < size; row++) {
      for (let col = 0; col < size; col++) {
        if (taken.has(`${col},${row}`)) continue;
        const d = (col - want.col) ** 2 + (row - want.row) ** 2;
        if (d < bestDistance) [best, bestDistance] = [{ col, row }, d];
      }
    }
    taken.add(`${best!.col},${best!.row}`);
    tiles.push({ id, ...best! });
  }
  // close up empty rows and columns so the tiles sit together
  const usedCols = [...new Set(tiles.map((t) => t.col))].sort((a, b) => a - b);
  const usedRows = [...new Set(tiles.map((t) => t.row))].sort((a, b) => a - b);
  for (const t of tiles) [t.col, t.row] = [usedCols.indexOf(t.col), usedRows.indexOf(t.row)];
  const bottom = usedRows.length;
  unknown.forEach((id, i) => tiles.push({ id, col: i % Math.max(usedCols.length, 3), row: bottom + Math.floor(i / Math.max(usedCols.length, 3)) }));
  return tiles;
}

export const TILE = { width: 150, height: 96, gap: 10 } as const;

/** The tiles as an SVG document ECharts registers as a map: one named `<rect>` per county. */
export function tilesSvg(tiles: readonly Tile[]): string {
  const cols = Math.max(1, ...tiles.map((t) => t.col + 1));
  const rows = Math.max(1, ...tiles.map((t) => t.row + 1));
  const w = cols * (TILE.width + TILE.gap) + TILE.gap;
  const h = rows * (TILE.height + TILE.gap) + TILE.gap;
  const rects = tiles.map(
    (t) =>
      `<rect name="${t.id.replace(/[^a-z0-9_-]/gi, '')}" x="${TILE.gap + t.col * (TILE.width + TILE.gap)}" y="${TILE.gap + t.row * (TILE.height + TILE.gap)}" width="${TILE.width}" height="${TILE.height}" rx="10" ry="10"/>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">${rects.join('')}</svg>`;
}

/** A tile's centre in the SVG's own coordinates (where the map puts its label and where a click lands). */
export function tileCenter(t: Tile): [number, number] {
  return [TILE.gap + t.col * (TILE.width + TILE.gap) + TILE.width / 2, TILE.gap + t.row * (TILE.height + TILE.gap) + TILE.height / 2];
}
