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
import { escapeHtml, renderLaunchPage } from '../../src/console/launch-page';
import { bundleLaunchScript } from '../../src/console/launch-page/bundle';
import { fieldId } from '../../src/console/launch-page/form-checks';
import { type LinkParameterSpecs, quickCreateLink } from '../../src/console/quick-create';
import { type CheckedTemplate, checkTemplateValues, type ValueProblem } from '../../src/template/parameter-rules';
import { compileTemplate } from '../../src/template/compile';
import { findChromium, launchChromium } from '../browser';

jest.setTimeout(60_000);

/** The page's globals as the callbacks run in the browser use them (the project's lib has no DOM types). */
interface LaunchApi {
  quickCreateUrl(
    region: string,
    templateUrl: string,
    stackName: string,
    specs: unknown,
    values: unknown,
  ): { url: string; length: number; error?: string };
  checkValues(values: { [name: string]: string }): ValueProblem[];
}
/** The page's window as the init script and the page leave it: window.open recorded, the page's functions exposed. */
type TestWindow = { opened: unknown[][]; open: (...args: unknown[]) => null; fargateOidcLaunch: LaunchApi };

const compiled = compileTemplate();
const specs = compiled.template.Parameters;
/** The whole compiled template, as the CLI checks values against it. */
const template = compiled.plain as unknown as CheckedTemplate;
const labels = compiled.template.Metadata['AWS::CloudFormation::Interface'].ParameterLabels;

/**
 * The CLI's message for one value (checkTemplateValues on the whole template, in Node.js),
 * without the "Name: " that the field's label already shows.
 */
function cliMessage(name: string, value: string): string {
  const [problem, ...more] = checkTemplateValues(template, new Map([[name, value]]));
  if (!problem || more.length > 0 || !problem.message.startsWith(`${name}: `))
    throw new Error(`${name}=${value}: ${JSON.stringify([problem, ...more])}`);
  const text = problem.message.slice(name.length + 2);
  return text.charAt(0).toUpperCase() + text.slice(1);
}
const html = renderLaunchPage(compiled.plain, bundleLaunchScript());
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
    const w = window as unknown as TestWindow;
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

const opened = (): Promise<unknown[][]> => page.evaluate(() => (window as unknown as TestWindow).opened);
const field = (name: string) => page.locator(`#${fieldId(name)}`);
const errorOf = (name: string) => page.locator(`#${fieldId(name)}-error`);

describe('launch page: the form', () => {
  it('has one field per parameter, grouped and labelled as in AWS::CloudFormation::Interface, defaults filled in', async () => {
    await open();
    const ui = compiled.template.Metadata['AWS::CloudFormation::Interface'];
    const legends = await page.locator('fieldset > legend').allTextContents();
    expect(legends).toEqual(['Template and stack', ...ui.ParameterGroups.map((g) => g.Label.default)]);
    for (const [i, group] of ui.ParameterGroups.entries()) {
      const ids = await page
        .locator('fieldset')
        .nth(i + 1)
        .locator('input, select')
        .evaluateAll((els) => els.map((e) => e.id));
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
        expect(await byLabel.locator('option').evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value))).toEqual(
          spec.AllowedValues.map(String),
        );
      }
    }
    expect(await page.locator('#region').inputValue()).toBe('us-east-1');
  });

  it('prefills the template URL, the region of its bucket and the stack name from the page URL', async () => {
    await open(`?templateURL=${encodeURIComponent(TEMPLATE)}&stackName=web`);
    expect(await page.locator('#template-url').inputValue()).toBe(TEMPLATE);
    expect(await page.locator('#region').inputValue()).toBe('us-west-2');
    expect(await page.locator('#region-note').textContent()).toBe('Set to us-west-2, the region in the template URL.');
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
    // The link is shown at the top (in case the browser blocked the new tab), in view and focused.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('result');
    expect(await inView('#result h2')).toBe(true);
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
    expect(await page.locator('#error-summary a').allTextContents()).toEqual([
      "Template URL: The template is in eu-central-1, but the region is eu-west-1: CloudFormation reads a template only from a bucket in the stack's region.",
    ]);
    await page.locator('#region').selectOption('eu-central-1');
    expect(await page.locator('#template-url').getAttribute('aria-invalid')).toBe('false');
    expect(await page.locator('#error-summary').isHidden()).toBe(true);
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

  it('shows the CLI’s message (ending with the ConstraintDescription) under each invalid field, marks it aria-invalid, lists it in the summary and opens nothing', async () => {
    await open(`?templateURL=${encodeURIComponent(TEMPLATE)}`);
    await field('GitHubOrg').fill('ac*me');
    await field('GitHubRepo').fill('web');
    await field('ContainerPort').fill('70000');
    await field('AppName').fill('My App');
    await field('VpcCidr').fill('10.0.0.0/8');
    await page.getByRole('button', { name: 'Launch Stack' }).click();
    expect(await opened()).toEqual([]);
    const bad = { GitHubOrg: 'ac*me', ContainerPort: '70000', AppName: 'My App', VpcCidr: '10.0.0.0/8' };
    for (const [name, value] of Object.entries(bad)) {
      expect(await errorOf(name).textContent()).toBe(cliMessage(name, value));
      expect((await errorOf(name).textContent())?.endsWith(` ${specs[name]?.ConstraintDescription}`)).toBe(true);
      expect(await field(name).getAttribute('aria-invalid')).toBe('true');
    }
    expect(await errorOf('ContainerPort').textContent()).toBe(
      `"70000" is more than the maximum 65535. ${specs['ContainerPort']?.ConstraintDescription}`,
    );
    expect(await errorOf('GitHubRepo').textContent()).toBe('');
    expect(await field('GitHubRepo').getAttribute('aria-invalid')).toBe('false');
    expect(await page.locator('#error-summary h2').textContent()).toBe('4 fields need a fix');
    // In the order of the page (the console's groups), each with its label.
    expect(await page.locator('#error-summary a').allTextContents()).toEqual(
      (['GitHubOrg', 'AppName', 'ContainerPort', 'VpcCidr'] as const).map((n) => `${labels[n]?.default}: ${cliMessage(n, bad[n])}`),
    );
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
    // The error is the field's accessible description.
    const description = await field('GitHubOrg').evaluate((e) =>
      (e.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id: string) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );
    expect(description).toContain(cliMessage('GitHubOrg', 'ac*me'));
    // Fixing a field clears its error as it is edited, and takes it off the summary.
    await field('GitHubOrg').fill('acme');
    expect(await errorOf('GitHubOrg').textContent()).toBe('');
    expect(await field('GitHubOrg').getAttribute('aria-invalid')).toBe('false');
    expect(await page.locator('#error-summary h2').textContent()).toBe('3 fields need a fix');
    for (const [name, value] of [
      ['ContainerPort', '8000'],
      ['AppName', 'my-app'],
      ['VpcCidr', '10.0.0.0/16'],
    ] as const)
      await field(name).fill(value);
    expect(await page.locator('#error-summary').isHidden()).toBe(true);
  });

  it('refuses what the template’s Rules refuse (TaskCpu 256 with TaskMemory 4096): on both fields, once in the summary, and opens the CLI’s link once fixed', async () => {
    await open(`?templateURL=${encodeURIComponent(TEMPLATE)}`);
    await field('GitHubOrg').fill('acme');
    await field('GitHubRepo').fill('web');
    await field('TaskCpu').selectOption('256');
    await field('TaskMemory').selectOption('4096');
    await page.getByRole('button', { name: 'Launch Stack' }).click();
    expect(await opened()).toEqual([]);
    const message =
      'TaskCpu="256", TaskMemory="4096": With TaskCpu 256, TaskMemory must be one of 512, 1024, 2048 MiB. (rule TaskSizeIsValidOnFargate)';
    const values = { GitHubOrg: 'acme', GitHubRepo: 'web', TaskCpu: '256', TaskMemory: '4096' };
    expect(checkTemplateValues(template, new Map(Object.entries(values))).map((p) => p.message)).toEqual([message]); // the CLI's words
    for (const name of ['TaskCpu', 'TaskMemory']) {
      expect(`${name}: ${await errorOf(name).textContent()}`).toBe(`${name}: ${message}`);
      expect(await field(name).getAttribute('aria-invalid')).toBe('true');
    }
    expect(await page.locator('#error-summary h2').textContent()).toBe('2 fields need a fix');
    const links = await page.locator('#error-summary a').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.textContent]));
    expect(links).toEqual([[`#${fieldId('TaskCpu')}`, message]]);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
    // Fixing either field clears the rule's message on both, and the summary.
    await field('TaskMemory').selectOption('1024');
    for (const name of ['TaskCpu', 'TaskMemory']) {
      expect(await errorOf(name).textContent()).toBe('');
      expect(await field(name).getAttribute('aria-invalid')).toBe('false');
    }
    expect(await page.locator('#error-summary').isHidden()).toBe(true);
    await page.getByRole('button', { name: 'Launch Stack' }).click();
    const all: { [k: string]: string } = {};
    for (const name of Object.keys(specs)) all[name] = await field(name).inputValue();
    expect(await opened()).toEqual([
      [quickCreateLink({ region: 'us-west-2', templateUrl: TEMPLATE, specs, values: all }).url, '_blank', 'noopener'],
    ]);
  });

  it('refuses GitHubOwnerId without GitHubRepoId (rule GitHubIdsComeTogether), on both fields', async () => {
    await open(`?templateURL=${encodeURIComponent(TEMPLATE)}`);
    await field('GitHubOrg').fill('acme');
    await field('GitHubRepo').fill('web');
    await field('GitHubOwnerId').fill('123');
    await page.getByRole('button', { name: 'Launch Stack' }).click();
    expect(await opened()).toEqual([]);
    const message =
      'GitHubOwnerId="123", GitHubRepoId="": Immutable subject claims need both GitHubOwnerId and GitHubRepoId; give both or neither. (rule GitHubIdsComeTogether)';
    for (const name of ['GitHubOwnerId', 'GitHubRepoId']) {
      expect(`${name}: ${await errorOf(name).textContent()}`).toBe(`${name}: ${message}`);
      expect(await field(name).getAttribute('aria-invalid')).toBe('true');
    }
    expect(await page.locator('#error-summary a').allTextContents()).toEqual([message]);
    await field('GitHubRepoId').fill('456');
    expect(await errorOf('GitHubOwnerId').textContent()).toBe('');
    expect(await page.locator('#error-summary').isHidden()).toBe(true);
    await page.getByRole('button', { name: 'Launch Stack' }).click();
    expect((await opened()).length).toBe(1);
  });

  it('refuses a fraction for a whole-number parameter (ContainerPort 80.5), as the CLI does', async () => {
    await open(`?templateURL=${encodeURIComponent(TEMPLATE)}`);
    await field('GitHubOrg').fill('acme');
    await field('GitHubRepo').fill('web');
    await field('ContainerPort').fill('80.5');
    await page.getByRole('button', { name: 'Launch Stack' }).click();
    expect(await opened()).toEqual([]);
    const message = `"80.5" is not a whole number. ${specs['ContainerPort']?.ConstraintDescription}`;
    expect(cliMessage('ContainerPort', '80.5')).toBe(message);
    expect(await errorOf('ContainerPort').textContent()).toBe(message);
    expect(await field('ContainerPort').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#error-summary a').allTextContents()).toEqual([`${labels['ContainerPort']?.default}: ${message}`]);
  });

  it('refuses missing required values, a missing or non-S3 template URL and a bad stack name', async () => {
    await open();
    await page.getByRole('button', { name: 'Launch Stack' }).click();
    expect(await page.locator('#template-url-error').textContent()).toBe(
      'Give the HTTPS URL of the template in S3 (npx fargate-oidc publish --bucket BUCKET prints it).',
    );
    expect(await errorOf('GitHubOrg').textContent()).toBe(cliMessage('GitHubOrg', ''));
    expect(await errorOf('GitHubRepo').textContent()).toBe(cliMessage('GitHubRepo', ''));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
    expect(await page.locator('#error-summary a').first().getAttribute('href')).toBe('#template-url');
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
    expect(await page.locator('#error-summary h2').textContent()).toBe('The quick-create URL is too long');
    expect(await page.locator('#error-summary li').allTextContents()).toEqual([cliMessage]);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
    expect(await opened()).toEqual([]);
  });
});

/** WCAG 2 relative luminance of a CSS `rgb(r, g, b)` colour. */
function luminance(rgb: string): number {
  const [r = 0, g = 0, b = 0] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two colours (1 to 21). */
function contrast(a: string, b: string): number {
  const [hi = 0, lo = 0] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The text colour of the first element matching `selector` and the background it is drawn on (the nearest opaque one). */
function colorsOf(selector: string): Promise<{ fg: string; bg: string }> {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => {
      for (let e: Element | null = el; e; e = e.parentElement) {
        const bg = getComputedStyle(e).backgroundColor;
        if (bg !== 'transparent' && !/^rgba\(.*,\s*0\)$/.test(bg)) return { fg: getComputedStyle(el).color, bg };
      }
      return { fg: getComputedStyle(el).color, bg: 'rgb(255, 255, 255)' };
    });
}

/** Whether the element's box lies fully inside the viewport. */
async function inView(selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth && r.height > 0;
  });
}

describe('launch page: what a user saw', () => {
  it('draws the button and every kind of text with at least 4.5:1 contrast (WCAG AA)', async () => {
    expect(contrast('rgb(255, 255, 255)', 'rgb(236, 114, 17)')).toBeCloseTo(3.0, 1); // the old button: white on #ec7211
    expect(contrast('rgb(0, 0, 0)', 'rgb(255, 255, 255)')).toBe(21);
    await open();
    await page.getByRole('button', { name: 'Launch Stack' }).click();
    for (const selector of [
      '#launch',
      'label',
      '.name',
      '.help',
      'p.error:not(:empty)',
      '#error-summary h2',
      '#error-summary a',
      '#form-status',
      'legend',
    ]) {
      const { fg, bg } = await colorsOf(selector);
      expect(`${selector}: ${fg} on ${bg}: ${contrast(fg, bg) >= 4.5 ? 'at least' : 'under'} 4.5:1`).toBe(
        `${selector}: ${fg} on ${bg}: at least 4.5:1`,
      );
    }
  });

  it('puts the error summary at the top, in view and focused, with a link to each field that needs a fix', async () => {
    await open(`?templateURL=${encodeURIComponent(TEMPLATE)}`);
    await field('GitHubOrg').fill('ac*me');
    await field('GitHubRepo').fill('web');
    await field('ContainerPort').fill('70000');
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.getByRole('button', { name: 'Launch Stack' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
    expect(await inView('#error-summary')).toBe(true);
    const summaryTop = await page.locator('#error-summary').evaluate((e) => e.getBoundingClientRect().top);
    const fieldsTop = await page
      .locator('fieldset')
      .first()
      .evaluate((e) => e.getBoundingClientRect().top);
    expect(summaryTop).toBeLessThan(fieldsTop);
    expect(await page.locator('#error-summary h2').textContent()).toBe('2 fields need a fix');
    const links = await page.locator('#error-summary a').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.textContent]));
    expect(links).toEqual([
      [`#${fieldId('GitHubOrg')}`, `${labels['GitHubOrg']?.default}: ${cliMessage('GitHubOrg', 'ac*me')}`],
      [`#${fieldId('ContainerPort')}`, `${labels['ContainerPort']?.default}: ${cliMessage('ContainerPort', '70000')}`],
    ]);
    expect(labels['GitHubOrg']?.default).toBe('GitHub owner (user or organization)');
    await page.locator('#error-summary a').nth(1).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(fieldId('ContainerPort'));
  });

  it('follows the region named by a pasted template URL: virtual-hosted, path-style and legacy s3-REGION hosts', async () => {
    await open();
    const region = () => page.locator('#region').inputValue();
    expect(await region()).toBe('us-east-1');
    for (const [url, expected] of [
      ['https://my-templates.s3.eu-west-3.amazonaws.com/t.yaml', 'eu-west-3'],
      ['https://s3.ap-south-1.amazonaws.com/my-templates/t.yaml', 'ap-south-1'],
      ['https://s3-sa-east-1.amazonaws.com/my-templates/t.yaml', 'sa-east-1'],
      ['https://my-templates.s3-eu-north-1.amazonaws.com/t.yaml', 'eu-north-1'],
      ['https://my-templates.s3.dualstack.ca-central-1.amazonaws.com/t.yaml', 'ca-central-1'],
      ['https://my-templates.s3.amazonaws.com/t.yaml', 'ca-central-1'], // names no region: the picker stays
    ] as const) {
      await page.locator('#template-url').fill(url);
      expect(`${url} → ${await region()}`).toBe(`${url} → ${expected}`);
    }
    await page.locator('#template-url').fill('https://my-templates.s3.us-west-2.amazonaws.com/t.yaml');
    expect(await page.locator('#region-note').textContent()).toBe('Set to us-west-2, the region in the template URL.');
  });

  it('keeps Launch Stack in view wherever the page is scrolled, without hiding the field that has focus, and fits a phone', async () => {
    for (const size of [
      { width: 1280, height: 720 },
      { width: 375, height: 667 },
    ]) {
      await page.setViewportSize(size);
      await open();
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      expect(height).toBeGreaterThan(2 * size.height);
      expect(`${size.width}px wide: page ${await page.evaluate(() => document.documentElement.scrollWidth)}px wide`).toBe(
        `${size.width}px wide: page ${size.width}px wide`,
      );
      for (const y of [0, height / 3, height / 2, height]) {
        await page.evaluate((top) => window.scrollTo(0, top), y);
        expect(
          `${size.width}px wide, scrolled to ${Math.round(y)}: ${(await inView('#launch')) ? 'button in view' : 'button hidden'}`,
        ).toBe(`${size.width}px wide, scrolled to ${Math.round(y)}: button in view`);
      }
      await page.evaluate(() => window.scrollTo(0, 0));
      const ids = await page.locator('form input, form select').evaluateAll((els) => els.map((e) => e.id));
      for (const id of ids) {
        await page.keyboard.press('Tab');
        const covered = await page.evaluate((fid) => {
          const f = document.getElementById(fid)?.getBoundingClientRect();
          const bar = document.getElementById('launch')?.getBoundingClientRect();
          return f !== undefined && bar !== undefined && f.bottom > bar.top && f.top < bar.bottom;
        }, id);
        expect(`${id}: ${covered ? 'under the button' : 'visible'}`).toBe(`${id}: visible`);
      }
    }
  });
});

describe('launch page: the same rules as the CLI', () => {
  it('builds the same URL as quickCreateLink: encoding, NoEcho, defaults, order, limit', async () => {
    await open();
    const cases: { region: string; templateUrl: string; stackName?: string; specs: LinkParameterSpecs; values: { [k: string]: string } }[] =
      [
        { region: 'us-east-1', templateUrl: TEMPLATE, specs, values: { GitHubOrg: 'a', GitHubRepo: 'b', DeployBranch: 'main' } },
        {
          region: 'ap-northeast-3',
          templateUrl: 'https://b.s3.ap-northeast-3.amazonaws.com/a b/é.yaml',
          stackName: 'x',
          specs: { 'K y': {}, Z: { Default: 'z' } },
          values: { 'K y': "a b&c=d/é+%#?(x)'!*~", Z: 'z' },
        },
        {
          region: 'eu-west-1',
          templateUrl: TEMPLATE,
          specs: { S: { NoEcho: true }, T: { NoEcho: 'true' as unknown as boolean }, N: { Default: 5 as unknown as string } },
          values: { S: 'secret', T: 'tok', N: '5' },
        },
        { region: 'eu-west-1', templateUrl: TEMPLATE, specs: { N: { Default: 5 as unknown as string } }, values: { N: '05' } },
      ];
    for (const c of cases) {
      const ts = quickCreateLink(c);
      const browserResult = await page.evaluate(
        ([r, t, s, p, v]) => (window as unknown as TestWindow).fargateOidcLaunch.quickCreateUrl(r, t, s, p, v),
        [c.region, c.templateUrl, c.stackName ?? '', c.specs, c.values] as const,
      );
      expect(browserResult).toEqual({ url: ts.url, length: ts.length });
    }
    for (const values of [
      { A: 'x'.repeat(600), B: 'y'.repeat(300), C: 'z'.repeat(10) },
      { A: 'x'.repeat(420), B: 'y'.repeat(420), C: 'z'.repeat(80) },
    ]) {
      const s: LinkParameterSpecs = { A: {}, B: {}, C: {} };
      let message = '';
      try {
        quickCreateLink({ region: 'us-east-1', templateUrl: TEMPLATE, specs: s, values });
      } catch (e) {
        message = (e as Error).message;
      }
      const browserError = await page.evaluate(
        ([p, v, t]) => (window as unknown as TestWindow).fargateOidcLaunch.quickCreateUrl('us-east-1', t, '', p, v).error,
        [s, values, TEMPLATE] as const,
      );
      expect(browserError).toBe(message);
    }
  });

  it('refuses exactly what checkTemplateValues refuses, with the same problems: each value, whole numbers, Rules', async () => {
    await open();
    const samples = [
      '',
      'acme',
      'ac*me',
      'a-',
      '-a',
      'A'.repeat(39),
      'A'.repeat(40),
      'web.site_1',
      'main',
      'feature/x',
      'v*.*.*',
      'ab',
      'my-app',
      'My App',
      '0',
      '1',
      '2',
      '8000',
      '65535',
      '65536',
      '-1',
      '1.5',
      '80.5',
      ' 7 ',
      'x',
      '22',
      '256',
      '300',
      '4096',
      'ARM64',
      'arm64',
      'true',
      'yes',
      '14',
      '15',
      '10.0.0.0/16',
      '10.0.0.0/8',
      '10.0.0.0/24',
      '256.0.0.0/16',
      'vpc-0123456789abcdef0',
      'vpc-123',
      'subnet-0123456789abcdef0,subnet-0fedcba9876543210',
      'subnet-0123456789abcdef0, subnet-0fedcba9876543210',
      '123456789012',
      '12a',
      'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
      'ünïcödé',
      'a\nb',
      'é'.repeat(2049),
    ];
    const cases: { [k: string]: string }[] = [
      ...Object.keys(specs).flatMap((name) => samples.map((v) => ({ GitHubOrg: 'acme', GitHubRepo: 'web', [name]: v }))),
      { TaskCpu: '256', TaskMemory: '4096' },
      { TaskCpu: '512', TaskMemory: '4096' },
      { GitHubOwnerId: '123' },
      { GitHubOwnerId: '123', GitHubRepoId: '456' },
      { ExistingVpcId: 'vpc-0123456789abcdef0' },
      { ContainerPort: '22', AllowAdminPort: 'true' },
      { NoSuchParameter: 'x' },
    ];
    const fromPage = await page.evaluate((cs) => cs.map((c) => (window as unknown as TestWindow).fargateOidcLaunch.checkValues(c)), cases);
    const refused = cases.filter((c, i) => {
      const cli = checkTemplateValues(template, new Map(Object.entries(c)));
      expect(`${JSON.stringify(c)}: ${JSON.stringify(fromPage[i])}`).toBe(`${JSON.stringify(c)}: ${JSON.stringify(cli)}`);
      return cli.length > 0;
    });
    // The cases refuse something (the comparison is not of empty lists), rules included.
    expect(refused.length).toBeGreaterThan(200);
    expect(
      fromPage
        .flat()
        .filter((p) => p.rule)
        .map((p) => p.rule),
    ).toEqual(
      expect.arrayContaining([
        'TaskSizeIsValidOnFargate',
        'GitHubIdsComeTogether',
        'ExistingNetworkIsComplete',
        'ContainerPortIsNotAnAdminPort',
      ]),
    );
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
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;sha256-[A-Za-z0-9+/=]+&#39;; style-src &#39;sha256-[A-Za-z0-9+/=]+&#39;; base-uri &#39;none&#39;; form-action &#39;none&#39;">/,
    );
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
