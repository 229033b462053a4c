/** Swagger schema of a policy definition (documentation only: the domain validator checks it). */
import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { DURATION_UNITS } from '../../domain/clock/types';
import { TARGET_ANCHORS } from '../../domain/policy/policy';

export class TargetSchema {
  @ApiProperty({ example: 4, description: 'Positive, at most 1000000; whole number for workingDays' }) amount: number;
  @ApiProperty({ enum: DURATION_UNITS, example: 'hours' }) unit: string;
  @ApiProperty({
    enum: TARGET_ANCHORS,
    required: false,
    example: 'report',
    description:
      "report: counted from t0; rungStart: from the moment the target's rung opened. Default per slot (see SeverityTargetsSchema)",
  })
  anchor?: string;
}

export class TriageTargetsSchema {
  @ApiProperty({ type: TargetSchema, description: 'An engineer acknowledges the call (default anchor report)' })
  respondWithin: TargetSchema;
}
export class RemoteTargetsSchema {
  @ApiProperty({ type: TargetSchema, description: 'Remote session started (default anchor report)' }) startWithin: TargetSchema;
  @ApiProperty({ type: TargetSchema, description: 'No remote fix by then escalates on site (default anchor report)' })
  resolveWithin: TargetSchema;
}
export class OnsiteTargetsSchema {
  @ApiProperty({ type: TargetSchema, description: 'Engineer on site (default anchor rungStart: the dispatch decision)' })
  arriveWithin: TargetSchema;
}
export class SpareTargetsSchema {
  @ApiProperty({ type: TargetSchema, description: 'Not restored by then: a spare is due (default anchor report)' })
  triggerAfter: TargetSchema;
  @ApiProperty({ type: TargetSchema, description: 'Spare delivered (default anchor rungStart: the trigger)' }) deliverWithin: TargetSchema;
}
export class ExpertTargetsSchema {
  @ApiProperty({ type: TargetSchema, description: 'Not restored by then: experts are called (default anchor report)' })
  triggerAfter: TargetSchema;
  @ApiProperty({ type: TargetSchema, description: 'Experts convene (default anchor rungStart: the call for experts)' })
  conveneWithin: TargetSchema;
}
export class PenaltyTargetsSchema {
  @ApiProperty({ type: TargetSchema, description: 'Service restored; past it penalties accrue (default anchor report)' })
  restoreWithin: TargetSchema;
}
export class SignOffTargetsSchema {
  @ApiProperty({ type: TargetSchema, description: 'Customer signs the maintenance record (default anchor rungStart: the restore)' })
  within: TargetSchema;
}
export class FaultReportTargetsSchema {
  @ApiProperty({ type: TargetSchema, description: 'Fault report delivered (default anchor rungStart: the sign-off)' })
  deliverWithin: TargetSchema;
}

export class SeverityTargetsSchema {
  @ApiProperty({ type: TriageTargetsSchema }) triage: TriageTargetsSchema;
  @ApiProperty({ type: RemoteTargetsSchema }) remote: RemoteTargetsSchema;
  @ApiProperty({ type: OnsiteTargetsSchema }) onsite: OnsiteTargetsSchema;
  @ApiProperty({ type: SpareTargetsSchema }) spare: SpareTargetsSchema;
  @ApiProperty({ type: ExpertTargetsSchema }) expert: ExpertTargetsSchema;
  @ApiProperty({ type: PenaltyTargetsSchema }) penalty: PenaltyTargetsSchema;
  @ApiProperty({ type: SignOffTargetsSchema }) signOff: SignOffTargetsSchema;
  @ApiProperty({ type: FaultReportTargetsSchema }) faultReport: FaultReportTargetsSchema;
}

const h = (amount: number, unit = 'hours', anchor = 'report') => ({ amount, unit, anchor });

export const POLICY_EXAMPLE = {
  severities: {
    urgent: {
      triage: { respondWithin: h(5, 'minutes') },
      remote: { startWithin: h(30, 'minutes'), resolveWithin: h(1) },
      onsite: { arriveWithin: h(4, 'hours', 'rungStart') },
      spare: { triggerAfter: h(8), deliverWithin: h(24, 'hours', 'rungStart') },
      expert: { triggerAfter: h(2), conveneWithin: h(4, 'hours', 'rungStart') },
      penalty: { restoreWithin: h(2) },
      signOff: { within: h(24, 'hours', 'rungStart') },
      faultReport: { deliverWithin: h(3, 'days', 'rungStart') },
    },
  },
};

@ApiExtraModels(SeverityTargetsSchema)
export class PolicyDefinitionSchema {
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(SeverityTargetsSchema) },
    description: 'Severity class name (^[a-z][a-z0-9_-]{0,31}$, e.g. urgent, serious, general) → the targets of every rung',
    example: POLICY_EXAMPLE.severities,
  })
  severities: Record<string, SeverityTargetsSchema>;
}
