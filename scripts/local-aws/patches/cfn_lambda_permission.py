"""
moto's AWS::Lambda::Permission has no physical id and is never removed.

`Permission` (moto/awslambda/models.py) keeps nothing of what it added: DescribeStackResources
shows it without a PhysicalResourceId, and deleting the stack leaves the statement in the
function's policy. CloudFormation names the permission (its policy statement id) and removes
the statement on delete. This patch gives the statement the resource's generated name as its
Sid, answers it as the physical id, and removes it on delete.
"""

from __future__ import annotations

import json
from typing import Any

from moto.awslambda import models

NAME = "cfn_lambda_permission"
SUMMARY = "AWS::Lambda::Permission has a physical id (its statement id) and is removed on delete"


def apply() -> None:
    original = models.Permission.create_from_cloudformation_json
    if getattr(original, "_named", False):
        return

    @classmethod  # type: ignore[misc]
    def create_from_cloudformation_json(cls: Any, resource_name: str, cloudformation_json: dict[str, Any], account_id: str, region_name: str, **kwargs: Any) -> Any:
        properties = dict(cloudformation_json["Properties"])
        properties.setdefault("StatementId", resource_name)
        backend = models.lambda_backends[account_id][region_name]
        fn = backend.get_function(properties["FunctionName"])
        fn.policy.add_statement(raw=json.dumps(properties))
        permission = models.Permission(region=region_name)
        permission.physical_resource_id = properties["StatementId"]  # type: ignore[attr-defined]
        permission.function_name = properties["FunctionName"]  # type: ignore[attr-defined]
        return permission

    def delete(self: Any, account_id: str, region_name: str) -> None:
        models.lambda_backends[account_id][region_name].remove_permission(self.function_name, self.physical_resource_id)

    create_from_cloudformation_json.__func__._named = True  # type: ignore[attr-defined]
    models.Permission.create_from_cloudformation_json = create_from_cloudformation_json  # type: ignore[method-assign]
    models.Permission.delete = delete  # type: ignore[attr-defined]
