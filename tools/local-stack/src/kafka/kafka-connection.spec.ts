import {
  drawKafkaSasl,
  kafkaClientConfig,
  kafkaEnvironment,
  kafkaSaslFor,
  kafkaSaslFromEnvironment,
} from './kafka-connection';

const SASL = { mechanism: 'plain', username: 'payload-tracker', password: 'pw' } as const;
const STACK = { kafkaBrokers: ['127.0.0.1:9093'], kafkaSasl: SASL };

describe('drawKafkaSasl', () => {
  it('draws a new password each time, for the one local user', () => {
    const [first, second] = [drawKafkaSasl(), drawKafkaSasl()];

    expect(first).toMatchObject({ mechanism: 'plain', username: 'payload-tracker' });
    expect(first.password).toMatch(/^[\w-]{24}$/);
    expect(second.password).not.toBe(first.password);
  });
});

describe('kafkaClientConfig and kafkaEnvironment', () => {
  it('carry the sign-in along with the brokers', () => {
    const connection = { brokers: ['a:1', 'b:2'], sasl: SASL };

    expect(kafkaClientConfig(connection, { clientId: 'me' })).toEqual({
      clientId: 'me',
      brokers: ['a:1', 'b:2'],
      sasl: SASL,
    });
    expect(kafkaEnvironment(connection)).toEqual({
      KAFKA_BROKERS: 'a:1,b:2',
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: 'payload-tracker',
      KAFKA_SASL_PASSWORD: 'pw',
    });
  });

  it('leave the sign-in out for brokers that want none', () => {
    expect(kafkaClientConfig({ brokers: ['a:1'] })).toEqual({ brokers: ['a:1'] });
    expect(kafkaEnvironment({ brokers: ['a:1'] })).toEqual({ KAFKA_BROKERS: 'a:1' });
  });
});

describe('kafkaSaslFromEnvironment', () => {
  it('reads the three variables the ingester reads', () => {
    expect(
      kafkaSaslFromEnvironment({
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: 'u',
        KAFKA_SASL_PASSWORD: 'p',
      }),
    ).toEqual({ mechanism: 'scram-sha-512', username: 'u', password: 'p' });
    expect(kafkaSaslFromEnvironment({})).toBeUndefined();
  });

  it.each([
    [{ KAFKA_SASL_MECHANISM: 'gssapi' }, 'KAFKA_SASL_MECHANISM'],
    [{ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_PASSWORD: 'p' }, 'KAFKA_SASL_USERNAME'],
    [{ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u' }, 'KAFKA_SASL_PASSWORD'],
  ])('names the variable that is wrong in %j', (env, variable) => {
    expect(() => kafkaSaslFromEnvironment(env)).toThrow(variable);
  });
});

describe('kafkaSaslFor', () => {
  it("signs in with the running stack's credentials on its brokers", () => {
    expect(kafkaSaslFor(['127.0.0.1:9093'], {}, STACK)).toEqual(SASL);
  });

  it('keeps them from other brokers', () => {
    expect(kafkaSaslFor(['kafka.example.com:9092'], {}, STACK)).toBeUndefined();
    expect(kafkaSaslFor(['127.0.0.1:9093'], {})).toBeUndefined();
  });

  it('prefers KAFKA_SASL_* when they are set', () => {
    const env = {
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: 'other',
      KAFKA_SASL_PASSWORD: 'x',
    };

    expect(kafkaSaslFor(['127.0.0.1:9093'], env, STACK)).toMatchObject({ username: 'other' });
  });
});
