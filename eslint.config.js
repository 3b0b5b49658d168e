// The project's linter: ESLint's and typescript-eslint's recommended rules over the TypeScript and the scripts.
// Formatting is prettier's (.prettierrc.json); these rules are about mistakes, not style.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "out/", "node_modules/", "test/golden/", "test/fixtures/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly", Buffer: "readonly" } },
    rules: {
      // Control characters in regular expressions are what text-safety.ts and the checks that refuse them are for.
      "no-control-regex": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // CommonJS scripts (bench's preload, the precompiled validators' loaders) require as CommonJS does.
    files: ["**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", module: "writable", __dirname: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // The page checks run functions inside Chromium (page.evaluate): the browser's globals are theirs.
    files: ["test/pages-browser.mjs"],
    languageOptions: { globals: { document: "readonly", NodeFilter: "readonly", window: "readonly" } },
  },
);
