import { ApiProperty } from '@nestjs/swagger';

/** Answer of `GET /roles/archiveLink` when the role is present. */
export class RoleCheckDto {
  @ApiProperty({ example: true })
  allowed!: boolean;
}
