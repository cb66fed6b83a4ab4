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
