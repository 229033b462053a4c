import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsIsoInstant } from '../../admin/time-input';
import { RUNGS, TARGET_ANCHORS } from '../../domain/policy/policy';
import { TargetSchema } from './policy-definition.schema';

export class PolicyPreviewDto {
  @ApiProperty({ example: 'urgent', description: 'One of the severity classes of the policy version' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  severity: string;

  @ApiProperty({ example: '2026-11-20T17:00:00+08:00', description: 't0: ISO 8601 instant with offset or Z' })
  @IsIsoInstant()
  reportedAt: string;

  @ApiProperty({ example: '24x7', description: 'Calendar the working-time targets run on' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  calendarId: string;

  @ApiPropertyOptional({ example: 1, description: 'Policy version; default the current one' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version?: number;
}

export class PreviewRowResponse {
  @ApiProperty({ example: 'onsite.arriveWithin', description: 'rung.target' }) key: string;
  @ApiProperty({ enum: RUNGS, example: 'onsite' }) rung: string;
  @ApiProperty({ type: TargetSchema, example: { amount: 4, unit: 'hours', anchor: 'rungStart' } }) target: TargetSchema;
  @ApiProperty({ enum: TARGET_ANCHORS, example: 'rungStart' }) anchor: string;
  @ApiProperty({ example: '2026-11-20T10:00:00.000Z', description: 'UTC instant the target is counted from' }) anchorAt: string;
  @ApiProperty({ example: '2026-11-20T14:00:00.000Z', description: 'UTC instant the target falls due' }) dueAt: string;
  @ApiProperty({ example: '2026-11-20T22:00:00.000+08:00', description: "dueAt in the calendar's zone" }) dueAtLocal: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'assumes the onsite rung opens when remote.resolveWithin falls due (2026-11-20T10:00:00.000Z)',
    description: 'For rungStart-anchored targets: the moment the rung is assumed to open; null for report-anchored targets',
  })
  assumption: string | null;
}
