/**
 * Imported first by the bench: turns the AWS SDK's multi-line Node.js warning off before any
 * module makes a client (as src/cli/bin.ts does for the CLI).
 */
import { silenceSdkNodeWarning } from '../src/cli/node-version';

silenceSdkNodeWarning(process.env);
