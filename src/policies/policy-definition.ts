/**
 * Policy definitions coming in over HTTP: the domain validator (paths under
 * the body field), plus the clock engine's own duration limits, which are
 * tighter than the policy validator's (e.g. 1,000,000 days passes the policy
 * check but no deadline can be computed for it). Refusing such a target here
 * keeps a stored policy from failing later inside an incident's workflow.
 */
import { validateDuration } from '../domain/clock/engine';
import { DomainValidationError, type FieldIssue } from '../domain/errors';
import { RUNG_TARGETS, validatePolicyDefinition, type PolicyDefinition, type Target } from '../domain/policy/policy';

export function parsePolicyDefinition(input: unknown, path = 'definition'): PolicyDefinition {
  const def = validatePolicyDefinition(input, path);
  const issues: FieldIssue[] = [];
  for (const [severity, targets] of Object.entries(def.severities)) {
    for (const slot of RUNG_TARGETS) {
      const target = (targets[slot.rung] as unknown as Record<string, Target>)[slot.field];
      try {
        validateDuration({ amount: target.amount, unit: target.unit }, `${path}.severities.${severity}.${slot.key}.`);
      } catch (error) {
        if (!(error instanceof DomainValidationError)) throw error;
        issues.push(...error.issues);
      }
    }
  }
  if (issues.length > 0) throw new DomainValidationError(issues);
  return def;
}
