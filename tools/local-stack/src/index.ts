export { startLocalStack, type LocalStack, type LocalStackOptions } from './stack/local-stack';
export { PostgresServer, type PostgresServerOptions } from './postgres/postgres-server';
export { KafkaBroker } from './kafka/kafka-broker';
export { createTopics, type TopicSpec } from './kafka/topics';
export {
  drawKafkaSasl,
  kafkaClientConfig,
  kafkaEnvironment,
  kafkaSaslFor,
  kafkaSaslFromEnvironment,
  LOCAL_KAFKA_USER,
  type KafkaConnection,
  type KafkaSasl,
  type KafkaSaslMechanism,
  type KafkaStackTarget,
} from './kafka/kafka-connection';
export { migrateDatabase } from './stack/migrate-database';
export { createDatabase, dropDatabase, withDatabase } from './postgres/database-admin';
export { findFreePort } from './net/free-port';
export { waitUntil } from './net/wait-until';
export { workspaceRoot } from './stack/workspace-root';
export {
  findRunningLocalStack,
  localStackDir,
  LOCAL_STACK_DIR_VARIABLE,
  type LocalStackState,
} from './stack/stack-state';
export {
  createEmptyTestDatabase,
  createTestDatabase,
  type TestDatabase,
} from './testing/test-database';
export {
  createTestTopics,
  testKafkaBrokers,
  testKafkaConnection,
  type TestTopics,
} from './testing/test-topics';
export { startDedicatedPostgres, type DedicatedPostgres } from './testing/dedicated-postgres';
export { startApiProcess, type ApiProcess } from './testing/api-process';
export { startDedicatedKafka, type DedicatedKafka } from './testing/dedicated-kafka';
