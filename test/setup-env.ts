/**
 * Jest setup: what `fargate-oidc` (src/cli/bin.ts) does before running a command, for the tests
 * that call `main()` in-process: the AWS SDK's multi-line Node.js warning is turned off.
 */
import { silenceSdkNodeWarning } from '../src/cli/node-version';

silenceSdkNodeWarning(process.env);
