import { fileURLToPath, pathToFileURL } from "node:url";
import type { AstroUserConfig } from "astro";

/** Vite's plugin type as Astro's own Vite version declares it. */
type VitePlugin = NonNullable<NonNullable<AstroUserConfig["vite"]>["plugins"]>[number];

/**
 * Workspace packages are TypeScript sources that Vite bundles into the site's build chunks, so their
 * `import.meta.url` would point into `dist/` instead of at the file itself. `@spotiflies/analysis`
 * locates its output folder from `import.meta.url`; this plugin pins each workspace module's
 * `import.meta.url` to the module's real file URL.
 */
export function workspaceImportMetaUrl(packagesDir: URL): VitePlugin {
  const root = fileURLToPath(packagesDir);
  return {
    name: "spotiflies:workspace-import-meta-url",
    enforce: "pre",
    transform(code, id) {
      const file = id.split("?")[0] ?? id;
      if (!file.startsWith(root) || file.includes("/node_modules/") || !code.includes("import.meta.url")) {
        return undefined;
      }
      return {
        code: code.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(file).href)),
        map: null,
      };
    },
  };
}
