import { Module } from '@nestjs/common';

import { ConsumerMembershipService } from './consumer-membership.service';

/**
 * This member's view of its consumer group, shared between the Kafka transport (built in
 * main.ts, outside the container) and the container (readiness reads it).
 */
@Module({
  providers: [ConsumerMembershipService],
  exports: [ConsumerMembershipService],
})
export class ConsumerGroupModule {}
