/**
 * The engineers' step routes, generated from the catalogue: one POST /incidents/{id}/{route} per
 * step, its body parsed by the step's schema and documented in OpenAPI from the same schema. A step
 * added to the catalogue gets its route, its validation and its OpenAPI entry here, with no edit.
 */
import { Body, Controller, Headers, HttpCode, Param, Post, type PipeTransform, type Type } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiHeader,
  ApiServiceUnavailableResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ACCESS } from '../auth/access-matrix';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { stepBodyJsonSchema, stepBodySchema, stepDefinition, stepNames, type StepName } from '../domain/catalogue';
import { parseInput } from '../domain/validation';
import { IncidentsService } from './incidents.service';

/** Parses a step's body with its catalogue schema (400 with field paths). */
class StepBodyPipe implements PipeTransform {
  constructor(private readonly step: StepName) {}
  transform(value: unknown): unknown {
    return parseInput(stepBodySchema(this.step), value ?? {});
  }
}

/** Builds the controller from the catalogue as it is when the app is built. */
export function buildStepsController(): Type<unknown> {
  @ApiTags('incidents')
  @Controller('incidents')
  class IncidentStepsController {
    constructor(readonly incidents: IncidentsService) {}
  }
  const prototype = IncidentStepsController.prototype as unknown as Record<string, unknown>;
  for (const step of stepNames()) {
    const definition = stepDefinition(step)!;
    // The step is recorded under the authenticated token's name, whatever `actor` the body claims.
    prototype[step] = function (this: IncidentStepsController, principal: Principal, id: string, body: object, key?: string) {
      return this.incidents.step(id, step, body as never, principal, key);
    };
    Reflect.defineMetadata('design:paramtypes', [Object, String, Object, String], prototype, step);
    CurrentPrincipal()(prototype, step, 0);
    Param('id')(prototype, step, 1);
    Body(new StepBodyPipe(step))(prototype, step, 2);
    Headers('idempotency-key')(prototype, step, 3);
    const descriptor = Object.getOwnPropertyDescriptor(prototype, step)!;
    for (const decorate of [
      Post(`:id/${definition.route}`),
      HttpCode(200),
      Roles(...ACCESS.incidentWrite),
      ApiOperation({ summary: definition.summary, operationId: `step_${step}` }),
      ApiParam({ name: 'id', description: 'Incident id', format: 'uuid' }),
      ApiHeader({
        name: 'Idempotency-Key',
        required: false,
        description: 'A retry with the same key (after a timeout or a 503) applies the step once and answers its result',
      }),
      ApiServiceUnavailableResponse({
        description: 'Not delivered in time: the message says whether it was applied; Retry-After says when to retry (same key)',
      }),
      ApiBody({ schema: stepBodyJsonSchema(step) }),
      ApiOkResponse({ description: 'The step was accepted: the incident state after it' }),
      ApiConflictResponse({ description: "The step does not fit the incident's current state (reason in message)" }),
      ApiNotFoundResponse({ description: 'Unknown incident' }),
      ApiBadRequestResponse({ description: 'Malformed body (fieldErrors name each field)' }),
    ]) {
      decorate(prototype, step, descriptor);
    }
    Object.defineProperty(prototype, step, descriptor);
  }
  return IncidentStepsController;
}
