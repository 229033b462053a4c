import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config';
import { buildDataSourceOptions } from './data-source-options';

/** Entry for the TypeORM CLI (`typeorm migration:show -d dist/src/database/data-source.js`). */
export default new DataSource(buildDataSourceOptions(loadConfig().databaseUrl));
