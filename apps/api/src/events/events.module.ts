import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module';
import { PayloadsModule } from '../payloads/payloads.module';
import { PayloadEventsController } from './payload-events.controller';
import { PayloadEventsService } from './payload-events.service';

/** Live updates: the statuses of one payload as Server-Sent Events. */
@Module({
  imports: [PayloadsModule, MetricsModule],
  controllers: [PayloadEventsController],
  providers: [PayloadEventsService],
})
export class EventsModule {}
