// The typed client of /api/v1 (openapi-fetch over the generated `paths`), with the session
// woven in: the access token on every call, the caller's language, and one refresh and one
// retry when a call answers 401.
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { paths } from "./schema";

export type ApiClient = Client<paths>;

/** What the client needs from the session; the session store provides it. */
export interface SessionHooks {
  accessToken(): string | null;
  /** A new access token (one refresh however many calls ask at once), or null. */
  refresh(): Promise<string | null>;
  /** The refresh failed: the session is over. */
  expired(): void;
  /** The language of the user interface, for the API's messages. */
  locale(): string;
}

export interface ClientOptions {
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
}

// Calls that are the session itself: never retried with a refreshed token.
const SESSION_PATHS = ["/api/v1/auth/signin", "/api/v1/auth/signup", "/api/v1/auth/refresh"];

export function isSessionCall(url: string): boolean {
  const path = new URL(url, "http://localhost").pathname;
  return SESSION_PATHS.includes(path);
}

export function sessionMiddleware(
  hooks: SessionHooks,
  send: (request: Request) => Promise<Response>,
): Middleware {
  // A copy of each authorised request, kept until its answer, to send again after a refresh.
  const pending = new Map<string, Request>();
  return {
    onRequest({ request, id }) {
      request.headers.set("Accept-Language", hooks.locale());
      const token = hooks.accessToken();
      if (token && !request.headers.has("Authorization")) {
        request.headers.set("Authorization", `Bearer ${token}`);
      }
      if (!isSessionCall(request.url)) pending.set(id, request.clone());
      return request;
    },
    async onResponse({ response, id }) {
      const copy = pending.get(id);
      pending.delete(id);
      if (response.status !== 401 || !copy) return response;
      const token = await hooks.refresh();
      if (!token) {
        hooks.expired();
        return response;
      }
      copy.headers.set("Authorization", `Bearer ${token}`);
      return send(copy);
    },
    onError({ id }) {
      pending.delete(id);
    },
  };
}

export function createApiClient(hooks: SessionHooks, options: ClientOptions = {}): ApiClient {
  // Looked up at call time, so tests can stub the global fetch.
  const send = (request: Request) => (options.fetch ?? globalThis.fetch)(request);
  const client = createClient<paths>({ baseUrl: options.baseUrl ?? "", fetch: send });
  client.use(sessionMiddleware(hooks, send));
  return client;
}
