import { describe, expect, it } from "vitest";
import zhShared from "./locales/zh-CN";
import { collectMessages, type LocaleModules } from "./index";

function keys(value: unknown, prefix = ""): string[] {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

const apps = {
  console: import.meta.glob(["../../console/locales/*.ts", "../../console/features/*/locales/*.ts"], {
    eager: true,
  }),
  mobile: import.meta.glob(["../../mobile/locales/*.ts", "../../mobile/features/*/locales/*.ts"], {
    eager: true,
  }),
};

describe("messages", () => {
  it("English has exactly the keys of Simplified Chinese, shared and per app", async () => {
    const sharedEn = (await import("./locales/en")).default;
    expect(keys(sharedEn).sort()).toEqual(keys(zhShared).sort());
    for (const modules of Object.values(apps)) {
      const messages = collectMessages(modules as LocaleModules);
      expect(keys(messages.en).sort()).toEqual(keys(messages["zh-CN"]).sort());
    }
  });

  it("no app or feature namespace hides a shared one", () => {
    for (const modules of Object.values(apps)) {
      const messages = collectMessages(modules as LocaleModules);
      const clash = Object.keys(messages["zh-CN"]).filter((k) => k in zhShared);
      expect(clash).toEqual([]);
    }
  });
});

describe("skills", () => {
  it("every skill a volunteer can declare is named in both languages, and nothing else is", async () => {
    const { SKILLS } = await import("../vocabulary");
    const sharedEn = (await import("./locales/en")).default;
    expect(Object.keys(zhShared.skill).sort()).toEqual([...SKILLS].sort());
    expect(Object.keys(sharedEn.skill).sort()).toEqual([...SKILLS].sort());
  });
});
