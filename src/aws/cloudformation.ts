/**
 * Every CloudFormation call the deploy makes, one small function each. Errors are rethrown
 * with what was being done (the original stays as `cause`, so the poller can still tell
 * throttling from a real failure).
 */
import {
  CancelUpdateStackCommand,
  type Capability,
  type Change,
  type CloudFormationClient,
  CreateChangeSetCommand,
  type CreateChangeSetInput,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  type DescribeChangeSetOutput,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  type Stack,
  type StackEvent,
  ValidateTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { describeAwsError, isStackMissing } from './errors';

/** Where the template comes from in a call: the body itself, or an S3 URL. */
export type TemplateSource = { TemplateBody: string } | { TemplateURL: string };

/** Runs `call`; on failure throws the one-line error for `doing`, keeping the original as `cause`. */
export async function withContext<T>(doing: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    const wrapped = describeAwsError(e, doing);
    wrapped.cause = e;
    throw wrapped;
  }
}

/** What ValidateTemplate says the template needs. */
export interface Validation {
  /** Capabilities CreateChangeSet must be given (e.g. CAPABILITY_NAMED_IAM). */
  capabilities: Capability[];
  capabilitiesReason?: string;
  /** Parameter names the service read from the template. */
  parameterKeys: string[];
}

/** ValidateTemplate: syntax check and the capabilities the template needs. */
export async function validateTemplate(cfn: CloudFormationClient, source: TemplateSource): Promise<Validation> {
  const r = await withContext('validating the template (ValidateTemplate)', () =>
    cfn.send(new ValidateTemplateCommand({ ...source })),
  );
  const v: Validation = {
    capabilities: r.Capabilities ?? [],
    parameterKeys: (r.Parameters ?? []).map((p) => p.ParameterKey ?? '').filter((k) => k !== ''),
  };
  if (r.CapabilitiesReason) v.capabilitiesReason = r.CapabilitiesReason;
  return v;
}

/** DescribeStacks for one stack; undefined when it does not exist. */
export async function describeStack(cfn: CloudFormationClient, stackName: string): Promise<Stack | undefined> {
  try {
    const r = await cfn.send(new DescribeStacksCommand({ StackName: stackName }));
    return r.Stacks?.[0];
  } catch (e) {
    if (isStackMissing(e)) return undefined;
    const wrapped = describeAwsError(e, `reading stack ${stackName} (DescribeStacks)`);
    wrapped.cause = e;
    throw wrapped;
  }
}

/** CreateChangeSet; returns the change set's ARN and the stack's. */
export async function createChangeSet(
  cfn: CloudFormationClient,
  input: CreateChangeSetInput & { StackName: string; ChangeSetName: string },
): Promise<{ changeSetId: string; stackId: string }> {
  const r = await withContext(`creating change set ${input.ChangeSetName} (CreateChangeSet)`, () =>
    cfn.send(new CreateChangeSetCommand(input)),
  );
  return { changeSetId: r.Id ?? input.ChangeSetName, stackId: r.StackId ?? input.StackName };
}

/** DescribeChangeSet with property values, every page of changes in one result. */
export async function describeChangeSet(
  cfn: CloudFormationClient,
  stackName: string,
  changeSetName: string,
): Promise<DescribeChangeSetOutput & { Changes: Change[] }> {
  const changes: Change[] = [];
  let first: DescribeChangeSetOutput | undefined;
  let token: string | undefined;
  do {
    const page = await withContext(`reading change set ${changeSetName} (DescribeChangeSet)`, () =>
      cfn.send(
        new DescribeChangeSetCommand({
          StackName: stackName,
          ChangeSetName: changeSetName,
          IncludePropertyValues: true,
          ...(token ? { NextToken: token } : {}),
        }),
      ),
    );
    first ??= page;
    changes.push(...(page.Changes ?? []));
    token = page.NextToken;
  } while (token);
  return { ...first, Changes: changes };
}

/** DeleteChangeSet. */
export async function deleteChangeSet(cfn: CloudFormationClient, stackName: string, changeSetName: string): Promise<void> {
  await withContext(`deleting change set ${changeSetName} (DeleteChangeSet)`, () =>
    cfn.send(new DeleteChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName })),
  );
}

/** ExecuteChangeSet; `token` marks the stack events of this operation. */
export async function executeChangeSet(
  cfn: CloudFormationClient,
  stackName: string,
  changeSetName: string,
  token: string,
): Promise<void> {
  await withContext(`executing change set ${changeSetName} (ExecuteChangeSet)`, () =>
    cfn.send(new ExecuteChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName, ClientRequestToken: token })),
  );
}

/** DeleteStack. */
export async function deleteStack(cfn: CloudFormationClient, stackName: string): Promise<void> {
  await withContext(`deleting stack ${stackName} (DeleteStack)`, () =>
    cfn.send(new DeleteStackCommand({ StackName: stackName })),
  );
}

/** CancelUpdateStack: CloudFormation rolls the update back. */
export async function cancelUpdateStack(cfn: CloudFormationClient, stackName: string): Promise<void> {
  await withContext(`cancelling the update of ${stackName} (CancelUpdateStack)`, () =>
    cfn.send(new CancelUpdateStackCommand({ StackName: stackName })),
  );
}

/**
 * Stack events newer than the ones `isKnown` recognises, oldest first. DescribeStackEvents
 * returns newest first; pages are read until an event `isKnown` (already printed, or from
 * before this operation), so a poll usually costs one call.
 */
export async function newStackEvents(
  cfn: CloudFormationClient,
  stackName: string,
  isKnown: (event: StackEvent) => boolean,
): Promise<StackEvent[]> {
  const fresh: StackEvent[] = [];
  let token: string | undefined;
  do {
    const page = await withContext(`reading the events of ${stackName} (DescribeStackEvents)`, () =>
      cfn.send(new DescribeStackEventsCommand({ StackName: stackName, ...(token ? { NextToken: token } : {}) })),
    );
    for (const event of page.StackEvents ?? []) {
      if (isKnown(event)) return fresh.reverse();
      fresh.push(event);
    }
    token = page.NextToken;
  } while (token);
  return fresh.reverse();
}
