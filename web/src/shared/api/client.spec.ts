import { describe, expect, it, vi } from "vitest";
import { createApiClient, type SessionHooks } from "./client";

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json" },
  });
}

function session(overrides: Partial<SessionHooks> = {}): SessionHooks {
  let token: string | null = "old";
  return {
    accessToken: () => token,
    refresh: vi.fn(async () => (token = "new")),
    expired: vi.fn(),
    locale: () => "en",
    ...overrides,
  };
}

describe("the API client", () => {
  it("sends the access token and the interface language", async () => {
    const fetch = vi.fn(async (_request: Request) => json(200, { id: 1 }));
    const api = createApiClient(session(), { fetch: fetch as never, baseUrl: "http://test" });
    await api.GET("/api/v1/users/me");
    const sent = fetch.mock.calls[0]![0];
    expect(sent.headers.get("Authorization")).toBe("Bearer old");
    expect(sent.headers.get("Accept-Language")).toBe("en");
  });

  it("refreshes once on a 401 and sends the call again, body and all", async () => {
    const hooks = session();
    const bodies: string[] = [];
    const fetch = vi.fn(async (request: Request) => {
      bodies.push(await request.text());
      return request.headers.get("Authorization") === "Bearer new"
        ? json(201, { id: 7 })
        : json(401, { title: "Authentication required" });
    });
    const api = createApiClient(hooks, { fetch: fetch as never, baseUrl: "http://test" });
    const { data, response } = await api.POST("/api/v1/children/{child_id}/records", {
      params: { path: { child_id: 3 } },
      body: { kind: "work_log", summary: "入户走访" } as never,
    });
    expect(response.status).toBe(201);
    expect(data).toEqual({ id: 7 });
    expect(hooks.refresh).toHaveBeenCalledTimes(1);
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toBe(bodies[0]);
  });

  it("gives up and ends the session when the refresh fails", async () => {
    const hooks = session({ refresh: vi.fn(async () => null) });
    const fetch = vi.fn(async () => json(401, { title: "Authentication required" }));
    const api = createApiClient(hooks, { fetch: fetch as never, baseUrl: "http://test" });
    const { response } = await api.GET("/api/v1/users/me");
    expect(response.status).toBe(401);
    expect(hooks.expired).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("never retries the session calls themselves", async () => {
    const hooks = session();
    const fetch = vi.fn(async () => json(401, { title: "Wrong account or password." }));
    const api = createApiClient(hooks, { fetch: fetch as never, baseUrl: "http://test" });
    await api.POST("/api/v1/auth/signin", { body: { identifier: "x", password: "y" } });
    await api.POST("/api/v1/auth/refresh", { params: { query: { mode: "cookie" } } });
    expect(hooks.refresh).not.toHaveBeenCalled();
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
