// The one API client of an app. The session store binds itself here when it is created.
import { createApiClient, type SessionHooks } from "./client";

const signedOut: SessionHooks = {
  accessToken: () => null,
  refresh: async () => null,
  expired: () => undefined,
  locale: () => document.documentElement.lang || "zh-CN",
};

let hooks: SessionHooks = signedOut;

export const api = createApiClient({
  accessToken: () => hooks.accessToken(),
  refresh: () => hooks.refresh(),
  expired: () => hooks.expired(),
  locale: () => hooks.locale(),
});

export function bindSession(session: SessionHooks): void {
  hooks = session;
}

export { ApiError, fieldErrors, unwrap, type Problem } from "./problem";
export type { components, paths } from "./schema";
