import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { COMMANDS } from '../../src/cli/commands';
import { main } from '../../src/cli/main';
import { CommandStop, watchOutput } from '../../src/cli/process-io';
import { reportError } from '../../src/cli/report-error';
import { parseArgsOptions, usageText } from '../../src/cli/spec';
import { DanglingReferenceError, TemplateTooLargeError } from '../../src/errors';
import { checkRegionName } from '../../src/stack/aws-target';

const dir = mkdtempSync(join(tmpdir(), 'cli-'));

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    argv,
    (l) => out.push(l),
    (l) => err.push(l),
    env,
  );
  return { code, out, err };
}

const TEMPLATE_URL = 'https://my-templates.s3.us-west-2.amazonaws.com/fargate-oidc/template-0123456789abcdef.yaml';
const REQUIRED = ['--parameter', 'GitHubOrg=acme', '--parameter', 'GitHubRepo=web'];

describe('one spec per command', () => {
  it.each(COMMANDS.map((c) => [c.name, c] as const))('%s: every parsed flag is in the usage, and only those', (_name, spec) => {
    const usage = usageText(spec);
    const documented = [...usage.matchAll(/^ {2}--([a-z0-9-]+)/gm)].map((m) => m[1]);
    expect(documented).toEqual(Object.keys(parseArgsOptions(spec)));
    expect(usage).toMatch(new RegExp(`^Usage: fargate-oidc ${spec.name} `));
    expect(usage).toMatch(/\nExit codes: 0 /);
  });

  it.each(COMMANDS.map((c) => [c.name, c] as const))('%s --help prints the usage made from its spec', async (name, spec) => {
    expect(await run([name, '--help'])).toEqual({ code: 0, out: [usageText(spec)], err: [] });
  });

  it('prints a command\'s help for "help COMMAND", the same as COMMAND --help', async () => {
    const help = await run(['help', 'deploy']);
    const flag = await run(['deploy', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toEqual(flag.out);
    expect(help.out[0]).toMatch(/^Usage: fargate-oidc deploy --stack-name NAME/);
  });

  it('suggests the closest command and flag', async () => {
    expect(await run(['deplyo'])).toEqual({
      code: 2,
      out: [],
      err: [
        'fargate-oidc: unknown command "deplyo" (did you mean deploy?). Commands: build, workflows, deploy, lint, publish, url, destroy, secret, help.',
      ],
    });
    expect(await run(['deploy', '--stak-name', 'web'])).toEqual({
      code: 2,
      out: [],
      err: [
        'fargate-oidc deploy: unknown option --stak-name (did you mean --stack-name?). Run "fargate-oidc deploy --help" for its options.',
      ],
    });
    expect((await run(['help', 'destory'])).err).toEqual([
      'fargate-oidc help: help: no command "destory" (did you mean destroy?). Commands: build, workflows, deploy, lint, publish, url, destroy, secret.',
    ]);
  });
});

describe('errors', () => {
  it('prints a user error as its message, and an internal error as a short note without stack frames', () => {
    const lines: string[] = [];
    expect(reportError('build', new TemplateTooLargeError(60_000, 51_200), (l) => lines.push(l), {})).toBe(2);
    expect(lines).toEqual([expect.stringMatching(/^fargate-oidc build: The template is 60000 bytes/)]);
    lines.length = 0;
    expect(reportError('build', new DanglingReferenceError(['Ref Nope']), (l) => lines.push(l), {})).toBe(70);
    expect(lines).toEqual([
      'fargate-oidc build: internal error: DanglingReferenceError: The template has references that resolve to nothing:\n- Ref Nope',
      'This is a bug in fargate-oidc. Run again with FARGATE_OIDC_DEBUG=1 for the stack trace, and report it with the command you ran.',
    ]);
    expect(lines.join('\n')).not.toMatch(/\n\s+at /);
  });

  it('prints the stack trace of an internal error only with FARGATE_OIDC_DEBUG=1', () => {
    const lines: string[] = [];
    reportError('build', new Error('boom'), (l) => lines.push(l), { FARGATE_OIDC_DEBUG: '1' });
    expect(lines[0]).toBe('fargate-oidc build: internal error: boom');
    expect(lines[1]).toMatch(/^Error: boom\n\s+at /);
  });

  it('a closed stdout (EPIPE) before the operation started stops it: exit 141, never 0; other stream errors are thrown on', () => {
    const stream = new EventEmitter();
    const stop = new CommandStop();
    watchOutput(stream, stop);
    stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    expect(stop.first.aborted).toBe(true);
    expect(stop.first.reason).toBe('EPIPE');
    expect(stop.outputClosed).toBe(true);
    expect(stop.exitCode(0)).toBe(141);
    expect(stop.exitCode(130)).toBe(141);
    expect(stop.exitCode(2)).toBe(2);
    expect(() => stream.emit('error', Object.assign(new Error('disk'), { code: 'EIO' }))).toThrow('disk');
  });

  it('a closed stdout after the operation started does not stop it: the true exit code, 1 stays 1', () => {
    const stop = new CommandStop();
    stop.started();
    stop.outputGone();
    expect(stop.first.aborted).toBe(false);
    expect(stop.outputClosed).toBe(true);
    expect(stop.exitCode(1)).toBe(1);
    expect(stop.exitCode(0)).toBe(0);
  });

  it('SIGTERM and SIGHUP stop a command as Ctrl-C does, with exit 143 and 129; a second signal aborts the second stop where used, else exits at once', () => {
    for (const [signal, code] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
      ['SIGHUP', 129],
    ] as const) {
      const exits: number[] = [];
      const stop = new CommandStop((c) => exits.push(c));
      stop.signal(signal);
      expect(stop.first.reason).toBe(signal);
      expect(stop.exitCode(130)).toBe(code);
      stop.signal(signal);
      expect(exits).toEqual([code]);
    }
    const exits: number[] = [];
    const stop = new CommandStop((c) => exits.push(c));
    stop.useSecond();
    stop.signal('SIGTERM');
    stop.signal('SIGTERM');
    expect(stop.second.aborted).toBe(true);
    expect(exits).toEqual([]);
    stop.signal('SIGTERM');
    expect(exits).toEqual([143]);
  });
});

describe('region and profile, before any AWS call', () => {
  it('refuses a mistyped region with exit 2 and the closest region', async () => {
    const r = await run(['deploy', '--stack-name', 'web', '--region', 'us-west2', ...REQUIRED]);
    expect(r).toEqual({
      code: 2,
      out: [],
      err: [
        'fargate-oidc deploy: --region "us-west2" is not an AWS region (did you mean us-west-2?): a region is written like us-west-2 or eu-central-1.',
      ],
    });
    const saved = process.env['AWS_REGION'];
    process.env['AWS_REGION'] = 'eu-wst-1';
    try {
      const env = await run(['destroy', '--stack-name', 'web']);
      expect(env.err).toEqual([
        'fargate-oidc destroy: AWS_REGION "eu-wst-1" is not an AWS region (did you mean eu-west-1?): a region is written like us-west-2 or eu-central-1.',
      ]);
    } finally {
      if (saved === undefined) delete process.env['AWS_REGION'];
      else process.env['AWS_REGION'] = saved;
    }
    const url = await run(['url', '--template-url', TEMPLATE_URL, '--region', 'us-west2', ...REQUIRED]);
    expect(url.code).toBe(2);
    expect(url.err[0]).toMatch(/did you mean us-west-2\?/);
  });

  it('names a profile that does not exist, and the closest one', async () => {
    const config = join(dir, 'config');
    writeFileSync(config, '[default]\nregion = us-west-2\n[profile work]\nregion = eu-west-1\n[sso-session corp]\n');
    const credentials = join(dir, 'credentials');
    writeFileSync(credentials, '[personal]\naws_access_key_id = x\n');
    const saved = { ...process.env };
    process.env['AWS_CONFIG_FILE'] = config;
    process.env['AWS_SHARED_CREDENTIALS_FILE'] = credentials;
    try {
      const r = await run(['destroy', '--stack-name', 'web', '--region', 'us-west-2', '--profile', 'nope']);
      expect(r.code).toBe(2);
      expect(r.err).toEqual([
        `fargate-oidc destroy: --profile nope: no such profile in ${config} or ${credentials} (profiles: default, work, personal). ` +
          'Create it with "aws configure --profile NAME" or "aws configure sso", or pass another --profile.',
      ]);
      const near = await run(['destroy', '--stack-name', 'web', '--region', 'us-west-2', '--profile', 'wrok']);
      expect(near.err[0]).toContain('(did you mean work?)');
    } finally {
      process.env = saved;
    }
  });
});

describe('values the template refuses, before any AWS call (exit 2)', () => {
  it('deploy refuses TaskCpu=256 with TaskMemory=4096, naming the parameters and the allowed pairs', async () => {
    const r = await run([
      'deploy',
      '--stack-name',
      'web',
      '--region',
      'us-west-2',
      ...REQUIRED,
      '--parameter',
      'TaskCpu=256',
      '--parameter',
      'TaskMemory=4096',
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([
      'fargate-oidc deploy: Parameter TaskCpu="256", TaskMemory="4096": With TaskCpu 256, TaskMemory must be one of 512, 1024, 2048 MiB. (rule TaskSizeIsValidOnFargate)',
    ]);
  });

  it("deploy --template-file refuses a value a hand-written template's Rules reject (JSON form), before any AWS call", async () => {
    const file = join(dir, 'hand-written.json');
    writeFileSync(
      file,
      JSON.stringify({
        Parameters: { Stage: { Type: 'String' } },
        Rules: {
          KnownStage: {
            Assertions: [{ Assert: { 'Fn::Contains': [['dev', 'prod'], { Ref: 'Stage' }] }, AssertDescription: 'Stage is dev or prod.' }],
          },
          NotBad: {
            Assertions: [
              { Assert: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'Stage' }, 'bad'] }] }, AssertDescription: 'Stage may not be bad.' },
            ],
          },
        },
        Resources: { Topic: { Type: 'AWS::SNS::Topic' } },
      }),
    );
    const r = await run(['deploy', '--stack-name', 'web', '--region', 'us-west-2', '--template-file', file, '--parameter', 'Stage=bad']);
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toContain('Stage="bad": Stage is dev or prod. (rule KnownStage)');
    expect(r.err.join('\n')).toContain('Stage="bad": Stage may not be bad. (rule NotBad)');
  });

  it('url says which rules of a hand-written template only CloudFormation can decide, and why', async () => {
    const file = join(dir, 'reads-aws.json');
    writeFileSync(
      file,
      JSON.stringify({
        Parameters: { Vpc: { Type: 'AWS::EC2::VPC::Id' } },
        Rules: {
          TaggedVpc: {
            Assertions: [
              {
                Assert: { 'Fn::Contains': [['prod'], { 'Fn::ValueOf': ['Vpc', 'Tags.Stage'] }] },
                AssertDescription: 'The VPC is tagged prod.',
              },
            ],
          },
        },
        Resources: { Topic: { Type: 'AWS::SNS::Topic' } },
      }),
    );
    const r = await run(['url', '--template-url', TEMPLATE_URL, '--template-file', file, '--parameter', 'Vpc=vpc-1']);
    expect(r.code).toBe(0);
    expect(r.err).toContain(
      'Note: rule TaggedVpc ("The VPC is tagged prod.") is not checked here, CloudFormation checks it: Fn::ValueOf reads attributes of AWS resources: only CloudFormation can tell.',
    );
  });

  it('url and publish refuse GitHubOwnerId without GitHubRepoId', async () => {
    const expected =
      'Parameter GitHubOwnerId="123", GitHubRepoId="": Immutable subject claims need both GitHubOwnerId and GitHubRepoId; give both or neither. (rule GitHubIdsComeTogether)';
    const url = await run(['url', '--template-url', TEMPLATE_URL, ...REQUIRED, '--parameter', 'GitHubOwnerId=123']);
    expect(url).toEqual({ code: 2, out: [], err: [`fargate-oidc url: ${expected}`] });
    const publish = await run([
      'publish',
      '--bucket',
      'my-templates',
      '--region',
      'us-west-2',
      ...REQUIRED,
      '--parameter',
      'GitHubOwnerId=123',
    ]);
    expect(publish).toEqual({ code: 2, out: [], err: [`fargate-oidc publish: ${expected}`] });
  });

  it('refuses 80.5 for ContainerPort in deploy and in workflows --port', async () => {
    const deploy = await run(['deploy', '--stack-name', 'web', '--region', 'us-west-2', ...REQUIRED, '--parameter', 'ContainerPort=80.5']);
    expect(deploy.err).toEqual([
      'fargate-oidc deploy: Parameter ContainerPort: "80.5" is not a whole number. Must be a port number from 1 to 65535.',
    ]);
    const workflows = await run(['workflows', '--out', join(dir, 'wf'), '--port', '80.5']);
    expect(workflows).toEqual({
      code: 2,
      out: [],
      err: ['fargate-oidc workflows: --port 80.5: "80.5" is not a whole number. Must be a port number from 1 to 65535.'],
    });
  });

  it('refuses a --parameter named toString as an unknown parameter, not as given twice', async () => {
    const r = await run(['url', '--template-url', TEMPLATE_URL, ...REQUIRED, '--parameter', 'toString=x']);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/^fargate-oidc url: Parameter toString: the template has no such parameter\. Parameters: GitHubOrg, /);
  });
});

describe('workflows', () => {
  it('refuses a mistyped --region with the closest region', async () => {
    expect((await run(['workflows', '--out', join(dir, 'wf3'), '--region', 'us-west2'])).err).toEqual([
      'fargate-oidc workflows: --region "us-west2" is not an AWS region (did you mean us-west-2?): a region is written like us-west-2 or eu-central-1.',
    ]);
  });

  it('refuses a cron expression GitHub rejects, naming the field', async () => {
    const r = await run(['workflows', '--out', join(dir, 'wf2'), '--nightly-stop', '99 99 99 99 99']);
    expect(r).toEqual({
      code: 2,
      out: [],
      err: [
        'fargate-oidc workflows: nightlyStop: "99 99 99 99 99" is not a cron expression GitHub accepts: the minute field "99": "99" is not a number from 0 to 59.',
      ],
    });
  });

  it('says that --out is a file, not a raw EEXIST', async () => {
    const file = join(dir, 'hostname');
    writeFileSync(file, 'x');
    const r = await run(['workflows', '--out', file]);
    expect(r).toEqual({
      code: 2,
      out: [],
      err: [
        `fargate-oidc workflows: --out ${file}: ${file} (or a directory above it) is a file, not a directory. Give a directory you can write to.`,
      ],
    });
  });

  it('build says that --out-dir is a file, not a raw EEXIST or ENOTDIR', async () => {
    const file = join(dir, 'not-a-dir');
    writeFileSync(file, 'x');
    expect(await run(['build', '--out-dir', file])).toEqual({
      code: 2,
      out: [],
      err: [
        `fargate-oidc build: --out-dir ${file}: ${file} (or a directory above it) is a file, not a directory. Give a directory you can write to.`,
      ],
    });
  });
});

describe('publish --prefix', () => {
  it.each([
    ['../../', '"." or ".." segment'],
    ['a/./b', '"." or ".." segment'],
    ['team\ntemplates/', 'contains a control character'],
  ])('refuses %j before any AWS call', async (prefix, why) => {
    const r = await run(['publish', '--bucket', 'my-templates', '--region', 'us-west-2', '--prefix', prefix, ...REQUIRED]);
    expect(r.code).toBe(2);
    expect(r.err[0]).toContain(why);
    expect(r.err[0]).toMatch(/^fargate-oidc publish: --prefix /);
  });
});

describe('AWS_PROFILE', () => {
  it('is checked like --profile when no --profile is given, and named as AWS_PROFILE', async () => {
    const empty = join(dir, 'empty-config');
    writeFileSync(empty, '[default]\n');
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_CONFIG_FILE: empty, AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'), AWS_PROFILE: 'ghost' });
    try {
      const r = await run(['destroy', '--stack-name', 'web', '--region', 'us-west-2']);
      expect(r.code).toBe(2);
      expect(r.err[0]).toMatch(
        /^fargate-oidc destroy: AWS_PROFILE ghost: no such profile in .*empty-config or .*none \(profiles: default\)\./,
      );
    } finally {
      process.env = saved;
    }
  });
});

describe('region names', () => {
  it('lets a region newer than the list through with a note, and refuses typos in its letters', () => {
    expect(checkRegionName('us-west-2')).toBeUndefined();
    expect(checkRegionName('cn-north-1')).toBeUndefined();
    expect(checkRegionName('ap-southeast-9')).toBe(
      'Note: ap-southeast-9 is not a region this version of fargate-oidc knows (did you mean ap-southeast-1?); trying it anyway.',
    );
    expect(checkRegionName('xx-newplace-1')).toBe(
      'Note: xx-newplace-1 is not a region this version of fargate-oidc knows; trying it anyway.',
    );
    expect(() => checkRegionName('eu-wst-1')).toThrow('--region "eu-wst-1" is not an AWS region (did you mean eu-west-1?)');
    expect(() => checkRegionName('US-WEST-2')).toThrow('--region "US-WEST-2" is not an AWS region (did you mean us-west-2?)');
    expect(() => checkRegionName('uswest2')).toThrow('(did you mean us-west-2?)');
  });
});
