import { defineConfig } from "vite";
import { ElementPlusResolver } from "unplugin-vue-components/resolvers";
import { appConfig } from "./vite.shared.ts";

export default defineConfig(
  appConfig({
    app: "console",
    base: "/console/",
    resolvers: [ElementPlusResolver({ importStyle: "css" })],
  }),
);
