import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globals: true,
    include: ["transforms/**/__tests__/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/support/globalSetup.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
