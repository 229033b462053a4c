import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The language of a contract's customer-facing documents (fault reports, notifications), and the
 * copy each incident pins when it is reported. Contracts that exist already keep English, the
 * language their documents have been written in so far; new ones default to Chinese (see
 * src/i18n/languages.ts). Incidents reported before this have no pinned language: they follow
 * their contract's.
 */
export class ContractLanguage1766150000000 implements MigrationInterface {
  name = 'ContractLanguage1766150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contracts ADD COLUMN language text NOT NULL DEFAULT 'en' CHECK (language IN ('zh-CN', 'en'))`);
    await q.query(`ALTER TABLE contracts ALTER COLUMN language SET DEFAULT 'zh-CN'`);
    await q.query(`ALTER TABLE incidents ADD COLUMN language text CHECK (language IN ('zh-CN', 'en'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE incidents DROP COLUMN language`);
    await q.query(`ALTER TABLE contracts DROP COLUMN language`);
  }
}
