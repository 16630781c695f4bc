import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { API_PREFIX, API_ROUTES } from '@payload-tracker/api-contract';
import { ApiErrorResponses } from '../common/api-error-responses.decorator';
import { routerPath } from '../common/api-routes';
import { ArchiveRoleGuard, IDENTITY_HEADER } from './archive-role.guard';
import { KibanaLinkQueryDto } from './dto/kibana-link-query.dto';
import { LinkDto } from './dto/link.dto';
import { RoleCheckDto } from './dto/role-check.dto';
import { LinksService } from './links.service';
import { UUID_PATTERN } from './request-id';

const IDENTITY_HEADER_DOC = {
  name: IDENTITY_HEADER,
  required: true,
  description: 'base64 of the identity JSON; roles at identity.associate.Role',
} as const;

const UUID_REQUEST_ID_DOC = {
  name: 'request_id',
  type: String,
  description: 'A UUID: 32 hexadecimal digits or the dashed form',
  pattern: UUID_PATTERN,
  example: '0123456789abcdef0123456789abcdef',
} as const;

/** Kibana and archive links. */
@ApiTags('links')
@Controller(API_PREFIX)
export class LinksController {
  constructor(private readonly links: LinksService) {}

  @Get(routerPath(API_ROUTES.getKibanaLink))
  @ApiOperation({ operationId: 'getKibanaLink', summary: "Link to the request's logs in Kibana" })
  @ApiParam(UUID_REQUEST_ID_DOC)
  @ApiOkResponse({ type: LinkDto })
  @ApiErrorResponses(400, 503)
  async kibanaLink(
    @Param('request_id') requestId: string,
    @Query() query: KibanaLinkQueryDto,
  ): Promise<LinkDto> {
    return { url: await this.links.kibanaLink(requestId, query.service) };
  }

  @Get(routerPath(API_ROUTES.getArchiveLink))
  @UseGuards(ArchiveRoleGuard)
  @ApiOperation({ operationId: 'getArchiveLink', summary: 'Download link of the uploaded archive' })
  @ApiHeader(IDENTITY_HEADER_DOC)
  @ApiParam(UUID_REQUEST_ID_DOC)
  @ApiOkResponse({ type: LinkDto })
  @ApiErrorResponses(400, 401, 403, 404, 502, 503)
  async archiveLink(@Param('request_id') requestId: string): Promise<LinkDto> {
    return { url: await this.links.archiveLink(requestId) };
  }

  @Get(routerPath(API_ROUTES.checkArchiveLinkRole))
  @UseGuards(ArchiveRoleGuard)
  @ApiOperation({
    operationId: 'checkArchiveLinkRole',
    summary: 'Whether the caller may download archives',
  })
  @ApiHeader(IDENTITY_HEADER_DOC)
  @ApiOkResponse({ type: RoleCheckDto })
  @ApiErrorResponses(401, 403)
  archiveRole(): RoleCheckDto {
    return { allowed: true };
  }
}
