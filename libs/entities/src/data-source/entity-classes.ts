import { PayloadGroupEntity } from '../entities/payload-group.entity';
import { PayloadOutcomeEntity } from '../entities/payload-outcome.entity';
import { PayloadStateBucketEntity } from '../entities/payload-state-bucket.entity';
import { PayloadStatusEntity } from '../entities/payload-status.entity';
import { ServiceDurationBucketEntity } from '../entities/service-duration-bucket.entity';
import { ServiceStatsBucketEntity } from '../entities/service-stats-bucket.entity';
import { PayloadEntity } from '../entities/payload.entity';
import { ServiceEntity } from '../entities/service.entity';
import { SourceEntity } from '../entities/source.entity';
import { StatusEntity } from '../entities/status.entity';

/** Every entity class, listed by reference (bundled apps cannot load entities by glob). */
export const ENTITY_CLASSES = [
  PayloadEntity,
  PayloadStatusEntity,
  PayloadGroupEntity,
  PayloadOutcomeEntity,
  ServiceStatsBucketEntity,
  ServiceDurationBucketEntity,
  PayloadStateBucketEntity,
  ServiceEntity,
  SourceEntity,
  StatusEntity,
] as const;
