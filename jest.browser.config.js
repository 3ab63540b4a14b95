/** The browser suite: Playwright (playwright-core) driving Debian's Chromium against the real app. */
import { base } from './jest.config.js';

export default {
  ...base,
  testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
  testTimeout: 90_000,
};
