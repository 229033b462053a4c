import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsName } from '../../admin/names';

export class ImportTemplateDto {
  @ApiPropertyOptional({
    example: 'Xinbei 2026',
    maxLength: 200,
    description: "Name of the calendar and the policy created; default the template's name",
  })
  @IsOptional()
  @IsName()
  name?: string;
}
