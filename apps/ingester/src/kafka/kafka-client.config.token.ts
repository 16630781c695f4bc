/**
 * Injection token of the kafkajs client settings (`KafkaClientConfig`), built once by main.ts
 * from the environment and shared by the consumer and the dead-letter producer.
 */
export const KAFKA_CLIENT_CONFIG = Symbol('KAFKA_CLIENT_CONFIG');
