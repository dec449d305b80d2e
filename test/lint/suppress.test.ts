import { lintTexts } from '../../src/lint/index';

const lint = async (text: string) => (await lintTexts([{ file: 't.yaml', text }])).map((f) => f.rule);

const TWO_LEAKS = (metadata: string, resourceMetadata: string) => `${metadata}
Resources:
  Logs:
    Type: AWS::Logs::LogGroup
${resourceMetadata}
  Images:
    Type: AWS::ECR::Repository
`;

describe('suppressing rules with Metadata', () => {
  it('reports both leaks without metadata', async () => {
    expect(await lint(TWO_LEAKS('', ''))).toEqual(['FO210', 'FO211']);
  });

  it('turns a rule off for one resource', async () => {
    expect(await lint(TWO_LEAKS('', '    Metadata:\n      fargate-oidc:\n        ignore_rules: [FO210]'))).toEqual(['FO211']);
  });

  it('does not let one resource silence another', async () => {
    expect(await lint(TWO_LEAKS('', '    Metadata:\n      fargate-oidc:\n        ignore_rules: [FO211]'))).toEqual(['FO210', 'FO211']);
  });

  it('turns rules off for the whole template, by prefix', async () => {
    expect(await lint(TWO_LEAKS('Metadata:\n  fargate-oidc:\n    ignore_rules: ["FO2*"]', ''))).toEqual([]);
  });

  it('leaves cfn-lint\'s own metadata alone', async () => {
    const text = TWO_LEAKS('', '    Metadata:\n      cfn-lint:\n        config:\n          ignore_checks: [FO210]');
    expect(await lint(text)).toEqual(['FO210', 'FO211']);
  });
});
