import { describe, expect, it } from "vitest";
import { categoryFor, checkOffer, emptyOffer, offerBody } from "./offer";

const categories = [
  { code: "tutoring", kind: "service" as const, active: true },
  { code: "goods_old", kind: "goods" as const, active: false },
  { code: "goods", kind: "goods" as const, active: true },
  { code: "funds", kind: "funds" as const, active: true },
  { code: "training_post", kind: "post" as const, active: true },
];

describe("a donor's offer", () => {
  it("names every missing field of goods", () => {
    expect(checkOffer(emptyOffer("goods"))).toEqual({
      title: "donor.errors.title",
      item_code: "donor.errors.item",
      quantity: "donor.errors.quantity",
      unit: "donor.errors.unit",
    });
  });

  it("sends goods by item, with quantity and unit, under the goods category", () => {
    const form = { ...emptyOffer("goods"), title: " 书包 ", itemCode: "school_supplies", quantity: 50, unit: "个" };
    expect(checkOffer(form)).toEqual({});
    const code = categoryFor("goods", categories)!;
    expect(code).toBe("goods"); // the retired category is skipped
    expect(offerBody(form, code)).toEqual({
      category_code: "goods",
      title: "书包",
      coord_system: "wgs84",
      item_code: "school_supplies",
      quantity: 50,
      unit: "个",
    });
  });

  it("sends funds with their allowed uses, and nothing of goods", () => {
    const form = { ...emptyOffer("funds"), title: "助学金", amount: 20000, allowedUses: ["tuition"], quantity: 3 };
    expect(checkOffer(form)).toEqual({});
    expect(offerBody(form, categoryFor("funds", categories)!)).toEqual({
      category_code: "funds",
      title: "助学金",
      coord_system: "wgs84",
      amount: 20000,
      allowed_uses: ["tuition"],
    });
    expect(checkOffer({ ...form, amount: 0 })).toEqual({ amount: "donor.errors.amount" });
  });

  it("sends training posts with a minimum age of 16 or more", () => {
    const form = { ...emptyOffer("post"), title: "烘焙实训岗位", posts: 3, autismFriendly: true };
    expect(offerBody(form, "training_post")).toEqual({
      category_code: "training_post",
      title: "烘焙实训岗位",
      coord_system: "wgs84",
      posts: 3,
      min_age: 16,
      autism_friendly: true,
    });
    expect(checkOffer({ ...form, minAge: 14 })).toEqual({ min_age: "donor.errors.minAge" });
  });
});
