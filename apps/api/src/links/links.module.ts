import { Module } from '@nestjs/common';
import { PayloadsModule } from '../payloads/payloads.module';
import { ArchiveRoleGuard } from './archive-role.guard';
import { LinksController } from './links.controller';
import { LinksService } from './links.service';
import { StorageBrokerClient } from './storage-broker.client';

/** Kibana and archive links. */
@Module({
  imports: [PayloadsModule],
  controllers: [LinksController],
  providers: [LinksService, StorageBrokerClient, ArchiveRoleGuard],
})
export class LinksModule {}
