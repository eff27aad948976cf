/** The device's position for a visit, with its accuracy; every way it can fail is a reason the person can read. */
export interface Position {
  lat: number;
  lng: number;
  accuracyM: number;
  at: string;
}

export type PositionFailure = 'denied' | 'unavailable' | 'timeout' | 'unsupported';

export function currentPosition(timeoutMs = 20_000): Promise<Position> {
  return new Promise((resolve, reject: (reason: PositionFailure) => void) => {
    if (typeof navigator === 'undefined' || !('geolocation' in navigator)) return reject('unsupported');
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude, accuracyM: p.coords.accuracy, at: new Date(p.timestamp || Date.now()).toISOString() }),
      (e) => reject(e.code === e.PERMISSION_DENIED ? 'denied' : e.code === e.TIMEOUT ? 'timeout' : 'unavailable'),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}

export function isPositionFailure(value: unknown): value is PositionFailure {
  return value === 'denied' || value === 'unavailable' || value === 'timeout' || value === 'unsupported';
}
