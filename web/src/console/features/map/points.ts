// The map's series from the API's points: children by risk, providers, and pairs as lines;
// and what a clicked point's card says.
import type { components } from "@/shared/api";

export type MapData = components["schemas"]["Map"];
export type MapChild = components["schemas"]["MapChild"];
export type MapProvider = components["schemas"]["MapProvider"];
export type MapLine = components["schemas"]["MapLine"];

export type PointRef = { kind: "child"; id: number } | { kind: "provider"; key: string };

export function providerKey(type: string, id: number): string {
  return `${type}:${id}`;
}

export interface Indexed {
  children: Map<number, MapChild>;
  providers: Map<string, MapProvider>;
  linesOfChild: Map<number, MapLine[]>;
  linesOfProvider: Map<string, MapLine[]>;
}

export function indexPoints(data: MapData): Indexed {
  const children = new Map(data.children.map((c) => [c.id, c]));
  const providers = new Map(data.providers.map((p) => [providerKey(p.provider_type, p.provider_id), p]));
  const linesOfChild = new Map<number, MapLine[]>();
  const linesOfProvider = new Map<string, MapLine[]>();
  for (const line of data.lines) {
    const key = providerKey(line.provider_type, line.provider_id);
    if (!linesOfChild.has(line.child_id)) linesOfChild.set(line.child_id, []);
    linesOfChild.get(line.child_id)!.push(line);
    if (!linesOfProvider.has(key)) linesOfProvider.set(key, []);
    linesOfProvider.get(key)!.push(line);
  }
  return { children, providers, linesOfChild, linesOfProvider };
}

/** Line segments [[lon, lat], [lon, lat]] of one state, skipping pairs with a point not on the map. */
export function segments(
  data: MapData,
  index: Indexed,
  state: "proposed" | "approved",
): { coords: [number, number][]; line: MapLine }[] {
  const out: { coords: [number, number][]; line: MapLine }[] = [];
  for (const line of data.lines) {
    if (line.state !== state) continue;
    const child = index.children.get(line.child_id);
    const provider = index.providers.get(providerKey(line.provider_type, line.provider_id));
    if (!child || !provider) continue;
    out.push({ coords: [[child.lon, child.lat], [provider.lon, provider.lat]], line });
  }
  return out;
}

/** Axis bounds around the points with a margin, keeping the east-west scale true at this latitude. */
export function bounds(points: { lat: number; lon: number }[]): {
  minLon: number;
  maxLon: number;
  minLat: number;
  maxLat: number;
} {
  if (!points.length) return { minLon: 0, maxLon: 1, minLat: 0, maxLat: 1 };
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const p of points) {
    minLon = Math.min(minLon, p.lon);
    maxLon = Math.max(maxLon, p.lon);
    minLat = Math.min(minLat, p.lat);
    maxLat = Math.max(maxLat, p.lat);
  }
  const pad = Math.max(maxLon - minLon, maxLat - minLat, 0.01) * 0.05;
  return { minLon: minLon - pad, maxLon: maxLon + pad, minLat: minLat - pad, maxLat: maxLat + pad };
}
