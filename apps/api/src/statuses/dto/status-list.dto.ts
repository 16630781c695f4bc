import { ApiProperty } from '@nestjs/swagger';
import { ListEnvelopeDto } from '../../common/list-envelope.dto';
import { StatusDto } from './status.dto';

/** Response of `GET /statuses`. */
export class StatusListDto extends ListEnvelopeDto {
  @ApiProperty({ type: [StatusDto] })
  data!: StatusDto[];
}
