import { createZodDto } from 'nestjs-zod';
import { ContractActionSchema } from '../../domain/contract/life';

/** Body of POST /contracts/{id}/suspend|resume|terminate. */
export class ContractActionDto extends createZodDto(ContractActionSchema) {}
