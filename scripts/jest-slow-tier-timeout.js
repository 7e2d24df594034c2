// The end-to-end tiers start Kessai, PostgreSQL, the sandbox or Chromium in their hooks: on a loaded machine that
// takes longer than jest's 5 s default, so a hook without its own timeout gets this one.
jest.setTimeout(30_000);
