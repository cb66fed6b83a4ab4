import { beforeEach, describe, expect, it } from "vitest";
import { createPinia, setActivePinia } from "pinia";
import { LARGE_TEXT_CLASS, useDisplayStore } from "./display";

describe("large-text mode (长辈模式)", () => {
  beforeEach(() => {
    localStorage.clear();
    document.documentElement.className = "";
    setActivePinia(createPinia());
  });

  it("scales the page and is remembered on the phone", () => {
    const display = useDisplayStore();
    display.setLargeText(true);
    expect(document.documentElement.classList.contains(LARGE_TEXT_CLASS)).toBe(true);
    setActivePinia(createPinia());
    const again = useDisplayStore();
    expect(again.largeText).toBe(true);
    again.setLargeText(false);
    expect(document.documentElement.classList.contains(LARGE_TEXT_CLASS)).toBe(false);
  });
});
