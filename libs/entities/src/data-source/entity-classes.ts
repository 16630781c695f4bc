import { PayloadStatusEntity } from '../entities/payload-status.entity';
import { PayloadEntity } from '../entities/payload.entity';
import { ServiceEntity } from '../entities/service.entity';
import { SourceEntity } from '../entities/source.entity';
import { StatusEntity } from '../entities/status.entity';

/** Every entity class, listed by reference (bundled apps cannot load entities by glob). */
export const ENTITY_CLASSES = [
  PayloadEntity,
  PayloadStatusEntity,
  ServiceEntity,
  SourceEntity,
  StatusEntity,
] as const;
