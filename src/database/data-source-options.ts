import { DataSourceOptions } from 'typeorm';
import { InitialSchema1764000000000 } from './migrations/1764000000000-InitialSchema';
import { AccessAndAudit1765000000000 } from './migrations/1765000000000-AccessAndAudit';
import { PinnedSnapshots1766000000000 } from './migrations/1766000000000-PinnedSnapshots';
import { ContractLanguage1766150000000 } from './migrations/1766150000000-ContractLanguage';
import { SharedWriteRateLimit1766500000000 } from './migrations/1766500000000-SharedWriteRateLimit';
import { AuditWithTheTimeline1766600000000 } from './migrations/1766600000000-AuditWithTheTimeline';
import { SpareLoans1766700000000 } from './migrations/1766700000000-SpareLoans';
import { NoPenaltyContracts1795904708251 } from './migrations/1795904708251-NoPenaltyContracts';
import { LedgerAdjustments1795904708252 } from './migrations/1795904708252-LedgerAdjustments';
import { ContractLife1795904708253 } from './migrations/1795904708253-ContractLife';
import { ExclusionCauses1795904708300 } from './migrations/1795904708300-ExclusionCauses';
import { ClassCalendars1795904708400 } from './migrations/1795904708400-ClassCalendars';

/** The one TypeORM options object, shared by the API, the worker, the migration runner and tests. */
export function buildDataSourceOptions(databaseUrl: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    synchronize: false,
    migrationsRun: false,
    migrations: [
      InitialSchema1764000000000,
      AccessAndAudit1765000000000,
      PinnedSnapshots1766000000000,
      ContractLanguage1766150000000,
      SharedWriteRateLimit1766500000000,
      AuditWithTheTimeline1766600000000,
      SpareLoans1766700000000,
      NoPenaltyContracts1795904708251,
      LedgerAdjustments1795904708252,
      ContractLife1795904708253,
      ExclusionCauses1795904708300,
      ClassCalendars1795904708400,
    ],
    migrationsTableName: 'schema_migrations',
    entities: [],
    extra: { max: poolSize, connectionTimeoutMillis: 5000 },
    logging: ['error'],
  };
}
