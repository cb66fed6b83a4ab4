import { describe, expect, it } from "vitest";
import { checkSteps } from "./checks";

describe("background check steps", () => {
  it("records the start of a check before its decision", () => {
    expect(checkSteps("registered", "cleared")).toEqual(["pending", "cleared"]);
    expect(checkSteps("expired", "rejected")).toEqual(["pending", "rejected"]);
  });
  it("records an allowed change at once, and leaves a refused one to the API", () => {
    expect(checkSteps("pending", "cleared")).toEqual(["cleared"]);
    expect(checkSteps("registered", "pending")).toEqual(["pending"]);
    expect(checkSteps("registered", "expired")).toEqual(["expired"]);
  });
  it("renews a cleared check as a new check", () => {
    expect(checkSteps("cleared", "cleared")).toEqual(["pending", "cleared"]);
  });
});
