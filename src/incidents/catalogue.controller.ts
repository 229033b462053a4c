import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ACCESS } from '../auth/access-matrix';
import { Roles } from '../auth/roles.decorator';
import {
  ESCALATION_RUNGS,
  RUNG_DESCRIPTIONS,
  RUNGS,
  STAGES,
  stepBodyJsonSchema,
  stepDefinition,
  stepNames,
  TARGET_SLOTS,
} from '../domain/catalogue';

/** GET /catalogue: the ladder's rungs, target slots and steps, as the console builds its forms from them. */
@ApiTags('incidents')
@Controller('catalogue')
export class CatalogueController {
  @Get()
  @Roles(...ACCESS.read)
  @ApiOperation({ summary: "The ladder's catalogue: rungs, target slots, stages and the steps with their body schemas" })
  @ApiOkResponse({ description: 'Labels are looked up by the identifiers given here (domain:rung.<rung>, domain:step.<name>, …)' })
  get() {
    return {
      rungs: RUNGS.map((rung) => ({
        rung,
        escalation: (ESCALATION_RUNGS as readonly string[]).includes(rung),
        description: RUNG_DESCRIPTIONS[rung],
      })),
      targets: TARGET_SLOTS,
      stages: STAGES,
      steps: stepNames().map((name) => {
        const { route, stage, summary } = stepDefinition(name)!;
        return { name, route, stage: stage ?? null, summary, body: stepBodyJsonSchema(name) };
      }),
    };
  }
}
