import { describe, expect, it } from "vitest";
import { createI18n } from "vue-i18n";
import zh from "./locales/zh-CN";
import en from "./locales/en";
import { explainDistance, explainOthers, explainWhy } from "./explain";

function translator(locale: "zh-CN" | "en") {
  const i18n = createI18n({
    legacy: false,
    locale,
    messages: { "zh-CN": { proposals: zh }, en: { proposals: en } },
  });
  return (key: string, values?: Record<string, unknown>) =>
    values ? i18n.global.t(key, values) : i18n.global.t(key);
}

const best = {
  code: "best_match",
  message: "整体最优方案的一部分：3.2 公里。",
  details: { distance_km: 3.249, skills_matched: ["math"], attributes_matched: [], remote: false, other_feasible_providers: 4 },
  others: 4,
};

describe("explanations", () => {
  it("says why in Chinese from the code and its numbers, without codes", () => {
    const t = translator("zh-CN");
    const why = explainWhy(best, t, (s) => (s === "math" ? "数学" : s));
    expect(why).toBe("在全县整体最优方案中；具备所需技能：数学");
    expect(why).not.toMatch(/best_match|[a-z]{3,}/);
    expect(explainDistance(3.249, best, t)).toBe("3.2 公里");
    expect(explainOthers(best, t)).toBe("另有 4 个服务方可选");
  });

  it("says it in English too", () => {
    const t = translator("en");
    expect(explainWhy({ code: "preferred_kept", details: {} }, t)).toBe(
      "Kept from the last proposal; the best plan needs no change",
    );
    expect(explainDistance(12.6, { details: {} }, t)).toBe("13 km");
    expect(explainOthers({ others: 0 }, t)).toBe("No other option");
  });

  it("never spells a skill without a name as its code", () => {
    const t = translator("zh-CN");
    const why = explainWhy({ code: "best_match", details: { skills_matched: ["math", "origami"] } }, t, (s) =>
      s === "math" ? "数学" : null,
    );
    expect(why).toBe("在全县整体最优方案中；具备所需技能");
  });

  it("says remote help has no distance, and falls back to the API's sentence for other codes", () => {
    const t = translator("zh-CN");
    expect(explainDistance(0, { details: { remote: true } }, t)).toBe("远程或寄送");
    expect(explainWhy({ code: "something_new", message: "服务器给出的说明" }, t)).toBe("服务器给出的说明");
    expect(explainOthers({ details: {} }, t)).toBe("—");
  });
});
