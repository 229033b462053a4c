import { ApiProperty } from '@nestjs/swagger';
import type { CalendarDefinition } from '../../domain/clock/types';
import { schemaRef } from '../../common/openapi';

export class CalendarResponse {
  @ApiProperty({ example: '3f0c6a4e-8a36-4a53-9a0e-0c8a4ef6f0b1', description: 'Calendar id (the built-in one is "24x7")' }) id: string;
  @ApiProperty({ example: 'Shanghai 5x8' }) name: string;
  @ApiProperty({ example: false, description: 'True for the built-in 24x7 calendar, which cannot be updated' }) builtIn: boolean;
  @ApiProperty(schemaRef('CalendarDefinition', 'Normalized: windows of each day sorted')) definition: CalendarDefinition;
  @ApiProperty({ example: '2026-11-20T09:00:00.000Z' }) createdAt: string;
  @ApiProperty({ example: '2026-11-20T09:00:00.000Z' }) updatedAt: string;
}
