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
  parameterMessage,
  templateUrlProblems,
} from '../../src/console/launch-page/form-checks';
import { launchPageData } from '../../src/console/launch-page/page-data';
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
      writeFileSync(join(root, 'src', 'console', 'launch-page', 'browser.ts'), "import { readFileSync } from 'node:fs';\nreadFileSync('x');\n");
      expect(findRepositoryRoot(join(root, 'src', 'console'))).toBe(root);
      expect(() => bundleLaunchScript(root)).toThrow(LaunchScriptBundleError);
      expect(() => bundleLaunchScript(root)).toThrow(/^Cannot bundle the launch page's script \(src\/console\/launch-page\/browser\.ts\): .*node:fs/s);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the launch page form checks', () => {
  it('accepts a good form, and takes one more check with one line', () => {
    expect(checkLaunchForm(form, data)).toEqual([]);
    const cpuMemory: FormCheck = (f) => (f.values['TaskCpu'] === '256' ? [{ field: 'p-TaskMemory', message: 'Pick 512 to 2048.' }] : []);
    expect(checkLaunchForm({ ...form, values: { ...form.values, TaskCpu: '256' } }, data, [...FORM_CHECKS, cpuMemory])).toEqual([
      { field: 'p-TaskMemory', message: 'Pick 512 to 2048.' },
    ]);
    expect(data.templateRules).toEqual(compileTemplate().plain['Rules'] ?? {});
  });

  it('refuses a template in another region than the one picked', () => {
    expect(templateUrlProblems({ ...form, region: 'eu-west-1' })).toEqual([
      {
        field: 'template-url',
        message: "The template is in us-west-2, but the region is eu-west-1: CloudFormation reads a template only from a bucket in the stack's region.",
      },
    ]);
  });

  it('reports each parameter with its ConstraintDescription, and the 4,096-byte limit before it', () => {
    const problems = checkLaunchForm({ ...form, stackName: '1st', values: { GitHubOrg: 'ac*me', GitHubRepo: 'é'.repeat(2049) } }, data);
    expect(problems).toEqual([
      { field: 'stack-name', message: 'A stack name starts with a letter and has only letters, digits and hyphens (at most 128).' },
      { field: 'p-GitHubOrg', message: data.parameters['GitHubOrg']?.ConstraintDescription },
      { field: 'p-GitHubRepo', message: "The value is over CloudFormation's 4,096-byte limit for a parameter value." },
    ]);
    expect(parameterMessage({ Type: 'Number' }, 'x')).toBe('"x" is not a number.');
  });
});
