export { freePort } from './free-port.js';
export { type MotoServer, startMotoServer } from './moto-server.js';
export { createTestSchema, DEFAULT_TEST_DATABASE_URL, needPostgres, type TestPostgres, testDatabaseUrl } from './postgres.js';
export { needPython, type PythonReference } from './python-reference.js';
export { isCi, MissingServiceError, serviceMissing } from './service-policy.js';
export { filesAsText, postgresSchemaAsText, type RowQuery, schemaAsText } from './store-text.js';
