/**
 * The phone's position for check-ins and customer sites: one high-accuracy fix from the
 * browser (WGS-84, as GPS gives it), or the reason there is none. Never rejects, so a refused
 * permission or a fix that does not come still lets the rep check in (without a position).
 */

// The brief's ~10 s: long enough for a cold GPS fix outdoors, short enough to stand and wait.
export const LOCATE_TIMEOUT_MS = 10000;
// The browser's timeout only starts once permission is given; a prompt nobody answers would
// otherwise keep the check-in waiting for ever.
const PROMPT_GRACE_MS = 20000;

const PROBLEMS = { 1: 'denied', 2: 'unavailable', 3: 'timeout' };

/**
 * Resolves { position: { latitude, longitude, accuracy } } (decimal strings, as the API's Decimal
 * inputs take them) or { problem: "denied" | "unavailable" | "timeout" | "unsupported" }.
 */
export function locate({ timeout = LOCATE_TIMEOUT_MS } = {}) {
  if (!navigator.geolocation) return Promise.resolve({ problem: 'unsupported' });
  return new Promise((resolve) => {
    const guard = setTimeout(() => resolve({ problem: 'timeout' }), timeout + PROMPT_GRACE_MS);
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => {
        clearTimeout(guard);
        resolve({
          position: {
            // Six decimals are about 10 cm: finer digits are noise (and the server rounds to them).
            latitude: coords.latitude.toFixed(6),
            longitude: coords.longitude.toFixed(6),
            accuracy: Number.isFinite(coords.accuracy) ? coords.accuracy.toFixed(1) : null,
          },
        });
      },
      (error) => {
        clearTimeout(guard);
        resolve({ problem: PROBLEMS[error.code] || 'unavailable' });
      },
      { enableHighAccuracy: true, timeout, maximumAge: 0 },
    );
  });
}
