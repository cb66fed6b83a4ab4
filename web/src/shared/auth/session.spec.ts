import { beforeEach, describe, expect, it, vi } from "vitest";
import { createPinia, setActivePinia } from "pinia";
import { REMEMBERED_KEY, useSessionStore } from "./session";

const user = { id: 5, display_name: "晋江市儿童督导员", role: "coordinator" };

function reply(status: number, body?: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}

describe("the session store", () => {
  let fetch: ReturnType<typeof vi.fn<(request: Request) => Promise<Response>>>;

  beforeEach(() => {
    setActivePinia(createPinia());
    document.cookie = "csrf_refresh_token=; max-age=0";
    localStorage.clear();
    fetch = vi.fn<(request: Request) => Promise<Response>>();
    vi.stubGlobal("fetch", fetch);
  });

  it("signs in in cookie mode and keeps the access token in memory only", async () => {
    fetch.mockResolvedValueOnce(
      reply(200, { access_token: "a1", token_type: "Bearer", expires_in: 900, user }),
    );
    const session = useSessionStore();
    await session.signIn("13800000001", "tongxing-demo");
    const sent = fetch.mock.calls[0]![0];
    expect(new URL(sent.url).searchParams.get("mode")).toBe("cookie");
    expect(session.accessToken).toBe("a1");
    expect(session.isSignedIn).toBe(true);
    expect(JSON.stringify(localStorage)).not.toContain("a1");
  });

  it("restores the session on boot with the cookie, sending the CSRF header", async () => {
    document.cookie = "csrf_refresh_token=csrf-123";
    fetch.mockResolvedValueOnce(
      reply(200, { access_token: "a2", token_type: "Bearer", expires_in: 900, user }),
    );
    const session = useSessionStore();
    expect(await session.restore()).toBe(true);
    const sent = fetch.mock.calls[0]![0];
    expect(new URL(sent.url).pathname).toBe("/api/v1/auth/refresh");
    expect(sent.headers.get("X-CSRF-TOKEN")).toBe("csrf-123");
    expect(session.user?.display_name).toBe("晋江市儿童督导员");
  });

  it("is signed out on boot when there is no cookie, without calling the API", async () => {
    const session = useSessionStore();
    expect(await session.restore()).toBe(false);
    expect(session.status).toBe("signed-out");
    expect(fetch).not.toHaveBeenCalled();
  });

  it("marks a session whose refresh is refused as expired", async () => {
    fetch.mockResolvedValueOnce(
      reply(200, { access_token: "a3", token_type: "Bearer", expires_in: 900, user }),
    );
    const session = useSessionStore();
    await session.signIn("13800000001", "tongxing-demo");
    document.cookie = "csrf_refresh_token=csrf-9";
    fetch.mockResolvedValueOnce(reply(401, { title: "Authentication required" }));
    expect(await session.refresh()).toBeNull();
    expect(session.status).toBe("signed-out");
    expect(session.endReason).toBe("expired");
  });

  it("keeps a signed-in session when the refresh cannot reach the server, and renews it online", async () => {
    fetch.mockResolvedValueOnce(
      reply(200, { access_token: "a4", token_type: "Bearer", expires_in: 900, user }),
    );
    const session = useSessionStore();
    await session.signIn("13800000001", "tongxing-demo");
    document.cookie = "csrf_refresh_token=csrf-10";
    fetch.mockRejectedValueOnce(new TypeError("Failed to fetch"));
    expect(await session.refresh()).toBeNull();
    expect(session.status).toBe("signed-in");
    expect(session.endReason).toBeNull();
    fetch.mockResolvedValueOnce(
      reply(200, { access_token: "a5", token_type: "Bearer", expires_in: 900, user }),
    );
    window.dispatchEvent(new Event("online"));
    await vi.waitFor(() => expect(session.accessToken).toBe("a5"));
  });

  it("signs out on the server and forgets the token", async () => {
    fetch.mockResolvedValueOnce(
      reply(200, { access_token: "a4", token_type: "Bearer", expires_in: 900, user }),
    );
    const session = useSessionStore();
    await session.signIn("13800000001", "tongxing-demo");
    fetch.mockResolvedValueOnce(reply(204));
    await session.signOut();
    const sent = fetch.mock.calls[1]![0];
    expect(new URL(sent.url).pathname).toBe("/api/v1/auth/signout");
    expect(sent.headers.get("Authorization")).toBe("Bearer a4");
    expect(session.accessToken).toBeNull();
    expect(session.endReason).toBeNull();
  });

  describe("a cold start on a device that works offline", () => {
    const volunteer = { id: 7, display_name: "志愿者林老师", role: "volunteer", phone: "13800000003" };

    async function signedInYesterday() {
      fetch.mockResolvedValueOnce(
        reply(200, { access_token: "y1", token_type: "Bearer", expires_in: 900, user: volunteer }),
      );
      const yesterday = useSessionStore();
      yesterday.allowOffline();
      await yesterday.signIn("13800000003", "tongxing-demo");
      // the app is closed; today it starts anew with the cookie still there
      setActivePinia(createPinia());
      document.cookie = "csrf_refresh_token=csrf-y";
      const today = useSessionStore();
      today.allowOffline();
      return today;
    }

    it("remembers who signed in, and nothing but id, name and role", async () => {
      await signedInYesterday();
      expect(JSON.parse(localStorage.getItem(REMEMBERED_KEY)!)).toEqual({
        id: 7,
        display_name: "志愿者林老师",
        role: "volunteer",
      });
    });

    it("starts signed in, offline, when the refresh cannot reach the server", async () => {
      const session = await signedInYesterday();
      fetch.mockRejectedValueOnce(new TypeError("Failed to fetch"));
      expect(await session.restore()).toBe(true);
      expect(session.status).toBe("signed-in");
      expect(session.offline).toBe(true);
      expect(session.accessToken).toBeNull();
      expect(session.user).toEqual({ id: 7, display_name: "志愿者林老师", role: "volunteer" });
      expect(session.role).toBe("volunteer");

      // the network returns: the session is renewed, and the phone is online again
      fetch.mockResolvedValueOnce(
        reply(200, { access_token: "t1", token_type: "Bearer", expires_in: 900, user: volunteer }),
      );
      window.dispatchEvent(new Event("online"));
      await vi.waitFor(() => expect(session.accessToken).toBe("t1"));
      expect(session.offline).toBe(false);
      expect(session.user?.phone).toBe("13800000003");
    });

    it("drops to sign-in and forgets the user when the refresh is refused once online", async () => {
      const session = await signedInYesterday();
      fetch.mockRejectedValueOnce(new TypeError("Failed to fetch"));
      await session.restore();
      fetch.mockResolvedValueOnce(reply(401, { title: "Authentication required" }));
      window.dispatchEvent(new Event("online"));
      await vi.waitFor(() => expect(session.status).toBe("signed-out"));
      expect(session.endReason).toBe("expired");
      expect(session.user).toBeNull();
      expect(localStorage.getItem(REMEMBERED_KEY)).toBeNull();
    });

    it("is signed out at once when the server refuses the cookie (401)", async () => {
      const session = await signedInYesterday();
      fetch.mockResolvedValueOnce(reply(401, { title: "Authentication required" }));
      expect(await session.restore()).toBe(false);
      expect(session.status).toBe("signed-out");
      expect(session.offline).toBe(false);
      expect(localStorage.getItem(REMEMBERED_KEY)).toBeNull();
    });

    it("signs in online as usual when the refresh succeeds", async () => {
      const session = await signedInYesterday();
      fetch.mockResolvedValueOnce(
        reply(200, { access_token: "t2", token_type: "Bearer", expires_in: 900, user: volunteer }),
      );
      expect(await session.restore()).toBe(true);
      expect(session.offline).toBe(false);
      expect(session.accessToken).toBe("t2");
    });

    it("shows sign-in without signal when nobody is remembered", async () => {
      document.cookie = "csrf_refresh_token=csrf-z";
      const session = useSessionStore();
      session.allowOffline();
      fetch.mockRejectedValueOnce(new TypeError("Failed to fetch"));
      expect(await session.restore()).toBe(false);
      expect(session.status).toBe("signed-out");
    });

    it("needs the refresh cookie: without it nobody is signed in, and nothing is asked", async () => {
      const session = await signedInYesterday();
      document.cookie = "csrf_refresh_token=; max-age=0";
      expect(await session.restore()).toBe(false);
      expect(fetch).toHaveBeenCalledTimes(1); // yesterday's sign-in only
      expect(localStorage.getItem(REMEMBERED_KEY)).toBeNull();
    });

    it("is not offline-capable unless the app says so (the console)", async () => {
      fetch.mockResolvedValueOnce(
        reply(200, { access_token: "c1", token_type: "Bearer", expires_in: 900, user }),
      );
      const session = useSessionStore();
      await session.signIn("13800000001", "tongxing-demo");
      expect(localStorage.getItem(REMEMBERED_KEY)).toBeNull();
    });

    it("forgets the remembered user at sign-out", async () => {
      fetch.mockResolvedValueOnce(
        reply(200, { access_token: "y2", token_type: "Bearer", expires_in: 900, user: volunteer }),
      );
      const session = useSessionStore();
      session.allowOffline();
      await session.signIn("13800000003", "tongxing-demo");
      expect(localStorage.getItem(REMEMBERED_KEY)).not.toBeNull();
      fetch.mockResolvedValueOnce(reply(204));
      await session.signOut();
      expect(localStorage.getItem(REMEMBERED_KEY)).toBeNull();
    });
  });
});
