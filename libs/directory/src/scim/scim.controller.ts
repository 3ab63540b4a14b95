import { All, Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { Public } from '@plein/policy';
import type { Request, Response } from 'express';
import { listResponse, resourceTypes, schemas, serviceProviderConfig } from './scim-discovery.js';
import { ScimExceptionFilter } from './scim-exception.filter.js';
import { parseScimFilter } from './scim-filter.js';
import { ScimAuthGuard } from './scim-auth.guard.js';
import { assertUserBody, personToScim, versionOf } from './scim-user.mapper.js';
import { SCIM_MAX_RESULTS, ScimUsersService } from './scim-users.service.js';
import { invalidSyntax, invalidValue, scimNotFound } from './scim.errors.js';
import type { StoredUser } from './scim-user.mapper.js';

export const SCIM_BASE_PATH = 'scim/v2';

function baseUrlOf(req: Request): string {
  return `${req.protocol}://${req.get('host')}/${SCIM_BASE_PATH}`;
}

function assertJsonBody(req: Request): void {
  if (!req.is(['application/scim+json', 'application/json'])) {
    throw invalidSyntax('Send the body as JSON with Content-Type application/scim+json or application/json.');
  }
}

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^-?\d{1,9}$/.test(value.trim())) throw invalidValue(`"${name}" must be a whole number.`);
  return Number(value);
}

/**
 * SCIM 2.0 (RFC 7644) for the people directory, so Entra ID, Okta and HR suites push joiners,
 * movers and leavers. Outside the login guard: a SCIM token (ScimAuthGuard) authenticates instead.
 */
@Public()
@Controller(SCIM_BASE_PATH)
@UseGuards(ScimAuthGuard)
@UseFilters(ScimExceptionFilter)
export class ScimController {
  constructor(private readonly users: ScimUsersService) {}

  @Get('ServiceProviderConfig')
  serviceProviderConfig(@Req() req: Request) {
    return serviceProviderConfig(baseUrlOf(req));
  }

  @Get('ResourceTypes')
  resourceTypes(@Req() req: Request) {
    return listResponse(resourceTypes(baseUrlOf(req)));
  }

  @Get('ResourceTypes/:id')
  resourceType(@Req() req: Request, @Param('id') id: string) {
    const found = resourceTypes(baseUrlOf(req)).find((r) => r.id === id);
    if (!found) throw scimNotFound(`No ResourceType "${id}".`);
    return found;
  }

  @Get('Schemas')
  schemas(@Req() req: Request) {
    return listResponse(schemas(baseUrlOf(req)));
  }

  @Get('Schemas/:id')
  schema(@Req() req: Request, @Param('id') id: string) {
    const found = schemas(baseUrlOf(req)).find((s) => s.id.toLowerCase() === id.toLowerCase());
    if (!found) throw scimNotFound(`No Schema "${id}".`);
    return found;
  }

  @Get('Users')
  async list(
    @Req() req: Request,
    @Query('filter') filter: string | undefined,
    @Query('startIndex') startIndexParam: string | undefined,
    @Query('count') countParam: string | undefined,
  ) {
    if (Array.isArray(filter)) throw invalidValue('Send one "filter".');
    const terms = filter === undefined ? [] : parseScimFilter(String(filter));
    // RFC 7644 §3.4.2.4: a startIndex below 1 counts as 1, a negative count as 0.
    const startIndex = Math.max(1, positiveInt(startIndexParam, 'startIndex', 1));
    const count = Math.min(SCIM_MAX_RESULTS, Math.max(0, positiveInt(countParam, 'count', 100)));
    const page = await this.users.list(terms, startIndex, count);
    const baseUrl = baseUrlOf(req);
    return listResponse(page.users.map((u) => personToScim(u, baseUrl)), page.totalResults, page.startIndex);
  }

  @Get('Users/:id')
  async get(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Param('id') id: string) {
    return this.reply(req, res, await this.users.get(id));
  }

  @Post('Users')
  @HttpCode(201)
  async create(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Body() body: unknown) {
    assertJsonBody(req);
    assertUserBody(body);
    const user = await this.users.create(body);
    const resource = this.reply(req, res, user);
    res.setHeader('Location', String((resource.meta as { location: string }).location));
    return resource;
  }

  @Put('Users/:id')
  async replace(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Param('id') id: string, @Body() body: unknown, @Headers('if-match') ifMatch?: string) {
    assertJsonBody(req);
    assertUserBody(body);
    return this.reply(req, res, await this.users.replace(id, body, ifMatch));
  }

  @Patch('Users/:id')
  async patch(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Param('id') id: string, @Body() body: unknown, @Headers('if-match') ifMatch?: string) {
    assertJsonBody(req);
    return this.reply(req, res, await this.users.patch(id, body, ifMatch, baseUrlOf(req)));
  }

  @Delete('Users/:id')
  @HttpCode(204)
  async remove(@Param('id') id: string, @Headers('if-match') ifMatch?: string): Promise<void> {
    await this.users.deactivate(id, ifMatch);
  }

  /** Groups, Bulk, Me and anything else: not offered, said in SCIM's format. */
  @All('*path')
  notSupported(@Req() req: Request): never {
    throw scimNotFound(`${req.method} ${req.path} is not supported by Plein's SCIM service; it offers /Users.`);
  }

  private reply(req: Request, res: Response, user: StoredUser) {
    res.setHeader('ETag', versionOf(user.person));
    return personToScim(user, baseUrlOf(req));
  }
}
