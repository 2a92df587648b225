import { writeFileSync } from 'node:fs';
import { OPENAPI_FILE, openApiDocument } from '../lambdas/http/openapi.js';

// `npm run openapi`: writes the API's OpenAPI document, generated from the request schemas, to the file the
// API Lambda serves (a unit test fails while the file is out of date).
writeFileSync(OPENAPI_FILE, JSON.stringify(openApiDocument('')));
