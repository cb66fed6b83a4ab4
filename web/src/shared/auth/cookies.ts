/** The value of a cookie the page may read (the refresh token's CSRF token is one). */
export function readCookie(name: string, source: string = document.cookie): string | null {
  for (const part of source.split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return null;
}

export const CSRF_COOKIE = "csrf_refresh_token";
export const CSRF_HEADER = "X-CSRF-TOKEN";
