/**
 * The Lambda runtime the front door runs on, and esbuild's matching target. Node.js 24 is
 * supported until 2028-04-30 (https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html);
 * it drops callback-style handlers, which this code does not use.
 */
export const FRONT_DOOR_RUNTIME = 'nodejs24.x';
export const FRONT_DOOR_TARGET = 'node24';
