import { ApiProperty } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { RUNGS, TARGET_ANCHORS } from '../../domain/catalogue';
import { isoInstant, text } from '../../domain/fields';
import type { Target } from '../../domain/policy/policy';
import { z } from '../../domain/validation';

export const PolicyPreviewSchema = z.strictObject({
  severity: text(32).meta({ example: 'urgent', description: 'One of the severity classes of the policy version' }),
  reportedAt: isoInstant().meta({ description: 't0' }),
  calendarId: text(200).meta({ example: '24x7', description: 'Calendar the working-time targets run on' }),
  version: z.int().min(1).max(2_147_483_647).optional().meta({ example: 1, description: 'Policy version; default the current one' }),
});

export class PolicyPreviewDto extends createZodDto(PolicyPreviewSchema) {}

export class PreviewRowResponse {
  @ApiProperty({ example: 'onsite.arriveWithin', description: 'rung.target' }) key: string;
  @ApiProperty({ enum: RUNGS, example: 'onsite' }) rung: string;
  @ApiProperty({ example: { amount: 4, unit: 'hours', anchor: 'rungStart' }, description: 'The target as the policy states it' })
  target: Target;
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
