// The phone's position (the browser's Geolocation API, WGS-84), as a promise.
export interface Position {
  lat: number;
  lon: number;
  accuracy: number;
}

export type PositionFailure = "denied" | "unavailable" | "timeout" | "unsupported";

export function currentPosition(timeoutMs = 15_000): Promise<Position> {
  return new Promise((resolve, reject) => {
    const geo = typeof navigator !== "undefined" ? navigator.geolocation : undefined;
    if (!geo) {
      reject({ reason: "unsupported" satisfies PositionFailure });
      return;
    }
    geo.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lon: p.coords.longitude, accuracy: p.coords.accuracy }),
      (e) =>
        reject({
          reason: (e.code === 1 ? "denied" : e.code === 3 ? "timeout" : "unavailable") satisfies PositionFailure,
        }),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}

/** A position as the API takes it: the browser's coordinates are WGS-84, and the API is told
 * so (it keeps WGS-84 and converts from GCJ-02 when a map SDK gives that). None: no fields. */
export function positionFields(p: Position | null): { lat?: number; lon?: number; coord_system?: "wgs84" } {
  return p ? { lat: p.lat, lon: p.lon, coord_system: "wgs84" } : {};
}
