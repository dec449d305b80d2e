/**
 * The CloudFormation calls `destroy` needs beyond src/aws/cloudformation.ts: the stack's
 * resources (ListStackResources, every page) and its template (GetTemplate), whose
 * DeletionPolicy says which resources a delete keeps.
 */
import { GetTemplateCommand, ListStackResourcesCommand, type StackResourceSummary } from '@aws-sdk/client-cloudformation';
import { type Cfn, shortName } from './cloudformation';
import { awsCall } from './call';

/** ListStackResources, every page, in the order CloudFormation lists them. */
export async function listStackResources(cfn: Cfn, stackName: string): Promise<StackResourceSummary[]> {
  const all: StackResourceSummary[] = [];
  let token: string | undefined;
  do {
    const page = await awsCall(cfn, `listing the resources of ${shortName(stackName)} (ListStackResources)`, (abortSignal) =>
      cfn.client.send(new ListStackResourcesCommand({ StackName: stackName, ...(token ? { NextToken: token } : {}) }), { abortSignal }),
    );
    all.push(...(page.StackResourceSummaries ?? []));
    token = page.NextToken;
  } while (token);
  return all;
}

/** GetTemplate: the template the stack was last deployed with, as text (JSON or YAML). */
export async function getStackTemplateBody(cfn: Cfn, stackName: string): Promise<string> {
  const r = await awsCall(cfn, `reading the template of ${shortName(stackName)} (GetTemplate)`, (abortSignal) =>
    cfn.client.send(new GetTemplateCommand({ StackName: stackName }), { abortSignal }),
  );
  return r.TemplateBody ?? '';
}
