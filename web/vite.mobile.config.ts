import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, URL } from "node:url";
import { defineConfig } from "vite";
import { VantResolver } from "@vant/auto-import-resolver";
import type { Plugin } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import { appConfig } from "./vite.shared.ts";

const base = appConfig({
  app: "mobile",
  base: "/m/",
  resolvers: [VantResolver()],
  plugins: [
    vantIconsOffline(),
    VitePWA({
      // Registered from main.ts (virtual:pwa-register): no inline script under the CSP.
      injectRegister: false,
      registerType: "autoUpdate",
      scope: "/m/",
      base: "/m/",
      manifest: {
        id: "/m/",
        name: "同行 · 志愿者",
        short_name: "同行",
        description: "困境儿童关爱服务：结对、走访、服务时长与强制报告",
        lang: "zh-CN",
        start_url: "/m/",
        scope: "/m/",
        display: "standalone",
        orientation: "portrait",
        background_color: "#ffffff",
        theme_color: "#1d6f42",
        icons: [
          { src: "icons/icon-192.png", sizes: "192x192", type: "image/png" },
          { src: "icons/icon-512.png", sizes: "512x512", type: "image/png" },
          {
            src: "icons/icon-512-maskable.png",
            sizes: "512x512",
            type: "image/png",
            purpose: "maskable",
          },
        ],
      },
      workbox: {
        // The offline shell: every built file precached; any /m/ route opens index.html.
        globPatterns: ["**/*.{js,css,html,png,svg,woff2}"],
        navigateFallback: "/m/index.html",
        navigateFallbackAllowlist: [/^\/m\//],
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
});

export default defineConfig({
  ...base,
  build: {
    ...base.build,
    rolldownOptions: {
      output: {
        // What the first screen needs from node_modules (Vue, the router, Pinia, vue-i18n,
        // the Vant pieces of sign-in) in one chunk, instead of a handful of small shared
        // chunks: on HTTP/1.1 a browser opens 6 connections to a host, and each request
        // past them waits a whole round trip (2 s on a slow 3G network).
        codeSplitting: {
          groups: [{ name: "first-screen", tags: ["$initial"] }],
        },
      },
    },
  },
  // vue-i18n's composition API only (no legacy API, no <i18n-t>/v-t, no devtools hooks): a
  // smaller first download for the phone on a slow network.
  define: {
    __VUE_I18N_LEGACY_API__: "false",
    __VUE_I18N_FULL_INSTALL__: "false",
    __INTLIFY_PROD_DEVTOOLS__: "false",
  },
});

/** Vant's icon font comes inlined in its CSS (25 KB of base64 woff2) with a CDN fallback
 * (woff). Drop the fallback, so the app never reaches outside its own origin (the CSP would
 * refuse it anyway), and move the font into a file of its own: the first screen's CSS then
 * carries no font, and the browser fetches the font only when a screen shows an icon (the
 * service worker precaches it for offline use). */
function vantIconsOffline(): Plugin {
  const cache = fileURLToPath(new URL("./node_modules/.cache/tongxing", import.meta.url));
  return {
    name: "tongxing:vant-icons-offline",
    enforce: "pre",
    transform(code, id) {
      const file = id.split("?")[0]!;
      if (!/vant[\\/]es[\\/]icon[\\/]index\.css$/.test(file)) return null;
      let out = code.replace(/,\s*url\([^)]*alicdn\.com[^)]*\)\s*format\("woff"\)/g, "");
      if (out.includes("alicdn")) this.error("Vant's icon CSS changed: update this plugin");
      out = out.replace(/url\(data:font\/woff2;[^,]*base64,([A-Za-z0-9+/=]+)\)/, (_, data: string) => {
        const font = Buffer.from(data, "base64");
        const name = `vant-icon-${createHash("sha256").update(font).digest("hex").slice(0, 8)}.woff2`;
        mkdirSync(cache, { recursive: true });
        writeFileSync(path.join(cache, name), font);
        return `url("${path.relative(path.dirname(file), path.join(cache, name)).split(path.sep).join("/")}")`;
      });
      if (out.includes("data:font")) this.error("Vant's icon font moved: update this plugin");
      return { code: out, map: null };
    },
  };
}
