"""
After ExecuteChangeSet, moto's stack has no outputs and keeps its old parameters.

`CloudFormationBackend.execute_change_set` (moto/cloudformation/models.py) applies the change
set to the stack's resources and sets `stack.template`, but not `stack.template_dict`, the
output map or `stack.parameters`. So DescribeStacks lists no Outputs after a change set (a
stack made by a change set never has any), and the next change set compares its parameters with
the first ones. UpdateStack does all three (`Stack.update`); this patch does them after a change
set too, as CloudFormation does.
"""

from __future__ import annotations

from typing import Any

from moto.cloudformation import models

NAME = "execute_change_set_outputs"
SUMMARY = "after ExecuteChangeSet the stack has its Outputs, template and parameters"


def apply() -> None:
    original = models.CloudFormationBackend.execute_change_set
    if getattr(original, "_outputs", False):
        return

    def execute_change_set(self: Any, change_set_name: str, stack_name: str | None = None) -> None:
        original(self, change_set_name, stack_name)
        change_set = self.describe_change_set(change_set_name)
        stack = self.stacks[change_set.stack_id]
        stack.template_dict = change_set.template_dict
        stack.description = stack.template_dict.get("Description")
        stack.parameters = dict(change_set.parameters)
        stack.output_map = stack._create_output_map()

    execute_change_set._outputs = True  # type: ignore[attr-defined]
    models.CloudFormationBackend.execute_change_set = execute_change_set  # type: ignore[method-assign]
