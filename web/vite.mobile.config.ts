import { defineConfig } from "vite";
import { VantResolver } from "@vant/auto-import-resolver";
import type { Plugin } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import { appConfig } from "./vite.shared.ts";

export default defineConfig(
  appConfig({
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
  }),
);

/** Vant's icon font is inlined (woff2) with a CDN fallback (woff): drop the fallback, so the
 * app never reaches outside its own origin (the CSP would refuse it anyway). */
function vantIconsOffline(): Plugin {
  return {
    name: "tongxing:vant-icons-offline",
    enforce: "pre",
    transform(code, id) {
      if (!/vant[\\/]es[\\/]icon[\\/]index\.css/.test(id)) return null;
      const stripped = code.replace(/,\s*url\([^)]*alicdn\.com[^)]*\)\s*format\("woff"\)/g, "");
      if (stripped.includes("alicdn")) this.error("Vant's icon CSS changed: update this plugin");
      return { code: stripped, map: null };
    },
  };
}
