/**
 * Customer-caused exclusion causes (issue 14 item 6): the letters list what takes an incident out of
 * the commitments (customer power, water, UPS, the customer's own hardware, OS, operator error,
 * network). A contract holds its list; the exclude step names one of them, or `other` with its text.
 * Pure (the workflow's validator uses it).
 */
import { z } from '../validation';

/** The cause outside any list: the step's reason says what it was. */
export const OTHER_CAUSE = 'other';

/** Reports group exclusions taken without a cause (old clients, contracts without a list) under this key. */
export const UNSPECIFIED_CAUSE = 'unspecified';

const CAUSE_MAX_LENGTH = 100;
const CAUSES_MAX = 50;

/** One cause: a short non-blank label ("power", "ups", "客户网络环境"). */
export const exclusionCause = () =>
  z
    .string()
    .max(CAUSE_MAX_LENGTH)
    .refine((v) => v.trim().length > 0 && v === v.trim(), { error: 'must not be blank or start/end with spaces' })
    // eslint-disable-next-line no-control-regex
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), { error: 'must not contain control characters' });

const RESERVED = new Set([OTHER_CAUSE, UNSPECIFIED_CAUSE]);

/** A contract's list: distinct causes, `other` and `unspecified` reserved (every contract has `other`). */
export const ExclusionCausesSchema = z
  .array(exclusionCause())
  .min(1, { error: 'must list at least one cause (null: the contract has no list)' })
  .max(CAUSES_MAX)
  .superRefine((causes, ctx) => {
    const seen = new Set<string>();
    causes.forEach((cause, i) => {
      if (RESERVED.has(cause.toLowerCase()))
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message: `"${cause}" is reserved (every contract accepts "${OTHER_CAUSE}" with a text)`,
        });
      else if (seen.has(cause.toLowerCase())) ctx.addIssue({ code: 'custom', path: [i], message: `"${cause}" is listed twice` });
      seen.add(cause.toLowerCase());
    });
  })
  .meta({
    example: ['power', 'water', 'ups', 'customer-hardware', 'os', 'operator-error', 'network'],
    description:
      'Customer-caused causes that exclude an incident (the exclude step names one, or "other" with its reason). null or absent: no list, any cause is taken as given',
  });

/** Why `cause` cannot exclude an incident under the pinned list (null when it can). No list, or no cause: accepted. */
export function exclusionCauseRefusal(causes: readonly string[] | null | undefined, cause: string | undefined): string | null {
  if (cause === undefined || !causes || causes.length === 0) return null;
  if (cause === OTHER_CAUSE || causes.includes(cause)) return null;
  return `cause "${cause}" is not in the contract's exclusion causes (one of: ${[...causes, OTHER_CAUSE].join(', ')})`;
}
