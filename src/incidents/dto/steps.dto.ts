import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';

/** Every step is recorded under the token that took it; a note is optional. */
export class StepDto {
  @ApiPropertyOptional({
    example: 'eng:li.na',
    description:
      "Accepted for compatibility, not trusted: the step's actor is always the name of the API token that takes it " +
      '(a different value here is kept in the audit trail as claimedActor)',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  actor?: string;

  @ApiPropertyOptional({ example: 'Customer confirmed over the phone' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;
}

export class DiagnosisDto extends StepDto {
  @ApiProperty({ enum: ['resolved_remotely', 'needs_onsite'] })
  @IsIn(['resolved_remotely', 'needs_onsite'])
  outcome: 'resolved_remotely' | 'needs_onsite';

  @ApiPropertyOptional({ description: 'Required when resolved remotely (for the fault report)' })
  @ValidateIf((o: DiagnosisDto) => o.outcome === 'resolved_remotely')
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  cause?: string;

  @ApiPropertyOptional({ description: 'Required when resolved remotely (for the fault report)' })
  @ValidateIf((o: DiagnosisDto) => o.outcome === 'resolved_remotely')
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  method?: string;
}

export class DispatchDto extends StepDto {
  @ApiProperty({ example: 'eng:wang.fang' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  engineer: string;
}

export class SpareDto extends StepDto {
  @ApiProperty({ example: 'SPARE-SW-0042', description: 'Spare unit of no lower grade than the faulty one' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  unitId: string;
}

export class ExpertsDto extends StepDto {
  @ApiProperty({ type: [String], example: ['dr.chen', 'dr.zhou'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  experts: string[];
}

export class RestoreDto extends StepDto {
  @ApiProperty({ example: 'Failed power supply in the core switch' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  cause: string;

  @ApiProperty({ example: 'Replaced the power supply, verified failover' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  method: string;
}

export class SignOffDto extends StepDto {
  @ApiProperty({ example: 'customer:liu.yang' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  signer: string;
}

export class PauseDto extends StepDto {
  @ApiProperty({ enum: ['force_majeure', 'waiting_on_customer'] })
  @IsIn(['force_majeure', 'waiting_on_customer'])
  reason: 'force_majeure' | 'waiting_on_customer';
}

export class ReclassifyDto extends StepDto {
  @ApiProperty({ example: 'serious' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  severity: string;
}

export class ReasonDto extends StepDto {
  @ApiProperty({ example: 'Customer UPS failure (excluded by the letter)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  reason: string;
}
