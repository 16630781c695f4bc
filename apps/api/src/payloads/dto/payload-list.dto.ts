import { ApiProperty } from '@nestjs/swagger';
import { ListEnvelopeDto } from '../../common/list-envelope.dto';
import { PayloadDto } from './payload.dto';

/** Response of `GET /payloads`. */
export class PayloadListDto extends ListEnvelopeDto {
  @ApiProperty({ type: [PayloadDto] })
  data!: PayloadDto[];
}
