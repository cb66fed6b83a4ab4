import { beforeEach, describe, expect, it } from "vitest";
import sharedZh from "@/shared/i18n/locales/zh-CN";
import sharedEn from "@/shared/i18n/locales/en";
import signinZh from "./locales/zh-CN";
import signinEn from "./locales/en";
import page from "../../index.html?raw";
import { handOver, readStaticSignIn, staticFormSent, takeHandover } from "./handover";

const body = /<body>([\s\S]*?)<noscript>/.exec(page)![1]!; // the screen, not the app script

const MESSAGES: Record<string, Record<string, unknown>> = {
  "zh-CN": { ...sharedZh, signin: signinZh },
  en: { ...sharedEn, signin: signinEn },
};

function message(locale: string, key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], MESSAGES[locale]);
}

describe("the sign-in screen of index.html", () => {
  beforeEach(() => {
    document.documentElement.lang = "zh-CN";
    document.body.innerHTML = body;
    takeHandover();
  });

  it("says what the app's sign-in view says, in both languages", () => {
    const words = [...document.querySelectorAll<HTMLElement>("[data-i18n]")];
    expect(words.length).toBeGreaterThanOrEqual(12);
    for (const word of words) {
      expect(word.textContent, `${word.lang} ${word.dataset.i18n}`).toBe(
        message(word.lang, word.dataset.i18n!),
      );
    }
    const langs = new Set(words.map((word) => word.lang));
    expect(langs).toEqual(new Set(["zh-CN", "en"]));
  });

  it("posts phone and password to the server without any script", () => {
    const form = document.querySelector("[data-static-signin] form")!;
    expect(form.getAttribute("method")).toBe("post");
    expect(form.getAttribute("action")).toBe("/m/sign-in");
    const names = [...form.querySelectorAll("input")].map((input) => input.name);
    expect(names).toEqual(["phone", "password"]);
    expect(form.querySelector("button[type=submit]")).not.toBeNull();
  });

  it("hands what was typed, the field in use and the server's error to the app", () => {
    const phone = document.querySelector<HTMLInputElement>("input[name=phone]")!;
    const password = document.querySelector<HTMLInputElement>("input[name=password]")!;
    phone.value = "13800138000";
    password.value = "secret-pass";
    password.focus();
    const error = document.createElement("p");
    error.setAttribute("role", "alert");
    error.innerHTML = '<span lang="zh-CN">账号或密码错误。</span><span lang="en">Wrong account or password.</span>';
    document.querySelector("form")!.before(error);

    handOver(readStaticSignIn());
    expect(takeHandover()).toEqual({
      phone: "13800138000",
      password: "secret-pass",
      focus: "password",
      error: "账号或密码错误。",
    });
    expect(takeHandover()).toBeNull(); // once: a later visit to sign-in starts empty
  });

  it("reads nothing once the app has replaced the screen", () => {
    document.body.innerHTML = '<div id="app" data-v-app><main><form></form></main></div>';
    expect(readStaticSignIn()).toBeNull();
    expect(staticFormSent()).toBe(false);
  });

  it("knows a submitted form's page is on its way out", () => {
    expect(staticFormSent()).toBe(false);
    document.querySelector("[data-static-signin] form")!.setAttribute("data-sent", "");
    expect(staticFormSent()).toBe(true);
  });
});
