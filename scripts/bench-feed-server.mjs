// Child process of bench-feed.mjs and bench-group.mjs: runs one server in its own process, so the
// load generator (the parent) does not share its event loop with the server it measures.
//   api <env-json>              the built Plein api (startPlein)
//   raw <db-url> <sql> <json>   the bare baseline: node:http + pg, one (prepared) SQL per request; the query
//                               string's `as` picks the parameter list from the JSON map
// IPC: { cmd: 'count' } → SQL statements sent since the last count (every pg query of the process);
// { cmd: 'stop' } → stop and exit.
import http from 'node:http';
import pg from 'pg';
import { distImport } from './bench-support.mjs';

let statements = 0;
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(...args) {
  statements++;
  return original.apply(this, args);
};

const [mode, ...rest] = process.argv.slice(2);
let stop;

if (mode === 'api') {
  const { startPlein } = await distImport('apps/api/src/bootstrap.js');
  const plein = await startPlein({ env: JSON.parse(rest[0]) });
  stop = () => plein.stop();
  process.send({ ready: true, url: plein.url });
} else {
  const [url, sql, paramsJson] = rest;
  const params = JSON.parse(paramsJson);
  const pool = new pg.Pool({ connectionString: url, max: 16 });
  const server = http.createServer(async (req, res) => {
    try {
      // A named prepared statement, like the api's feed: parsed and planned once per connection.
      const rows = (await pool.query({ name: 'bare_page', text: sql, values: params[new URL(req.url, 'http://x').searchParams.get('as')] })).rows;
      const body = JSON.stringify({ edges: rows.slice(0, 20), hasNextPage: rows.length > 20 });
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  stop = async () => {
    server.close();
    await pool.end();
  };
  process.send({ ready: true, url: `http://127.0.0.1:${server.address().port}` });
}

process.on('message', async (msg) => {
  if (msg.cmd === 'count') {
    process.send({ statements });
    statements = 0;
  } else if (msg.cmd === 'stop') {
    await stop().catch(() => undefined);
    process.exit(0);
  }
});
