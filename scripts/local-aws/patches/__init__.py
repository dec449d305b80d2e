"""
The patch layer: each module fixes one thing moto's CloudFormation lacks, is named after it,
and has `NAME`, `SUMMARY` and `apply()` (idempotent). docs/local-aws.md lists them; each has its
own test in scripts/local-aws/tests/.
"""

from __future__ import annotations

from types import ModuleType

from . import (
    cfn_apigatewayv2,
    cfn_ec2_ipv6,
    cfn_ec2_security_group_egress,
    cfn_ecs_task_definition,
    cfn_iam_oidc_provider,
    cfn_lambda_permission,
    cfn_scheduler,
    cfn_wait_condition_handle,
    change_set_details,
    execute_change_set_outputs,
    fn_cidr,
    fn_getazs_ref,
    stack_delete_completes,
    stack_resources_created,
    update_follows_conditions,
    update_keeps_resources,
)

PATCHES: list[ModuleType] = [
    fn_cidr,
    fn_getazs_ref,
    cfn_apigatewayv2,
    cfn_scheduler,
    cfn_iam_oidc_provider,
    cfn_ec2_ipv6,
    cfn_ec2_security_group_egress,
    cfn_ecs_task_definition,
    cfn_wait_condition_handle,
    cfn_lambda_permission,
    update_follows_conditions,
    update_keeps_resources,
    change_set_details,
    execute_change_set_outputs,
    stack_resources_created,
    stack_delete_completes,
]


def apply_all() -> None:
    """Applies every patch, in order."""
    for patch in PATCHES:
        patch.apply()
