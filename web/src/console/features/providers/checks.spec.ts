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
    expect(checkSteps("cleared", "cleared")).toEqual(["cleared"]);
  });
});
