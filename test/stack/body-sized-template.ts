/**
 * The project's template with a stub in place of the two functions' inline code and without the
 * console's labels and the parameters' and outputs' descriptions: the same parameters, rules and
 * resources, under the 51,200-byte body limit, so the deploy tests that are not
 * about template size send it as the body (the managed bucket has its own tests).
 */
import { templateFromCompiled, type DeployTemplate } from '../../src/stack/template';
import type { Json } from '../../src/template/cfn';
import { compileTemplate } from '../../src/template/compile';
import { toYaml } from '../../src/template/serialize';

export function bodySizedTemplate(): DeployTemplate {
  const compiled = compileTemplate();
  const plain = JSON.parse(JSON.stringify(compiled.plain)) as {
    Resources: Record<string, { Properties?: { Code?: { ZipFile?: string } } }>;
    Parameters: Record<string, { Description?: string }>;
    Outputs: Record<string, { Description?: string }>;
    Metadata?: Record<string, unknown>;
  };
  for (const r of Object.values(plain.Resources))
    if (r.Properties?.Code?.ZipFile) r.Properties.Code.ZipFile = 'exports.handler = async () => ({});\n';
  for (const p of [...Object.values(plain.Parameters), ...Object.values(plain.Outputs)]) delete p.Description;
  delete plain.Metadata?.['AWS::CloudFormation::Interface'];
  return templateFromCompiled({ plain, yaml: toYaml(plain as unknown as { [key: string]: Json }) }, 'compiled from src/template');
}
