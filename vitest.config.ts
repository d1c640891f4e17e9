import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: ["data", "packages/*", "sites/*", "tests"],
    reporters: ["default"],
  },
});
