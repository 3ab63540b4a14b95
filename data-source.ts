/**
 * The data source for the typeorm CLI (`npm run migration:*`). With DATABASE_URL unset it uses the
 * embedded PostgreSQL in PLEIN_DATA_DIR (starting it if Plein is not running).
 */
import { DataSource } from 'typeorm';
import { loadConfig, startEmbeddedPostgres } from './libs/core/src/index.js';
import { dataSourceOptions } from './orm.js';

async function create(): Promise<DataSource> {
  const config = loadConfig();
  const url = config.databaseUrl ?? (await startEmbeddedPostgres({ dataDir: config.dataDir })).url;
  return new DataSource(dataSourceOptions(url));
}

export const dataSource = create();
