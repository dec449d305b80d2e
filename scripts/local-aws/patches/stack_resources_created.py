"""
DescribeStackResources lists a nameless, typeless entry for every resource whose Condition is
false.

`Stack.stack_resources` (moto/cloudformation/models.py) is `resource_map.values()`, which
yields None for each resource the stack did not create (Condition false), and the response
writes an empty entry for each. CloudFormation lists only the stack's resources; this patch
leaves out the ones that are not there.
"""

from __future__ import annotations

from typing import Any

from moto.cloudformation import models

NAME = "stack_resources_created"
SUMMARY = "DescribeStackResources lists only created resources (moto adds an empty entry per false Condition)"


def apply() -> None:
    original = models.Stack.stack_resources
    if getattr(original.fget, "_created", False):
        return

    def stack_resources(self: Any) -> Any:
        return [r for r in original.fget(self) if r is not None]

    stack_resources._created = True  # type: ignore[attr-defined]
    models.Stack.stack_resources = property(stack_resources)  # type: ignore[method-assign,assignment]
