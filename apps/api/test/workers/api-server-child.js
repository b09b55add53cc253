/* eslint-disable @typescript-eslint/no-require-imports -- a plain Node (CommonJS) entry for a child process */
// A whole API server in its own OS process, on a database and port the parent gives; it tells the parent its
// address once it listens, and stops gracefully on SIGTERM.
require('./register-ts');
require('reflect-metadata');
require('./api-server-child.ts')
  .main(process.argv.slice(2))
  .catch((error) => {
    process.send?.({ error: String(error?.stack ?? error) });
    process.exit(1);
  });
