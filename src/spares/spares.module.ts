import { Module } from '@nestjs/common';
import { SparesController } from './spares.controller';
import { SparesService } from './spares.service';

/** Spare loans per contract (DESIGN §8: the spare lent until the faulty goods are repaired). */
@Module({ controllers: [SparesController], providers: [SparesService] })
export class SparesModule {}
