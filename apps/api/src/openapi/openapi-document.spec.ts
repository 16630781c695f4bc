import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateOpenApiDocument } from './openapi-generator';

describe('the committed OpenAPI document', () => {
  it('matches what the code generates (run `nx run api:openapi` after changing routes or DTOs)', async () => {
    const committed: unknown = JSON.parse(
      readFileSync(resolve(__dirname, '../../openapi.json'), 'utf8'),
    );
    const sut = await generateOpenApiDocument();
    expect(JSON.parse(JSON.stringify(sut))).toEqual(committed);
  });
});
