import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNumber, IsPositive } from 'class-validator';
import { DURATION_UNITS, type DurationUnit } from '../../domain/clock/types';

export class DurationDto {
  @ApiProperty({ example: 2, description: 'Positive; whole number for workingDays' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  amount: number;

  @ApiProperty({
    enum: DURATION_UNITS,
    example: 'workingHours',
    description: 'seconds/minutes/hours/days run on the wall clock (a day = 24 h); workingMinutes/workingHours/workingDays on the calendar',
  })
  @IsIn(DURATION_UNITS)
  unit: DurationUnit;
}
