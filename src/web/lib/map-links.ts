/**
 * Links that open a position in the phone's own map app (`geo:`) or in a browser (OpenStreetMap). They are plain
 * links the person may follow: the app itself loads no map tiles and calls no map server.
 */
export function mapLinks(lat: number, lng: number): { geo: string; osm: string } {
  const la = lat.toFixed(6);
  const lo = lng.toFixed(6);
  return { geo: `geo:${la},${lo}`, osm: `https://www.openstreetmap.org/?mlat=${la}&mlon=${lo}#map=17/${la}/${lo}` };
}
