// The privacy notice for children's data: accepted at sign-up, and once per account on this
// phone when signing in; a new version of the notice asks again.
export const PRIVACY_NOTICE_VERSION = "2025-01";
const key = (userId: number) => `tongxing.privacy.${userId}`;

export function hasAcceptedPrivacy(userId: number): boolean {
  return globalThis.localStorage?.getItem(key(userId)) === PRIVACY_NOTICE_VERSION;
}

export function acceptPrivacy(userId: number): void {
  globalThis.localStorage?.setItem(key(userId), PRIVACY_NOTICE_VERSION);
}
