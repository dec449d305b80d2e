/**
 * The launch page in a real browser: a headless Chromium (see test/browser.ts: CHROMIUM_PATH,
 * Debian's, or the one inside the @sparticuz/chromium npm package) driven by playwright-core,
 * the page loaded from a file:// URL with every other request refused, window.open recorded.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildOutputs } from '../../src/cli/build';
import { escapeHtml, fieldId, renderLaunchPage } from '../../src/console/launch-page';
import { type LinkParameterSpecs, quickCreateLink } from '../../src/console/quick-create';
import type { Parameter } from '../../src/template/cfn';
import { compileTemplate } from '../../src/template/compile';
import { checkParameterValue } from '../../src/template/parameters';
import { findChromium, launchChromium } from '../browser';

jest.setTimeout(60_000);

/** The page's globals as the callbacks run in the browser use them (the project's lib has no DOM types). */
interface LaunchApi {
  quickCreateUrl(region: string, templateUrl: string, stackName: string, specs: unknown, values: unknown): { url: string; length: number; error?: string };
  checkValue(spec: unknown, value: string): string | null;
}
declare const window: { opened: unknown[][]; open: (...args: unknown[]) => null; fargateOidcLaunch: LaunchApi };
declare const document: { activeElement: { id: string } | null; getElementById(id: string): { textContent: string | null } | null };

const compiled = compileTemplate();
const specs = compiled.template.Parameters;
const html = renderLaunchPage(compiled.plain);
/** Resolved while jest collects the tests: without a browser the suite fails once, saying what was tried. */
const CHROMIUM = findChromium();
const TEMPLATE = 'https://my-templates.s3.us-west-2.amazonaws.com/fargate-oidc/template-0123456789abcdef.yaml';

let dir: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Requests the page made that are not its own file. */
let foreign: string[];
let pageErrors: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'launch-page-'));
  writeFileSync(join(dir, 'launch.html'), html);
  browser = await launchChromium(CHROMIUM);
});

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  context = await browser.newContext();
  foreign = [];
  pageErrors = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    foreign.push(url);
    return route.abort();
  });
  await context.addInitScript(() => {
    const w = window;
    w.opened = [];
    w.open = (...args: unknown[]) => {
      w.opened.push(args);
      return null;
    };
  });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
});

afterEach(async () => {
  if (!context) return; // the browser did not start: beforeAll's error is the one to read
  await context.close();
  expect(pageErrors).toEqual([]);
  expect(foreign).toEqual([]);
});

async function open(query = ''): Promise<void> {
  await page.goto(`${pathToFileURL(join(dir, 'launch.html')).href}${query}`);
}

const opened = (): Promise<unknown[][]> => page.evaluate(() => window.opened);
const field = (name: string) => page.locator(`#${fieldId(name)}`);
const errorOf = (name: string) => page.locator(`#${fieldId(name)}-error`);

describe('launch page: the form', () => {
  it('has one field per parameter, grouped and labelled as in AWS::CloudFormation::Interface, defaults filled in', async () => {
    await open();
    const ui = compiled.template.Metadata['AWS::CloudFormation::Interface'];
    const legends = await page.locator('fieldset > legend').allTextContents();
    expect(legends).toEqual(['Template and stack', ...ui.ParameterGroups.map((g) => g.Label.default)]);
    for (const [i, group] of ui.ParameterGroups.entries()) {
      const ids = await page.locator('fieldset').nth(i + 1).locator('input, select').evaluateAll((els) => els.map((e) => e.id));
      expect(ids).toEqual(group.Parameters.map(fieldId));
    }
    for (const [name, spec] of Object.entries(specs)) {
      const label = ui.ParameterLabels[name]?.default ?? name;
      // The label names the field (accessible name), and the field shows the default.
      const byLabel = page.getByLabel(`${label} ${name}`, { exact: true });
      expect(await byLabel.getAttribute('id')).toBe(fieldId(name));
      expect(await byLabel.inputValue()).toBe(spec.Default === undefined ? '' : String(spec.Default));
      expect(await byLabel.getAttribute('aria-describedby')).toBe(`${fieldId(name)}-help ${fieldId(name)}-error`);
      const tag = await byLabel.evaluate((e) => e.tagName);
      expect(`${name}: ${tag}`).toBe(`${name}: ${spec.AllowedValues ? 'SELECT' : 'INPUT'}`);
      if (spec.AllowedValues) {
        expect(await byLabel.locator('option').evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value))).toEqual(spec.AllowedValues.map(String));
      }
    }
    expect(await page.locator('#region').inputValue()).toBe('us-east-1');
  });

  it('prefills the template URL, the region of its bucket and the stack name from the page URL', async () => {
    await open(`?templateURL=${encodeURIComponent(TEMPLATE)}&stackName=web`);
    expect(await page.locator('#template-url').inputValue()).toBe(TEMPLATE);
    expect(await page.locator('#region').inputValue()).toBe('us-west-2');
    expect(await page.locator('#stack-name').inputValue()).toBe('web');
    await open(`?templateURL=${encodeURIComponent('https://b.s3.amazonaws.com/t.yaml')}&region=ap-southeast-2`);
    expect(await page.locator('#region').inputValue()).toBe('ap-southeast-2');
  });
});

describe('launch page: Launch Stack', () => {
  it('opens the quick-create URL that the CLI builds for the same values', async () => {
    await open(`?templateURL=${encodeURIComponent(TEMPLATE)}`);
    await page.locator('#stack-name').fill('web-prod');
    await field('GitHubOrg').fill('acme');
    await field('GitHubRepo').fill('site.web_1');
    await field('ReleaseTagPattern').fill('release-*');
    await field('TaskCpu').selectOption('512');
    await field('TaskMemory').selectOption('1024');
    await field('ContainerPort').fill('8080');
    await page.getByRole('button', { name: 'Launch Stack' }).click();
    const values: { [k: string]: string } = {};
    for (const name of Object.keys(specs)) values[name] = await field(name).inputValue();
    const expected = quickCreateLink({ region: 'us-west-2', templateUrl: TEMPLATE, stackName: 'web-prod', specs, values });
    expect(expected.url).toBe(
      'https://us-west-2.console.aws.amazon.com/cloudformation/home?region=us-west-2#/stacks/create/review?' +
        `templateURL=${encodeURIComponent(TEMPLATE)}&stackName=web-prod&param_GitHubOrg=acme&param_GitHubRepo=site.web_1` +
        '&param_ReleaseTagPattern=release-%2A&param_ContainerPort=8080&param_TaskCpu=512&param_TaskMemory=1024',
    );
    expect(await opened()).toEqual([[expected.url, '_blank', 'noopener']]);
    expect(await page.locator('#quick-create-link').getAttribute('href')).toBe(expected.url);
    expect(await page.locator('#quick-create-url').textContent()).toBe(expected.url);
    expect(await page.locator('#form-status').textContent()).toBe(`Opening the AWS console (${expected.length} of 1,024 characters).`);
  });

  it('uses the region picked, and refuses a template in another region', async () => {
    const eu = 'https://b.s3.eu-central-1.amazonaws.com/t (1).yaml';
    await open(`?templateURL=${encodeURIComponent(eu)}`);
    await field('GitHubOrg').fill('acme');
    await field('GitHubRepo').fill('web');
    await page.locator('#region').selectOption('eu-west-1');
    await page.getByRole('button', { name: 'Launch Stack' }).click();
    expect(await opened()).toEqual([]);
    expect(await page.locator('#template-url-error').textContent()).toBe(
      "The template is in eu-central-1, but the region is eu-west-1: CloudFormation reads a template only from a bucket in the stack's region.",
    );
    expect(await page.locator('#template-url').getAttribute('aria-invalid')).toBe('true');
    await page.locator('#region').selectOption('eu-central-1');
    expect(await page.locator('#template-url').getAttribute('aria-invalid')).toBe('false');
    await page.getByRole('button', { name: 'Launch Stack' }).click();
    expect(await opened()).toEqual([
      [
        'https://eu-central-1.console.aws.amazon.com/cloudformation/home?region=eu-central-1#/stacks/create/review?' +
          'templateURL=https%3A%2F%2Fb.s3.eu-central-1.amazonaws.com%2Ft%20%281%29.yaml&param_GitHubOrg=acme&param_GitHubRepo=web',
        '_blank',
        'noopener',
      ],
    ]);
  });

  it('shows the ConstraintDescription of each invalid field, marks it aria-invalid, focuses the first and opens nothing', async () => {
    await open(`?templateURL=${encodeURIComponent(TEMPLATE)}`);
    await field('GitHubOrg').fill('ac*me');
    await field('GitHubRepo').fill('web');
    await field('ContainerPort').fill('70000');
    await field('AppName').fill('My App');
    await field('VpcCidr').fill('10.0.0.0/8');
    await page.getByRole('button', { name: 'Launch Stack' }).click();
    expect(await opened()).toEqual([]);
    for (const name of ['GitHubOrg', 'ContainerPort', 'AppName', 'VpcCidr']) {
      expect(await errorOf(name).textContent()).toBe(specs[name]?.ConstraintDescription);
      expect(await field(name).getAttribute('aria-invalid')).toBe('true');
    }
    expect(await errorOf('GitHubRepo').textContent()).toBe('');
    expect(await field('GitHubRepo').getAttribute('aria-invalid')).toBe('false');
    expect(await page.locator('#form-status').textContent()).toBe('4 fields need a fix (marked below).');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(fieldId('GitHubOrg'));
    // The error is the field's accessible description.
    const description = await field('GitHubOrg').evaluate((e) =>
      (e.getAttribute('aria-describedby') ?? '').split(' ').map((id: string) => document.getElementById(id)?.textContent ?? '').join(' '),
    );
    expect(description).toContain(specs['GitHubOrg']?.ConstraintDescription);
    // Fixing a field clears its error as it is edited.
    await field('GitHubOrg').fill('acme');
    expect(await errorOf('GitHubOrg').textContent()).toBe('');
    expect(await field('GitHubOrg').getAttribute('aria-invalid')).toBe('false');
  });

  it('refuses missing required values, a missing or non-S3 template URL and a bad stack name', async () => {
    await open();
    await page.getByRole('button', { name: 'Launch Stack' }).click();
    expect(await page.locator('#template-url-error').textContent()).toBe(
      'Give the HTTPS URL of the template in S3 (npx fargate-oidc publish --bucket BUCKET prints it).',
    );
    expect(await errorOf('GitHubOrg').textContent()).toBe(specs['GitHubOrg']?.ConstraintDescription);
    expect(await errorOf('GitHubRepo').textContent()).toBe(specs['GitHubRepo']?.ConstraintDescription);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('template-url');
    await page.locator('#template-url').fill('https://example.com/template.yaml');
    await page.locator('#stack-name').fill('1st');
    await page.getByRole('button', { name: 'Launch Stack' }).click();
    expect(await page.locator('#template-url-error').textContent()).toBe(
      'CloudFormation reads templates only from S3: https://BUCKET.s3.REGION.amazonaws.com/KEY.',
    );
    expect(await page.locator('#stack-name-error').textContent()).toBe(
      'A stack name starts with a letter and has only letters, digits and hyphens (at most 128).',
    );
    expect(await opened()).toEqual([]);
  });

  it('refuses an overlong URL with the message the CLI gives', async () => {
    await open(`?templateURL=${encodeURIComponent(TEMPLATE)}`);
    const subnets = Array(30).fill('subnet-0123456789abcdef0').join(',');
    await field('GitHubOrg').fill('acme');
    await field('GitHubRepo').fill('web');
    await field('ExistingVpcId').fill('vpc-0123456789abcdef0');
    await field('ExistingSubnetIds').fill(subnets);
    await page.locator('#stack-name').fill('a'.repeat(100));
    await page.getByRole('button', { name: 'Launch Stack' }).click();
    let cliMessage = '';
    try {
      quickCreateLink({
        region: 'us-west-2',
        templateUrl: TEMPLATE,
        stackName: 'a'.repeat(100),
        specs,
        values: { GitHubOrg: 'acme', GitHubRepo: 'web', ExistingVpcId: 'vpc-0123456789abcdef0', ExistingSubnetIds: subnets },
      });
    } catch (e) {
      cliMessage = (e as Error).message;
    }
    expect(cliMessage).toMatch(/^The quick-create URL is \d+ characters/);
    expect(await page.locator('#form-status').textContent()).toBe(cliMessage);
    expect(await opened()).toEqual([]);
  });
});

describe('launch page: the same rules as the CLI', () => {
  it('builds the same URL as quickCreateLink: encoding, NoEcho, defaults, order, limit', async () => {
    await open();
    const cases: { region: string; templateUrl: string; stackName?: string; specs: LinkParameterSpecs; values: { [k: string]: string } }[] = [
      { region: 'us-east-1', templateUrl: TEMPLATE, specs, values: { GitHubOrg: 'a', GitHubRepo: 'b', DeployBranch: 'main' } },
      { region: 'ap-northeast-3', templateUrl: 'https://b.s3.ap-northeast-3.amazonaws.com/a b/é.yaml', stackName: 'x', specs: { 'K y': {}, Z: { Default: 'z' } }, values: { 'K y': "a b&c=d/é+%#?(x)'!*~", Z: 'z' } },
      { region: 'eu-west-1', templateUrl: TEMPLATE, specs: { S: { NoEcho: true }, T: { NoEcho: 'true' as unknown as boolean }, N: { Default: 5 as unknown as string } }, values: { S: 'secret', T: 'tok', N: '5' } },
      { region: 'eu-west-1', templateUrl: TEMPLATE, specs: { N: { Default: 5 as unknown as string } }, values: { N: '05' } },
    ];
    for (const c of cases) {
      const ts = quickCreateLink(c);
      const browserResult = await page.evaluate(
        ([r, t, s, p, v]) =>
          window.fargateOidcLaunch.quickCreateUrl(r, t, s, p, v),
        [c.region, c.templateUrl, c.stackName ?? '', c.specs, c.values] as const,
      );
      expect(browserResult).toEqual({ url: ts.url, length: ts.length });
    }
    for (const values of [{ A: 'x'.repeat(600), B: 'y'.repeat(300), C: 'z'.repeat(10) }, { A: 'x'.repeat(420), B: 'y'.repeat(420), C: 'z'.repeat(80) }]) {
      const s: LinkParameterSpecs = { A: {}, B: {}, C: {} };
      let message = '';
      try {
        quickCreateLink({ region: 'us-east-1', templateUrl: TEMPLATE, specs: s, values });
      } catch (e) {
        message = (e as Error).message;
      }
      const browserError = await page.evaluate(
        ([p, v, t]) =>
          window.fargateOidcLaunch.quickCreateUrl('us-east-1', t, '', p, v).error,
        [s, values, TEMPLATE] as const,
      );
      expect(browserError).toBe(message);
    }
  });

  it('accepts and refuses exactly the values checkParameterValue accepts and refuses', async () => {
    await open();
    const samples = ['', 'acme', 'ac*me', 'a-', '-a', 'A'.repeat(39), 'A'.repeat(40), 'web.site_1', 'main', 'feature/x', 'v*.*.*', 'ab', 'my-app', 'My App',
      '0', '1', '2', '8000', '65535', '65536', '-1', '1.5', ' 7 ', 'x', '256', '300', 'ARM64', 'arm64', 'true', 'yes', '14', '15',
      '10.0.0.0/16', '10.0.0.0/8', '10.0.0.0/24', '256.0.0.0/16', 'vpc-0123456789abcdef0', 'vpc-123', 'subnet-0123456789abcdef0,subnet-0fedcba9876543210',
      'subnet-0123456789abcdef0, subnet-0fedcba9876543210', '123456789012', '12a', 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
      'ünïcödé', 'a\nb'];
    const browserChecks = await page.evaluate(
      ([p, vs]) => {
        const launch = window.fargateOidcLaunch;
        const out: { [k: string]: (string | null)[] } = {};
        for (const [name, spec] of Object.entries(p)) out[name] = vs.map((v) => launch.checkValue(spec, v));
        return out;
      },
      [specs, samples] as const,
    );
    for (const [name, spec] of Object.entries(specs)) {
      samples.forEach((value, i) => {
        const ts = checkParameterValue(spec as Parameter, value);
        const br = browserChecks[name]?.[i];
        expect(`${name} ${JSON.stringify(value)}: ${br === null ? 'valid' : br}`).toBe(
          `${name} ${JSON.stringify(value)}: ${ts === undefined ? 'valid' : spec.ConstraintDescription}`,
        );
      });
    }
  });
});

describe('launch page: the file', () => {
  it('is out/launch.html as the build writes it (run npm run build and commit out/ if this fails)', () => {
    const built = buildOutputs().find((f) => f.path === 'launch.html');
    expect(built?.text).toBe(html);
    expect(readFileSync(join(__dirname, '..', '..', 'out', 'launch.html'), 'utf8')).toBe(html);
  });

  it('loads nothing from the network: no src or href to another origin, a CSP that allows only its own script and style', () => {
    expect(html.match(/\s(src|href)="[^"#]/g)).toBeNull();
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;sha256-[A-Za-z0-9+/=]+&#39;; style-src &#39;sha256-[A-Za-z0-9+/=]+&#39;; base-uri &#39;none&#39;; form-action &#39;none&#39;">/);
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
