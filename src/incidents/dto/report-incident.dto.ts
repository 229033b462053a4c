import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class ReportIncidentDto {
  @ApiProperty({ format: 'uuid', description: 'Contract the fault is reported under' })
  @IsUUID()
  contractId: string;

  @ApiProperty({ example: 'urgent', description: "One of the severity classes of the contract's policy" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  severity: string;

  @ApiProperty({ example: 'Core switch down, no user can reach the billing system' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  description: string;

  @ApiPropertyOptional({ example: '2026-11-20T09:15:00+08:00', description: 'When the customer called (t0); defaults to now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  reportedAt?: string;

  @ApiPropertyOptional({
    example: 'hotline:zhang.wei',
    description:
      "Who took the report (the customer's call); defaults to the name of the API token reporting it, which the audit trail records either way",
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reportedBy?: string;
}

export class ReportedIncidentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() workflowId: string;
  @ApiProperty({ description: 'False when an Idempotency-Key replay returned an incident reported earlier' }) created: boolean;
}
