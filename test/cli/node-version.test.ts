import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { nodeVersionNote, parseNodeVersion, silenceSdkNodeWarning, unsupportedNode } from '../../src/cli/node-version';

describe('the Node.js version line', () => {
  it('reads process.version', () => {
    expect(parseNodeVersion('v20.19.2')).toEqual({ major: 20, minor: 19 });
    expect(parseNodeVersion('v24.1.0')).toEqual({ major: 24, minor: 1 });
    expect(parseNodeVersion('nonsense')).toBeUndefined();
  });

  it('refuses Node.js older than 20.19, which package.json engines also refuses', () => {
    expect(unsupportedNode('v18.20.4')).toBe('fargate-oidc needs Node.js 20.19 or later (22 or 24 recommended); this is Node.js v18.20.4.');
    expect(unsupportedNode('v20.18.0')).toMatch(/needs Node.js 20.19 or later/);
    expect(unsupportedNode('v20.19.0')).toBeUndefined();
    expect(unsupportedNode('v22.0.0')).toBeUndefined();
  });

  it('prints one line on Node.js 20, only for the commands that call AWS', () => {
    expect(nodeVersionNote('v20.20.2', 'deploy')).toBe(
      'note: Node.js v20.20.2 is past its end of life; AWS SDK releases after January 2027 need Node.js 22 or later, so upgrade to 22 or 24.',
    );
    expect(nodeVersionNote('v20.20.2', 'destroy')).toBeDefined();
    expect(nodeVersionNote('v20.20.2', 'publish')).toBeDefined();
    for (const command of ['build', 'lint', 'url', 'workflows', 'help', undefined]) {
      expect(nodeVersionNote('v20.20.2', command)).toBeUndefined();
    }
    expect(nodeVersionNote('v22.11.0', 'deploy')).toBeUndefined();
    expect(nodeVersionNote('v24.0.0', 'deploy')).toBeUndefined();
  });

  it("turns the SDK's own warning off unless the user set the switch", () => {
    const env: NodeJS.ProcessEnv = {};
    silenceSdkNodeWarning(env);
    expect(env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED']).toBe('true');
    const mine: NodeJS.ProcessEnv = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'false' };
    silenceSdkNodeWarning(mine);
    expect(mine['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED']).toBe('false');
  });
});

const CLI = join(__dirname, '..', '..', 'dist', 'cli.cjs');

(existsSync(CLI) ? describe : describe.skip)('the bundled command (dist/cli.cjs, written by npm run build)', () => {
  it('prints at most one line about Node.js, never the SDK warning', () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_PROFILE: '',
      AWS_CONFIG_FILE: '/nonexistent',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
    };
    delete env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'];
    // An endpoint nothing listens on: the command fails fast, after making its clients.
    env['AWS_ENDPOINT_URL'] = 'http://127.0.0.1:9';
    const r = spawnSync(process.execPath, [CLI, 'deploy', '--stack-name', 'node-note', '--region', 'us-west-2', '--dry-run'], {
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stderr).not.toMatch(/NodeVersionSupportWarning/);
    const lines = r.stderr.split('\n').filter((l) => /Node\.js/.test(l));
    expect(lines.length).toBe(process.versions.node.startsWith('20.') ? 1 : 0);
  });
});
