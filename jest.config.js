/** Jest as native ESM with ts-jest; `@plein/*` resolves to the libs' sources. */
const base = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^@plein/([^/]+)$': '<rootDir>/libs/$1/src/index.ts',
    // Deep imports (`@plein/blogs/blog-html.js`) point at the .ts source.
    '^@plein/([^/]+)/(.*)\\.js$': '<rootDir>/libs/$1/src/$2',
    '^@plein/([^/]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json', diagnostics: { warnOnly: false } }],
  },
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  testTimeout: 60_000,
};

export { base };

export default {
  ...base,
  testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts', '<rootDir>/test/**/*.test.ts'],
  // The real-OpenLDAP test needs slapd, which .ci/run installs and starts: `npm run test:ldap-slapd`.
  // Browser tests (Chromium) run with `npm run test:browser`, after `npm test`.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/browser/', ...(process.env.PLEIN_SLAPD_URL ? [] : ['<rootDir>/test/slapd/'])],
};
