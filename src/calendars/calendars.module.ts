import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarEntity } from './calendar.entity';
import { CalendarsController } from './calendars.controller';
import { CalendarsService } from './calendars.service';
import { DeadlinePreviewService } from './deadline-preview.service';

@Module({
  imports: [TypeOrmModule.forFeature([CalendarEntity])],
  controllers: [CalendarsController],
  providers: [CalendarsService, DeadlinePreviewService],
  exports: [CalendarsService],
})
export class CalendarsModule {}
