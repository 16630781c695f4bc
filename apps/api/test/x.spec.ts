it('loads', () => { require('@fastify/static'); });
