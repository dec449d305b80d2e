/**
 * The launch page's script outside the browser: the bundle esbuild makes of it, and its form
 * checks (the CLI's functions, run on what the form holds). test/console/launch-page.test.ts
 * runs the same script in Chromium.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleLaunchScript, findRepositoryRoot, LaunchScriptBundleError } from '../../src/console/launch-page/bundle';
import {
  checkLaunchForm,
  FORM_CHECKS,
  type FormCheck,
  type LaunchForm,
  templateUrlProblems,
} from '../../src/console/launch-page/form-checks';
import { launchPageData } from '../../src/console/launch-page/page-data';
import { type CheckedTemplate, checkTemplateValues, wholeNumberParameters } from '../../src/template/parameter-rules';
import { compileTemplate } from '../../src/template/compile';

const data = launchPageData(compileTemplate().plain);
const form: LaunchForm = {
  region: 'us-west-2',
  templateUrl: 'https://b.s3.us-west-2.amazonaws.com/t.yaml',
  stackName: 'web',
  values: { GitHubOrg: 'acme', GitHubRepo: 'web' },
};

describe('the launch page script bundle', () => {
  it('is one minified browser script with no require and no Node.js module', () => {
    const script = bundleLaunchScript();
    expect(script.startsWith('"use strict";(()=>{')).toBe(true);
    expect(script).not.toMatch(/\brequire\(|node:/);
    expect(script).toContain('The quick-create URL is'); // quickCreateLink's own message, bundled
    expect(script.length).toBeLessThan(20_000);
  });

  it('refuses a browser script that imports a Node.js module, naming the file and esbuild’s reason', () => {
    const root = mkdtempSync(join(tmpdir(), 'launch-bundle-'));
    try {
      mkdirSync(join(root, 'src', 'console', 'launch-page'), { recursive: true });
      writeFileSync(
        join(root, 'src', 'console', 'launch-page', 'browser.ts'),
        "import { readFileSync } from 'node:fs';\nreadFileSync('x');\n",
      );
      expect(findRepositoryRoot(join(root, 'src', 'console'))).toBe(root);
      expect(() => bundleLaunchScript(root)).toThrow(LaunchScriptBundleError);
      expect(() => bundleLaunchScript(root)).toThrow(
        /^Cannot bundle the launch page's script \(src\/console\/launch-page\/browser\.ts\): .*node:fs/s,
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the launch page form checks', () => {
  it('accepts a good form, and takes one more check with one line', () => {
    expect(checkLaunchForm(form, data)).toEqual([]);
    const cpuMemory: FormCheck = (f) => (f.values['TaskCpu'] === '256' ? [{ fields: ['p-TaskMemory'], message: 'Pick 512 to 2048.' }] : []);
    expect(checkLaunchForm({ ...form, values: { ...form.values, TaskCpu: '256' } }, data, [...FORM_CHECKS, cpuMemory])).toEqual([
      { fields: ['p-TaskMemory'], message: 'Pick 512 to 2048.' },
    ]);
  });

  it('carries what checkTemplateValues reads: Parameters, Rules and the whole-number list of the Metadata', () => {
    const plain = compileTemplate().plain as unknown as CheckedTemplate;
    expect(data.Rules).toEqual(plain.Rules);
    expect(Object.keys(data.Parameters)).toEqual(Object.keys(plain.Parameters ?? {}));
    expect(data.Metadata).toEqual({
      'fargate-oidc': {
        whole_numbers: [
          'ContainerPort',
          'DesiredCount',
          'IdleMinutes',
          'FrontDoorRateLimit',
          'FrontDoorBurstLimit',
          'FrontDoorReservedConcurrency',
          'DailyRunHours',
          'ImagesToKeep',
          'LogRetentionDays',
        ],
      },
    });
    expect([...wholeNumberParameters(data)]).toEqual([...wholeNumberParameters(plain)]);
  });

  it('reports what checkTemplateValues reports, on the field(s) each problem names', () => {
    const values = (v: { [k: string]: string }) => ({ ...form, values: { ...form.values, ...v } });
    expect(checkLaunchForm(values({ TaskCpu: '256', TaskMemory: '4096' }), data)).toEqual([
      {
        fields: ['p-TaskCpu', 'p-TaskMemory'],
        message:
          'TaskCpu="256", TaskMemory="4096": With TaskCpu 256, TaskMemory must be one of 512, 1024, 2048 MiB. (rule TaskSizeIsValidOnFargate)',
      },
    ]);
    expect(checkLaunchForm(values({ GitHubOwnerId: '123' }), data)).toEqual([
      {
        fields: ['p-GitHubOwnerId', 'p-GitHubRepoId'],
        message:
          'GitHubOwnerId="123", GitHubRepoId="": Immutable subject claims need both GitHubOwnerId and GitHubRepoId; give both or neither. (rule GitHubIdsComeTogether)',
      },
    ]);
    const port = checkLaunchForm(values({ ContainerPort: '80.5' }), data);
    expect(port).toEqual([
      { fields: ['p-ContainerPort'], message: `"80.5" is not a whole number. ${data.Parameters['ContainerPort']?.ConstraintDescription}` },
    ]);
    // The CLI's message, without the parameter name the field's label already shows.
    expect(checkTemplateValues(data, new Map([['ContainerPort', '80.5']])).map((p) => p.message)).toEqual([
      `ContainerPort: ${port[0]?.message}`,
    ]);
  });

  it('refuses a template in another region than the one picked', () => {
    expect(templateUrlProblems({ ...form, region: 'eu-west-1' })).toEqual([
      {
        fields: ['template-url'],
        message:
          "The template is in us-west-2, but the region is eu-west-1: CloudFormation reads a template only from a bucket in the stack's region.",
      },
    ]);
  });

  it('reports each parameter with the CLI’s message (its ConstraintDescription at the end), and the 4,096-byte limit before it', () => {
    const problems = checkLaunchForm({ ...form, stackName: '1st', values: { GitHubOrg: 'ac*me', GitHubRepo: 'é'.repeat(2049) } }, data);
    expect(problems).toEqual([
      { fields: ['stack-name'], message: 'A stack name starts with a letter and has only letters, digits and hyphens (at most 128).' },
      {
        fields: ['p-GitHubOrg'],
        message: `"ac*me" does not match the pattern ${data.Parameters['GitHubOrg']?.AllowedPattern}. ${data.Parameters['GitHubOrg']?.ConstraintDescription}`,
      },
      { fields: ['p-GitHubRepo'], message: "The value is over CloudFormation's 4,096-byte limit for a parameter value." },
    ]);
  });
});
