// What both apps share: Vue, the `@` alias, on-demand components, one output folder each.
import { fileURLToPath, URL } from "node:url";
import vue from "@vitejs/plugin-vue";
import type { PluginOption, UserConfig } from "vite";
import Components from "unplugin-vue-components/vite";
import type { ComponentResolver } from "unplugin-vue-components";

export const SRC = fileURLToPath(new URL("./src", import.meta.url));

export interface AppBuild {
  /** Folder under src/ holding index.html, main.ts and the app's code. */
  app: "console" | "mobile";
  /** Where Flask serves it. */
  base: "/console/" | "/m/";
  resolvers: ComponentResolver[];
  plugins?: PluginOption[];
}

export function appConfig({ app, base, resolvers, plugins = [] }: AppBuild): UserConfig {
  const root = `${SRC}/${app}`;
  return {
    root,
    base,
    publicDir: `${root}/public`,
    envDir: fileURLToPath(new URL(".", import.meta.url)),
    resolve: { alias: { "@": SRC } },
    plugins: [
      vue(),
      // Element Plus / Vant components are imported where a template uses them, with their
      // CSS, instead of the whole library.
      Components({ resolvers, dts: `${root}/components.d.ts`, dirs: [] }),
      ...plugins,
    ],
    build: {
      outDir: fileURLToPath(new URL(`./dist/${app}`, import.meta.url)),
      emptyOutDir: true,
      manifest: true, // benchmarks/bench_web.py reads the first route's files from it
      target: "es2022",
      chunkSizeWarningLimit: 1200,
    },
    server: { proxy: { "/api": "http://127.0.0.1:5000" } },
  };
}
