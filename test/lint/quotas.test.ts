import { lintTexts } from '../../src/lint/index';

/** A YAML template with `n` of each section and padding up to `bytes`. */
function template({ parameters = 0, resources = 1, outputs = 0, bytes = 0 }): string {
  const lines = ['AWSTemplateFormatVersion: "2010-09-09"'];
  if (parameters) lines.push('Parameters:', ...Array.from({ length: parameters }, (_, i) => `  P${i}: { Type: String, Default: x }`));
  lines.push('Resources:', ...Array.from({ length: resources }, (_, i) => `  T${i}: { Type: AWS::SNS::Topic }`));
  if (outputs) lines.push('Outputs:', ...Array.from({ length: outputs }, (_, i) => `  O${i}: { Value: x }`));
  let text = `${lines.join('\n')}\n`;
  if (bytes > text.length) text = `${text}#${'x'.repeat(bytes - text.length - 2)}\n`;
  return text;
}

const rulesOf = async (text: string) =>
  (await lintTexts([{ file: 't.yaml', text }])).map((f) => `${f.line}:${f.col} ${f.rule} ${f.message}`);

describe('quota rules', () => {
  it('accepts a body of exactly 51,200 bytes', async () => {
    const text = template({ bytes: 51_200 });
    expect(Buffer.byteLength(text)).toBe(51_200);
    expect(await rulesOf(text)).toEqual([]);
  });

  it('warns (FO301) above 51,200 bytes: the API TemplateBody limit, not the console upload (S3, 1 MB)', async () => {
    expect(await rulesOf(template({ bytes: 51_201 }))).toEqual([
      '1:1 FO301 The template is 51201 bytes, over the 51200-byte limit for a TemplateBody sent in an API call ' +
        '(aws cloudformation create-stack --template-body, SDK TemplateBody). Deploy it through S3 (--template-url, ' +
        'aws cloudformation deploy --s3-bucket, fargate-oidc deploy --s3-bucket) or shorten it; ' +
        'the console\'s "Upload a template file" stores it in S3 and accepts up to 1000000 bytes.',
    ]);
  });

  it('does not warn (FO301) about a template fargate-oidc compiled: its build warned, and its deploy goes through the managed bucket', async () => {
    const compiled = template({ bytes: 51_201 }).replace('Resources:', 'Metadata:\n  fargate-oidc: { whole_numbers: [] }\nResources:');
    expect(await rulesOf(compiled)).toEqual([]);
  });

  it('fails (FO302) above 1,000,000 bytes, and does not also report FO301', async () => {
    expect(await rulesOf(template({ bytes: 1_000_001 }))).toEqual([
      "1:1 FO302 The template is 1000001 bytes, over CloudFormation's 1000000-byte limit even from S3. Split it into nested stacks.",
    ]);
  });

  it('accepts 200 parameters, 500 resources and 200 outputs', async () => {
    expect(await rulesOf(template({ parameters: 200, resources: 500, outputs: 200 }))).toEqual([]);
  });

  it('fails (FO303, FO304, FO305) on 201 parameters, 501 resources, 201 outputs, at each section', async () => {
    const text = template({ parameters: 201, resources: 501, outputs: 201 });
    expect(await rulesOf(text)).toEqual([
      "2:1 FO303 201 parameters, over CloudFormation's limit of 200. Merge related parameters or move fixed values into Mappings.",
      "204:1 FO304 501 resources, over CloudFormation's limit of 500. Split the stack into nested stacks or several stacks.",
      "706:1 FO305 201 outputs, over CloudFormation's limit of 200. Output only what other stacks or users read.",
    ]);
  });
});
