/* eslint-disable @typescript-eslint/no-require-imports -- a plain Node (CommonJS) entry for a child process */
// A second process that runs one workflow node run the way the worker does, and stops mid-step: after
// the node's effect, before its transaction commits, it tells the parent and waits to be killed.
require('./register-ts');
require('reflect-metadata');
require('./workflow-node-child.ts')
  .main(process.argv.slice(2))
  .catch((error) => {
    process.send?.({ error: String(error?.stack ?? error) });
    process.exit(1);
  });
