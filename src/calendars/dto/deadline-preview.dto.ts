import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsDefined, IsOptional, ValidateNested } from 'class-validator';
import { IsIsoInstant } from '../../admin/time-input';
import { DurationDto } from './duration.dto';

export class PreviewPauseDto {
  @ApiProperty({ example: '2026-11-20T17:30:00+08:00', description: 'ISO 8601 instant with offset or Z' })
  @IsIsoInstant()
  from: string;

  @ApiPropertyOptional({
    example: '2026-11-23T09:30:00+08:00',
    nullable: true,
    description: 'ISO 8601 instant with offset or Z, not before from; null or missing = still paused (the deadline is then unknown)',
  })
  @IsOptional()
  @IsIsoInstant()
  to?: string | null;
}

export class DeadlinePreviewDto {
  @ApiProperty({ example: '2026-11-20T17:00:00+08:00', description: 'When the clock starts: ISO 8601 instant with offset or Z' })
  @IsIsoInstant()
  start: string;

  @ApiProperty({ type: DurationDto, example: { amount: 2, unit: 'workingHours' } })
  @IsDefined()
  @ValidateNested()
  @Type(() => DurationDto)
  duration: DurationDto;

  @ApiPropertyOptional({
    type: [PreviewPauseDto],
    description: 'Intervals during which the clock stops (force majeure, waiting on the customer)',
  })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PreviewPauseDto)
  pauses?: PreviewPauseDto[];
}

export class DeadlinePreviewResponse {
  @ApiProperty({
    example: '2026-11-23T02:00:00.000Z',
    nullable: true,
    type: String,
    description: 'UTC; null while an open pause holds the clock',
  })
  deadline: string | null;

  @ApiProperty({
    example: '2026-11-23T10:00:00.000+08:00',
    nullable: true,
    type: String,
    description: "The same instant in the calendar's zone",
  })
  deadlineLocal: string | null;

  @ApiProperty({ example: '3f0c6a4e-8a36-4a53-9a0e-0c8a4ef6f0b1' }) calendarId: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) zone: string;
  @ApiProperty({ example: '2026-11-20T09:00:00.000Z', description: 'The start, UTC' }) start: string;
  @ApiProperty({ type: DurationDto }) duration: DurationDto;
}
