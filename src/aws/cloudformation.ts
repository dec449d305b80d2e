/**
 * Every CloudFormation call the stack operations make, one small function each, each through
 * {@link awsCall}: the one retry policy, the abort signal and the deadline. Errors are rethrown
 * with what was being done (the original stays as `cause`). Mutating calls pass
 * `mutating: true`, so a lost answer comes back as OutcomeUnknownError for the caller to resolve
 * by reading the state (src/stack/outcome.ts).
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
  ListChangeSetsCommand,
  type Stack,
  type StackEvent,
  ValidateTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { awsCall, type CallContext, type CallOptions } from './call';
import { describeAwsError, errorName, isStackMissing } from './errors';

/** A CloudFormation client and the context its calls share (retries, Ctrl-C, deadline). */
export interface Cfn extends CallContext {
  client: CloudFormationClient;
}

/** The template as an API call takes it: the body itself, or the URL of a copy in S3. */
export type TemplateBodyOrUrl = { TemplateBody: string } | { TemplateURL: string };

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

/** The name in a stack or change set ARN (`arn:...:stack/NAME/uuid`), for messages; a name as it is. */
export function shortName(nameOrArn: string): string {
  return /^arn:[^:]+:cloudformation:[^:]*:[^:]*:(?:stack|changeSet)\/([^/]+)\//.exec(nameOrArn)?.[1] ?? nameOrArn;
}

/** One CloudFormation call through {@link awsCall}. */
function send<T>(cfn: Cfn, doing: string, call: (abortSignal: AbortSignal | undefined) => Promise<T>, o?: CallOptions): Promise<T> {
  return awsCall(cfn, doing, call, o);
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
export async function validateTemplate(cfn: Cfn, source: TemplateBodyOrUrl): Promise<Validation> {
  const r = await send(cfn, 'validating the template (ValidateTemplate)', (abortSignal) =>
    cfn.client.send(new ValidateTemplateCommand({ ...source }), { abortSignal }),
  );
  const v: Validation = {
    capabilities: r.Capabilities ?? [],
    parameterKeys: (r.Parameters ?? []).map((p) => p.ParameterKey ?? '').filter((k) => k !== ''),
  };
  if (r.CapabilitiesReason) v.capabilitiesReason = r.CapabilitiesReason;
  return v;
}

/** DescribeStacks for one stack (name or id); undefined when it does not exist. */
export async function describeStack(cfn: Cfn, stack: string): Promise<Stack | undefined> {
  try {
    const r = await send(
      cfn,
      `reading stack ${shortName(stack)} (DescribeStacks)`,
      (abortSignal) => cfn.client.send(new DescribeStacksCommand({ StackName: stack }), { abortSignal }),
      { passThrough: isStackMissing },
    );
    return r.Stacks?.[0];
  } catch (e) {
    if (isStackMissing(e)) return undefined;
    throw e;
  }
}

/** CreateChangeSet (mutating: a lost answer is OutcomeUnknownError); returns the change set's ARN and the stack's. */
export async function createChangeSet(
  cfn: Cfn,
  input: CreateChangeSetInput & { StackName: string; ChangeSetName: string },
): Promise<{ changeSetId: string; stackId: string }> {
  const r = await send(
    cfn,
    `creating change set ${input.ChangeSetName} (CreateChangeSet)`,
    (abortSignal) => cfn.client.send(new CreateChangeSetCommand(input), { abortSignal }),
    { mutating: true },
  );
  return { changeSetId: r.Id ?? input.ChangeSetName, stackId: r.StackId ?? input.StackName };
}

/** The change set does not exist (DescribeChangeSet, ExecuteChangeSet). */
export function isChangeSetMissing(e: unknown): boolean {
  return errorName(e) === 'ChangeSetNotFound' || errorName(e) === 'ChangeSetNotFoundException';
}

/** DescribeChangeSet with property values, every page of changes in one result. */
export async function describeChangeSet(
  cfn: Cfn,
  stack: string,
  changeSet: string,
  o: CallOptions = {},
): Promise<DescribeChangeSetOutput & { Changes: Change[] }> {
  const changes: Change[] = [];
  let first: DescribeChangeSetOutput | undefined;
  let token: string | undefined;
  do {
    const page = await send(
      cfn,
      `reading change set ${shortName(changeSet)} (DescribeChangeSet)`,
      (abortSignal) =>
        cfn.client.send(
          new DescribeChangeSetCommand({
            StackName: stack,
            ChangeSetName: changeSet,
            IncludePropertyValues: true,
            ...(token ? { NextToken: token } : {}),
          }),
          { abortSignal },
        ),
      o,
    );
    first ??= page;
    changes.push(...(page.Changes ?? []));
    token = page.NextToken;
  } while (token);
  return { ...first, Changes: changes };
}

/**
 * ListChangeSets: the names of a stack's change sets, every page. Only summaries of that stack
 * count (moto 5.2 lists every stack's change sets).
 */
export async function listChangeSets(cfn: Cfn, stack: string): Promise<string[]> {
  const names: string[] = [];
  let token: string | undefined;
  do {
    const page = await send(cfn, `listing the change sets of ${shortName(stack)} (ListChangeSets)`, (abortSignal) =>
      cfn.client.send(new ListChangeSetsCommand({ StackName: stack, ...(token ? { NextToken: token } : {}) }), { abortSignal }),
    );
    for (const cs of page.Summaries ?? []) {
      if (cs.ChangeSetName && (cs.StackId === stack || cs.StackName === shortName(stack))) names.push(cs.ChangeSetName);
    }
    token = page.NextToken;
  } while (token);
  return names;
}

/** DeleteChangeSet (deleting twice is harmless: retried like a read). */
export async function deleteChangeSet(cfn: Cfn, stack: string, changeSet: string): Promise<void> {
  await send(cfn, `deleting change set ${shortName(changeSet)} (DeleteChangeSet)`, (abortSignal) =>
    cfn.client.send(new DeleteChangeSetCommand({ StackName: stack, ChangeSetName: changeSet }), { abortSignal }),
  );
}

/** ExecuteChangeSet (mutating); `token` marks the stack events of this operation. */
export async function executeChangeSet(cfn: Cfn, stack: string, changeSet: string, token: string, o: CallOptions = {}): Promise<void> {
  await send(
    cfn,
    `executing change set ${shortName(changeSet)} (ExecuteChangeSet)`,
    (abortSignal) =>
      cfn.client.send(new ExecuteChangeSetCommand({ StackName: stack, ChangeSetName: changeSet, ClientRequestToken: token }), {
        abortSignal,
      }),
    { ...o, mutating: true },
  );
}

/** DeleteStack (mutating); `token` marks the stack events of this delete. */
export async function deleteStack(cfn: Cfn, stack: string, token?: string): Promise<void> {
  await send(
    cfn,
    `deleting stack ${shortName(stack)} (DeleteStack)`,
    (abortSignal) =>
      cfn.client.send(new DeleteStackCommand({ StackName: stack, ...(token ? { ClientRequestToken: token } : {}) }), { abortSignal }),
    { mutating: true },
  );
}

/** CancelUpdateStack: CloudFormation rolls the update back. */
export async function cancelUpdateStack(cfn: Cfn, stack: string): Promise<void> {
  await send(cfn, `cancelling the update of ${shortName(stack)} (CancelUpdateStack)`, (abortSignal) =>
    cfn.client.send(new CancelUpdateStackCommand({ StackName: stack }), { abortSignal }),
  );
}

/**
 * Stack events newer than the ones `isKnown` recognises, oldest first. DescribeStackEvents
 * returns newest first; pages are read until an event `isKnown` (already printed, or from
 * before this operation), so a poll usually costs one call.
 */
export async function newStackEvents(cfn: Cfn, stack: string, isKnown: (event: StackEvent) => boolean): Promise<StackEvent[]> {
  const fresh: StackEvent[] = [];
  let token: string | undefined;
  do {
    const page = await send(cfn, `reading the events of ${shortName(stack)} (DescribeStackEvents)`, (abortSignal) =>
      cfn.client.send(new DescribeStackEventsCommand({ StackName: stack, ...(token ? { NextToken: token } : {}) }), { abortSignal }),
    );
    for (const event of page.StackEvents ?? []) {
      if (isKnown(event)) return fresh.reverse();
      fresh.push(event);
    }
    token = page.NextToken;
  } while (token);
  return fresh.reverse();
}
