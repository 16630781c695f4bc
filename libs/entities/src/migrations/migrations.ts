import { CreateLookupAndPayloadTables1795827600000 } from './1795827600000-CreateLookupAndPayloadTables';
import { CreatePayloadStatuses1795827660000 } from './1795827660000-CreatePayloadStatuses';
import { CreatePartitionFunctions1795827720000 } from './1795827720000-CreatePartitionFunctions';
import { AddQueryApiIndexes1795828000000 } from './1795828000000-AddQueryApiIndexes';
import { AddFutureDatedStatusIndex1795829000000 } from './1795829000000-AddFutureDatedStatusIndex';
import { AddShortStatusMsgIndex1795830000000 } from './1795830000000-AddShortStatusMsgIndex';
import { AddPayloadOutcomes1795831000000 } from './1795831000000-AddPayloadOutcomes';

/** Every migration class, oldest first, by reference (bundled apps cannot load by glob). */
export const migrations = [
  CreateLookupAndPayloadTables1795827600000,
  CreatePayloadStatuses1795827660000,
  CreatePartitionFunctions1795827720000,
  AddQueryApiIndexes1795828000000,
  AddFutureDatedStatusIndex1795829000000,
  AddShortStatusMsgIndex1795830000000,
  AddPayloadOutcomes1795831000000,
] as const;
