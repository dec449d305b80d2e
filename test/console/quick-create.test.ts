import { QuickCreateUrlTooLongError, UserError } from '../../src/errors';
import { encodeValue, launchStackMarkdown, type LinkParameterSpecs, quickCreateLink, s3UrlRegion } from '../../src/console/quick-create';
import { compiledTemplate } from '../../src/stack/template';

const specs = compiledTemplate().parameters;
const TEMPLATE = 'https://my-templates.s3.eu-central-1.amazonaws.com/fargate-oidc/template-0123456789abcdef.yaml';
const CONSOLE = (region: string): string =>
  `https://${region}.console.aws.amazon.com/cloudformation/home?region=${region}#/stacks/create/review?`;

describe('quick-create URL', () => {
  it('puts the template URL, stack name and non-default parameters in the template order, each encoded', () => {
    const link = quickCreateLink({
      region: 'eu-central-1',
      templateUrl: TEMPLATE,
      stackName: 'web-prod',
      specs,
      values: { GitHubRepo: 'site.web_1', GitHubOrg: 'acme', ReleaseTagPattern: 'v*', DeployBranch: 'main', ContainerPort: '8080' },
    });
    expect(link.url).toBe(
      CONSOLE('eu-central-1') +
        'templateURL=https%3A%2F%2Fmy-templates.s3.eu-central-1.amazonaws.com%2Ffargate-oidc%2Ftemplate-0123456789abcdef.yaml' +
        '&stackName=web-prod&param_GitHubOrg=acme&param_GitHubRepo=site.web_1&param_ReleaseTagPattern=v%2A&param_ContainerPort=8080',
    );
    expect(link.length).toBe(link.url.length);
    expect(link.included).toEqual(['GitHubOrg', 'GitHubRepo', 'ReleaseTagPattern', 'ContainerPort']);
    expect(link.omittedDefaults).toEqual(['DeployBranch']);
    expect(link.missingRequired).toEqual([]);
  });

  it('leaves out a number equal to its default and lists required parameters nobody gave', () => {
    const link = quickCreateLink({
      region: 'us-west-2',
      templateUrl: TEMPLATE,
      specs,
      values: { ContainerPort: '8000', DesiredCount: '1' },
    });
    expect(link.url).toBe(`${CONSOLE('us-west-2')}templateURL=${encodeURIComponent(TEMPLATE)}&param_DesiredCount=1`);
    expect(link.omittedDefaults).toEqual(['ContainerPort']);
    expect(link.missingRequired).toEqual(['GitHubOrg', 'GitHubRepo']);
  });

  it("encodes every special character, also !'()* which encodeURIComponent leaves", () => {
    expect(encodeValue("a b&c=d/é+%#?(x)'!*~._-")).toBe('a%20b%26c%3Dd%2F%C3%A9%2B%25%23%3F%28x%29%27%21%2A~._-');
    const s: LinkParameterSpecs = { 'Odd Name': {}, Plain: { Default: 'x' } };
    const link = quickCreateLink({
      region: 'ap-southeast-2',
      templateUrl: 'https://b.s3.ap-southeast-2.amazonaws.com/a b/t (1).yaml',
      specs: s,
      values: { 'Odd Name': 'a&b=c#d', Plain: 'x y' },
    });
    expect(link.url).toBe(
      CONSOLE('ap-southeast-2') +
        'templateURL=https%3A%2F%2Fb.s3.ap-southeast-2.amazonaws.com%2Fa%20b%2Ft%20%281%29.yaml&param_Odd%20Name=a%26b%3Dc%23d&param_Plain=x%20y',
    );
  });

  it('never puts a NoEcho parameter in the URL, even when given', () => {
    const s: LinkParameterSpecs = { Secret: { NoEcho: true }, Token: { NoEcho: 'true' as unknown as boolean, Default: '' }, Name: {} };
    const link = quickCreateLink({
      region: 'us-east-1',
      templateUrl: TEMPLATE,
      specs: s,
      values: { Secret: 's3cr3t', Token: 't0k3n', Name: 'n' },
    });
    expect(link.url).toBe(`${CONSOLE('us-east-1')}templateURL=${encodeURIComponent(TEMPLATE)}&param_Name=n`);
    expect(link.url).not.toMatch(/s3cr3t|t0k3n|Secret|Token/);
    expect(link.omittedNoEcho).toEqual(['Secret', 'Token']);
    expect(link.missingRequired).toEqual([]);
  });

  it('uses the region in the host and in the query, for any region of the aws partition', () => {
    for (const region of ['us-east-1', 'eu-west-3', 'ap-northeast-1', 'sa-east-1', 'me-central-1', 'ca-west-1']) {
      expect(quickCreateLink({ region, templateUrl: TEMPLATE, specs: {}, values: {} }).url).toBe(
        `${CONSOLE(region)}templateURL=${encodeURIComponent(TEMPLATE)}`,
      );
    }
  });

  it('refuses a region name that is not one, and the partitions with their own console', () => {
    expect(() => quickCreateLink({ region: 'uswest2', templateUrl: TEMPLATE, specs: {}, values: {} })).toThrow(
      new UserError('--region uswest2 is not an AWS region name (e.g. us-west-2, eu-central-1).'),
    );
    expect(() => quickCreateLink({ region: 'cn-north-1', templateUrl: TEMPLATE, specs: {}, values: {} })).toThrow(/own console/);
    expect(() => quickCreateLink({ region: 'us-gov-west-1', templateUrl: TEMPLATE, specs: {}, values: {} })).toThrow(/own console/);
  });

  it('accepts exactly 1,024 characters and refuses 1,025, saying how long it is and what to drop', () => {
    const base = `${CONSOLE('us-east-1')}templateURL=${encodeURIComponent(TEMPLATE)}&param_A=`;
    const fits = quickCreateLink({
      region: 'us-east-1',
      templateUrl: TEMPLATE,
      specs: { A: {} },
      values: { A: 'x'.repeat(1024 - base.length) },
    });
    expect(fits.length).toBe(1024);
    let error: unknown;
    try {
      quickCreateLink({ region: 'us-east-1', templateUrl: TEMPLATE, specs: { A: {} }, values: { A: 'x'.repeat(1025 - base.length) } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(QuickCreateUrlTooLongError);
    expect((error as QuickCreateUrlTooLongError).length).toBe(1025);
    expect((error as Error).message).toBe(
      `The quick-create URL is 1025 characters, 1 over the console's 1,024-character limit. Leave out A (${1025 - base.length + 9} characters) ` +
        `and type it in the console instead; or shorten the template URL (${encodeURIComponent(TEMPLATE).length} characters encoded: a shorter bucket name or prefix) or the stack name.`,
    );
  });

  it('names the shortest parameter that is enough to drop, or the longest ones together', () => {
    const s: LinkParameterSpecs = { A: {}, B: {}, C: {}, D: { Default: 'd' } };
    const url = 'https://b.s3.us-east-1.amazonaws.com/t.yaml';
    const attempt = (values: { [k: string]: string }): string => {
      try {
        return quickCreateLink({ region: 'us-east-1', templateUrl: url, specs: s, values }).url;
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(attempt({ A: 'x'.repeat(600), B: 'y'.repeat(300), C: 'z'.repeat(10), D: 'd' })).toBe(
      "The quick-create URL is 1100 characters, 76 over the console's 1,024-character limit. Leave out B (309 characters) " +
        'and type it in the console instead; or shorten the template URL (51 characters encoded: a shorter bucket name or prefix) or the stack name.',
    );
    expect(attempt({ A: 'x'.repeat(420), B: 'y'.repeat(420), C: 'z'.repeat(80) })).toBe(
      "The quick-create URL is 1110 characters, 86 over the console's 1,024-character limit. Leave out C (89 characters) " +
        'and type it in the console instead; or shorten the template URL (51 characters encoded: a shorter bucket name or prefix) or the stack name.',
    );
    const twelve: LinkParameterSpecs = Object.fromEntries(['L', 'K', 'J', 'I', 'H', 'G', 'F', 'E', 'D', 'C', 'B', 'A'].map((k) => [k, {}]));
    const values = Object.fromEntries(Object.keys(twelve).map((k, i) => [k, k.repeat(80 + (i % 2))]));
    expect(() => quickCreateLink({ region: 'us-east-1', templateUrl: url, specs: twelve, values })).toThrow(
      new UserError(
        "The quick-create URL is 1237 characters, 213 over the console's 1,024-character limit. Leave out A, C, E (270 characters) " +
          'and type them in the console instead; or shorten the template URL (51 characters encoded: a shorter bucket name or prefix) or the stack name.',
      ),
    );
  });

  it("gives a Markdown Launch Stack button with AWS's image", () => {
    expect(launchStackMarkdown('https://x')).toBe(
      '[![Launch Stack](https://s3.amazonaws.com/cloudformation-examples/cloudformation-launch-stack.png)](https://x)',
    );
  });

  it('reads the region from regional S3 URLs only', () => {
    expect(s3UrlRegion('https://b.s3.eu-west-1.amazonaws.com/k')).toBe('eu-west-1');
    expect(s3UrlRegion('https://s3.ap-south-1.amazonaws.com/b/k')).toBe('ap-south-1');
    expect(s3UrlRegion('https://b.s3-us-west-2.amazonaws.com/k')).toBe('us-west-2');
    expect(s3UrlRegion('https://b.s3.amazonaws.com/k')).toBeUndefined();
    expect(s3UrlRegion('not a url')).toBeUndefined();
  });
});
