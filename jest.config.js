const { availableParallelism } = require('node:os');

/**
 * Workers: twice the cores, at least 4 and at most 8. Jest's default (cores - 1) runs the suites one after
 * another on a 2-core machine, yet the slow suites mostly wait (on moto, on subprocesses, on
 * timeouts they provoke), so 4 workers there overlap the waits. Every suite that starts a server
 * listens on port 0, so suites share no state.
 */
const maxWorkers = Math.min(8, Math.max(4, 2 * availableParallelism()));

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  maxWorkers,
};
