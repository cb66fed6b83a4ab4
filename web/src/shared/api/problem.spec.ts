import { describe, expect, it } from "vitest";
import { ApiError, fieldErrors, unwrap } from "./problem";

describe("problem documents", () => {
  it("joins the messages of each field of a 422", () => {
    expect(
      fieldErrors({ errors: { phone: ["格式不对。"], guardian: { phone: ["必填。"] } } }),
    ).toEqual({ phone: "格式不对。", guardian: "必填。" });
  });

  it("unwrap throws the API's problem, and status 0 when nothing came back", async () => {
    const response = new Response(null, { status: 409 });
    const failed = unwrap(Promise.resolve({ error: { title: "冲突", detail: "已被修改" }, response }));
    await expect(failed).rejects.toMatchObject({ status: 409, message: "已被修改" });
    const offline = unwrap(Promise.reject(new TypeError("Failed to fetch")));
    await expect(offline).rejects.toBeInstanceOf(ApiError);
    await expect(offline).rejects.toMatchObject({ status: 0 });
  });
});
