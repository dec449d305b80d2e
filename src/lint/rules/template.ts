/**
 * Rules on the file itself: it must parse, and it must look like a CloudFormation template.
 * They run first; when one reports, no other rule runs (there is nothing to read).
 */
import { isObject } from '../types';
import { defineRule } from './types';

export const TEMPLATE_RULES = [
  defineRule({
    id: 'FO001',
    severity: 'error',
    stage: 'file',
    title: 'Template does not parse (YAML/JSON syntax, duplicate keys), as cfn-lint reads it',
    help: 'The template is read as cfn-lint reads it (PyYAML, short tags as cfn-lint turns them into Fn:: forms). A file cfn-lint cannot read, or one with a duplicate key (which CloudFormation rejects and other tools silently merge), gets one finding at the first problem, and no other rule runs on it. Hostile input (an alias bomb, nesting deeper than 200 levels, a file over 4 MB) is refused here and not given to cfn-lint.',
    fix: 'Fix the syntax at the reported line; remove or merge duplicate keys.',
    check: ({ source }) => {
      const { problem } = source;
      if (problem === undefined) return [];
      const notRun = source.refused !== undefined ? ' and cfn-lint was not run on it' : '';
      const advice = problem.advice ?? 'Fix it at this line; cfn-lint and CloudFormation reject the template';
      return [{ path: [], position: problem.position, message: `${problem.message}${notRun}. ${advice}.` }];
    },
  }),
  defineRule({
    id: 'FO002',
    severity: 'error',
    stage: 'file',
    title: 'Not a CloudFormation template (no Resources mapping)',
    help: 'Every CloudFormation template has a Resources mapping; without one the file is something else (a workflow, a config file).',
    fix: 'Lint the template file (e.g. out/template.yaml).',
    check: ({ source }) =>
      source.problem !== undefined || (isObject(source.data) && isObject(source.data['Resources']))
        ? []
        : [
            {
              path: [],
              position: { line: 1, col: 1 },
              message: 'No Resources mapping: this is not a CloudFormation template. Lint the template file (e.g. out/template.yaml).',
            },
          ],
  }),
] as const;
