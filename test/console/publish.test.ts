import { createHash } from 'node:crypto';
import { GetBucketLocationCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { contentHashedKey, normalizePrefix, objectUrl, regionOfLocation } from '../../src/aws/s3-publish';
import { publish } from '../../src/console/publish';
import { compiledTemplate } from '../../src/stack/template';
import { AwsSetupError, UserError } from '../../src/errors';

const template = compiledTemplate();
const HASH = createHash('sha256').update(template.body).digest('hex').slice(0, 16);
const s3Mock = mockClient(S3Client);

function client(region: string): S3Client {
  return new S3Client({ region, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
}

async function run(o: { region: string; location: string | undefined; bucket?: string; prefix?: string; regionFlag?: boolean }) {
  s3Mock.reset();
  s3Mock.on(GetBucketLocationCommand).resolves(o.location === undefined ? {} : { LocationConstraint: o.location as never });
  s3Mock.on(PutObjectCommand).resolves({});
  const out: string[] = [];
  const result = await publish(
    {
      bucket: o.bucket ?? 'my-templates',
      ...(o.prefix !== undefined ? { prefix: o.prefix } : {}),
      ...(o.regionFlag === false ? {} : { region: o.region }),
      stackName: 'web',
      template,
      parameters: { GitHubOrg: 'acme', GitHubRepo: 'web' },
    },
    { s3: client(o.region), out: (l) => out.push(l) },
  );
  return { result, out };
}

describe('publish', () => {
  it('checks the bucket region, uploads under a content-hashed key, prints the URL and the button', async () => {
    const { result, out } = await run({ region: 'eu-west-1', location: 'eu-west-1' });
    const key = `fargate-oidc/template-${HASH}.yaml`;
    const templateUrl = `https://my-templates.s3.eu-west-1.amazonaws.com/${key}`;
    const url =
      'https://eu-west-1.console.aws.amazon.com/cloudformation/home?region=eu-west-1#/stacks/create/review?' +
      `templateURL=${encodeURIComponent(templateUrl)}&stackName=web&param_GitHubOrg=acme&param_GitHubRepo=web`;
    expect(result).toEqual({ region: 'eu-west-1', key, templateUrl, quickCreateUrl: url });
    expect(s3Mock.commandCalls(GetBucketLocationCommand).map((c) => c.args[0].input)).toEqual([{ Bucket: 'my-templates' }]);
    expect(s3Mock.commandCalls(PutObjectCommand).map((c) => c.args[0].input)).toEqual([
      { Bucket: 'my-templates', Key: key, Body: template.body, ContentType: 'text/yaml' },
    ]);
    expect(out).toEqual([
      "Bucket my-templates is in eu-west-1, the stack's region.",
      `Uploaded the template (compiled from src/template, sha256 ${template.sha256}, ${template.bytes} bytes) to s3://my-templates/${key}`,
      `Template URL: ${templateUrl}`,
      'The object is private: whoever opens the link needs s3:GetObject on it (in another account, through a bucket policy).',
      '',
      `Quick-create URL (${url.length} of 1,024 characters):`,
      url,
      '',
      'Launch Stack button (Markdown):',
      `[![Launch Stack](https://s3.amazonaws.com/cloudformation-examples/cloudformation-launch-stack.png)](${url})`,
    ]);
  });

  it('reads no LocationConstraint as us-east-1 and EU as eu-west-1', async () => {
    expect((await run({ region: 'us-east-1', location: undefined })).result.region).toBe('us-east-1');
    expect((await run({ region: 'us-east-1', location: '' })).result.region).toBe('us-east-1');
    expect((await run({ region: 'eu-west-1', location: 'EU' })).result.region).toBe('eu-west-1');
    expect(regionOfLocation(null)).toBe('us-east-1');
  });

  it('refuses a bucket in another region, naming both, and uploads nothing', async () => {
    await expect(run({ region: 'us-west-2', location: undefined })).rejects.toThrow(
      new UserError(
        "Bucket my-templates is in us-east-1, but the stack's region is us-west-2: CloudFormation reads a template only from a bucket " +
          "in the stack's region. Use a bucket in us-west-2, or publish for us-east-1 with --region us-east-1.",
      ),
    );
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('takes the stack region from the client when --region is not given', async () => {
    const { result } = await run({ region: 'ap-southeast-2', location: 'ap-southeast-2', regionFlag: false });
    expect(result.quickCreateUrl).toMatch(
      /^https:\/\/ap-southeast-2\.console\.aws\.amazon\.com\/cloudformation\/home\?region=ap-southeast-2#/,
    );
  });

  it('puts the object under --prefix, encoded in the URL; dotted buckets use path style', async () => {
    const { result } = await run({ region: 'eu-west-1', location: 'eu-west-1', prefix: '/team templates/v1/' });
    expect(result.key).toBe(`team templates/v1/template-${HASH}.yaml`);
    expect(result.templateUrl).toBe(`https://my-templates.s3.eu-west-1.amazonaws.com/team%20templates/v1/template-${HASH}.yaml`);
    expect(result.quickCreateUrl).toContain(
      `templateURL=https%3A%2F%2Fmy-templates.s3.eu-west-1.amazonaws.com%2Fteam%2520templates%2Fv1%2Ftemplate-${HASH}.yaml&`,
    );
    expect((await run({ region: 'eu-west-1', location: 'eu-west-1', prefix: '' })).result.key).toBe(`template-${HASH}.yaml`);
    expect((await run({ region: 'eu-west-1', location: 'eu-west-1', bucket: 'acme.templates' })).result.templateUrl).toBe(
      `https://s3.eu-west-1.amazonaws.com/acme.templates/fargate-oidc/template-${HASH}.yaml`,
    );
  });

  it.each(['fargate-oidc/', '/team templates/v1/', "it's (v2)/", 'a%2e%2e/', 'ü/', '#?/'])(
    'prints a URL that points at the uploaded key for prefix %j',
    async (prefix) => {
      const { result } = await run({ region: 'eu-west-1', location: 'eu-west-1', prefix });
      const put = s3Mock.commandCalls(PutObjectCommand)[0]?.args[0].input;
      expect(put?.Key).toBe(result.key);
      const url = new URL(result.templateUrl);
      expect(url.pathname.slice(1).split('/').map(decodeURIComponent).join('/')).toBe(result.key);
    },
  );

  it.each([
    ['../../', 'has a "." or ".." segment'],
    ['a/../b', 'has a "." or ".." segment'],
    ['./', 'has a "." or ".." segment'],
    ['team\ntemplates/', 'contains a control character'],
    ['tab\there/', 'contains a control character'],
  ])('refuses the prefix %j before any S3 call', async (prefix, why) => {
    s3Mock.reset();
    await expect(run({ region: 'eu-west-1', location: 'eu-west-1', prefix })).rejects.toThrow(why);
    expect(s3Mock.calls()).toHaveLength(0);
  });

  it('gives the same key for the same content and another for other content', () => {
    expect(contentHashedKey('p', 'a', 'yaml')).toBe(contentHashedKey('p/', 'a', 'yaml'));
    expect(contentHashedKey('p', 'a', 'yaml')).not.toBe(contentHashedKey('p', 'b', 'yaml'));
    expect(contentHashedKey('p', 'a', 'json')).toBe(`p/template-${createHash('sha256').update('a').digest('hex').slice(0, 16)}.json`);
    expect(normalizePrefix('//a/b//')).toBe('a/b/');
    expect(objectUrl('b', 'us-east-1', 'k/é x.yaml')).toBe('https://b.s3.us-east-1.amazonaws.com/k/%C3%A9%20x.yaml');
  });

  it('says when the bucket does not exist', async () => {
    s3Mock.reset();
    s3Mock.on(GetBucketLocationCommand).rejects(Object.assign(new Error('The specified bucket does not exist'), { name: 'NoSuchBucket' }));
    await expect(
      publish({ bucket: 'nope', region: 'us-east-1', template, parameters: {} }, { s3: client('us-east-1'), out: () => undefined }),
    ).rejects.toThrow("Bucket nope does not exist (GetBucketLocation: NoSuchBucket). Create it in the stack's region, or check --bucket.");
  });

  it('reads the bucket region from a redirect answer', async () => {
    s3Mock.reset();
    s3Mock.on(GetBucketLocationCommand).rejects(
      Object.assign(new Error('The bucket you are attempting to access must be addressed using the specified endpoint.'), {
        name: 'PermanentRedirect',
        $response: { headers: { 'x-amz-bucket-region': 'eu-central-1' } },
      }),
    );
    await expect(
      publish({ bucket: 'elsewhere', region: 'us-east-1', template, parameters: {} }, { s3: client('us-east-1'), out: () => undefined }),
    ).rejects.toThrow(/^Bucket elsewhere is in eu-central-1, but the stack's region is us-east-1/);
  });

  it('turns AccessDenied into a one-line setup error naming the call', async () => {
    s3Mock.reset();
    s3Mock.on(GetBucketLocationCommand).rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }));
    const p = publish(
      { bucket: 'locked', region: 'us-east-1', template, parameters: {} },
      { s3: client('us-east-1'), out: () => undefined },
    );
    await expect(p).rejects.toBeInstanceOf(AwsSetupError);
    await expect(p).rejects.toThrow('Access denied while finding the region of bucket locked (GetBucketLocation): Access Denied');
  });

  it('refuses an overlong URL, a bad bucket name and a bad region before any S3 call', async () => {
    s3Mock.reset();
    const attempt = (o: { bucket?: string; region?: string; parameters?: { [k: string]: string } }) =>
      publish(
        { bucket: o.bucket ?? 'bkt', region: o.region ?? 'us-east-1', template, parameters: o.parameters ?? {}, stackName: 'w' },
        { s3: client('us-east-1'), out: () => undefined },
      );
    await expect(attempt({ parameters: { ExistingSubnetIds: Array(40).fill('subnet-0123456789abcdef0').join(',') } })).rejects.toThrow(
      /^The quick-create URL is \d+ characters/,
    );
    await expect(attempt({ bucket: 'My_Bucket' })).rejects.toThrow(/is not an S3 bucket name/);
    await expect(attempt({ region: 'cn-north-1' })).rejects.toThrow(/own console/);
    expect(s3Mock.calls()).toHaveLength(0);
  });
});

describe('fargate-oidc publish (command line)', () => {
  it('requires --bucket, and checks parameters as deploy does before any AWS call', async () => {
    const { main } = await import('../../src/cli/main');
    const err: string[] = [];
    expect(
      await main(
        ['publish'],
        () => undefined,
        (l) => err.push(l),
      ),
    ).toBe(2);
    expect(err[0]).toBe('fargate-oidc publish: --bucket is required. Run "fargate-oidc publish --help" for its options.');
    err.length = 0;
    expect(
      await main(
        ['publish', '--bucket', 'b', '--parameter', 'GitHubOrg=a*'],
        () => undefined,
        (l) => err.push(l),
      ),
    ).toBe(2);
    expect(err[0]).toMatch(/^fargate-oidc publish: Parameter GitHubOrg: "a\*" does not match the pattern/);
  });
});
