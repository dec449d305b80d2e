/**
 * The CloudFormation calls `destroy` needs beyond src/aws/cloudformation.ts: the stack's
 * resources (ListStackResources, every page) and its template (GetTemplate), whose
 * DeletionPolicy says which resources a delete keeps.
 */
import {
  type CloudFormationClient,
  GetTemplateCommand,
  ListStackResourcesCommand,
  type StackResourceSummary,
} from '@aws-sdk/client-cloudformation';
import { withContext } from './cloudformation';

/** ListStackResources, every page, in the order CloudFormation lists them. */
export async function listStackResources(cfn: CloudFormationClient, stackName: string): Promise<StackResourceSummary[]> {
  const all: StackResourceSummary[] = [];
  let token: string | undefined;
  do {
    const page = await withContext(`listing the resources of ${stackName} (ListStackResources)`, () =>
      cfn.send(new ListStackResourcesCommand({ StackName: stackName, ...(token ? { NextToken: token } : {}) })),
    );
    all.push(...(page.StackResourceSummaries ?? []));
    token = page.NextToken;
  } while (token);
  return all;
}

/** GetTemplate: the template the stack was last deployed with, as text (JSON or YAML). */
export async function getStackTemplateBody(cfn: CloudFormationClient, stackName: string): Promise<string> {
  const r = await withContext(`reading the template of ${stackName} (GetTemplate)`, () =>
    cfn.send(new GetTemplateCommand({ StackName: stackName })),
  );
  return r.TemplateBody ?? '';
}
