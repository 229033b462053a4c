/**
 * The seed templates: one per commitment letter in the seeds. Each is
 * deeply frozen; copy before editing (validatePolicyDefinition and
 * validatePenaltyTerms return normalized copies).
 */
import { CAAC_SOUTHWEST_NETWORK_SERVERS } from './caac-southwest-network-servers';
import { EYOU_SHANGHAI_DIANJI_UNIVERSITY } from './eyou-shanghai-dianji-university';
import { FAULT_REPAIR_RESPONSE } from './fault-repair-response';
import { HENGZHONG_LIHE_JINNING_BROADCAST } from './hengzhong-lihe-jinning-broadcast';
import { JINWEI_SHOUJIA_DAGANG_HOSPITAL } from './jinwei-shoujia-dagang-hospital';
import { MAINTENANCE_SERVICE_COMMITMENT } from './maintenance-service-commitment';
import { NINGXIA_EXPRESSWAY_MONITORING } from './ningxia-expressway-monitoring';
import { SEEYON_MAINTENANCE_AGREEMENT } from './seeyon-maintenance-agreement';
import { SOFTWARE_PROJECT_60_MONTH_MAINTENANCE } from './software-project-60-month-maintenance';
import { SeedTemplate } from './types';
import { XINBEI_SERVICE_COMMITMENT } from './xinbei-service-commitment';

export * from './types';
export {
  CAAC_SOUTHWEST_NETWORK_SERVERS,
  EYOU_SHANGHAI_DIANJI_UNIVERSITY,
  FAULT_REPAIR_RESPONSE,
  HENGZHONG_LIHE_JINNING_BROADCAST,
  JINWEI_SHOUJIA_DAGANG_HOSPITAL,
  MAINTENANCE_SERVICE_COMMITMENT,
  NINGXIA_EXPRESSWAY_MONITORING,
  SEEYON_MAINTENANCE_AGREEMENT,
  SOFTWARE_PROJECT_60_MONTH_MAINTENANCE,
  XINBEI_SERVICE_COMMITMENT,
};

/** In seed-file order. */
export const SEED_TEMPLATES: readonly SeedTemplate[] = Object.freeze([
  XINBEI_SERVICE_COMMITMENT,
  JINWEI_SHOUJIA_DAGANG_HOSPITAL,
  MAINTENANCE_SERVICE_COMMITMENT,
  HENGZHONG_LIHE_JINNING_BROADCAST,
  FAULT_REPAIR_RESPONSE,
  SOFTWARE_PROJECT_60_MONTH_MAINTENANCE,
  CAAC_SOUTHWEST_NETWORK_SERVERS,
  NINGXIA_EXPRESSWAY_MONITORING,
  EYOU_SHANGHAI_DIANJI_UNIVERSITY,
  SEEYON_MAINTENANCE_AGREEMENT,
]);

/** The template with this id, or undefined. */
export function findTemplate(id: string): SeedTemplate | undefined {
  return SEED_TEMPLATES.find((tpl) => tpl.id === id);
}
