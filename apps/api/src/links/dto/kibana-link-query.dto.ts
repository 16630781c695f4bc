import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { SINGLE_TEXT_MESSAGE } from '../../common/query-params';

/** Query parameters of `GET /payloads/{request_id}/kibanaLink`. */
export class KibanaLinkQueryDto {
  @ApiPropertyOptional({
    description: 'Narrow the log search to this service (KIBANA_SERVICE_FIELD)',
  })
  @IsOptional()
  @IsString({ message: SINGLE_TEXT_MESSAGE })
  service?: string;
}
