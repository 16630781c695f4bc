import { Injectable } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { FastifyRequest } from 'fastify';
import { API_ERROR_CODES, ApiError } from '../common/api-error';
import type { EnvironmentVariables } from '../config/environment-variables';
import { rolesFromIdentityHeader } from './rh-identity';

/** Name of the platform's identity header. */
export const IDENTITY_HEADER = 'x-rh-identity';

/** Lets through associates holding `ARCHIVE_DOWNLOAD_ROLE`: 401 without identity, 403 without the role. */
@Injectable()
export class ArchiveRoleGuard implements CanActivate {
  constructor(private readonly config: ConfigService<EnvironmentVariables, true>) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const identity = rolesFromIdentityHeader(request.headers[IDENTITY_HEADER]);
    switch (identity.kind) {
      case 'missing':
        throw new ApiError(
          API_ERROR_CODES.identityMissing,
          `The ${IDENTITY_HEADER} header is required`,
        );
      case 'invalid':
        throw new ApiError(
          API_ERROR_CODES.identityInvalid,
          `The ${IDENTITY_HEADER} header is invalid: ${identity.reason}`,
        );
      case 'decoded': {
        const role = this.config.get('ARCHIVE_DOWNLOAD_ROLE', { infer: true });
        if (!identity.roles.includes(role)) {
          throw new ApiError(API_ERROR_CODES.roleMissing, `The role ${role} is required`);
        }
        return true;
      }
    }
  }
}
