"""
moto's CloudFormation skips AWS::CloudFormation::WaitConditionHandle.

It is in `NULL_MODELS` (moto/cloudformation/parsing.py), so the handle is not in the stack:
DescribeStackResources leaves it out and `Ref` to it is None. Templates use a handle, which costs
nothing and waits for nothing, to make resources depend on a condition's resources (its
Metadata refers to them). This model keeps it in the stack; `Ref` is a presigned-URL-like
string, as in CloudFormation
(https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-waitconditionhandle.html).
"""

from __future__ import annotations

from typing import Any

from moto.cloudformation import parsing
from moto.core.common_models import CloudFormationModel

from .cfn_resource_types import attribute, register

NAME = "cfn_wait_condition_handle"
SUMMARY = "AWS::CloudFormation::WaitConditionHandle is a resource of the stack (moto drops it)"


class CfnWaitConditionHandle(CloudFormationModel):
    """AWS::CloudFormation::WaitConditionHandle (Ref: a URL)."""

    def __init__(self, url: str):
        self.url = url

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::CloudFormation::WaitConditionHandle"

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @property
    def physical_resource_id(self) -> str:
        return self.url

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        return attribute({}, attribute_name)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
    ) -> CfnWaitConditionHandle:
        stack_id = kwargs.get("StackId", "")
        logical_id = kwargs.get("LogicalId", resource_name)
        return cls(f"https://cloudformation-waitcondition-{region_name}.s3.amazonaws.com/{stack_id}/{logical_id}")

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls, original_resource: CfnWaitConditionHandle, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
    ) -> CfnWaitConditionHandle:
        return original_resource

    def delete(self, account_id: str, region_name: str) -> None:
        return None


def apply() -> None:
    if "AWS::CloudFormation::WaitConditionHandle" in parsing.NULL_MODELS:
        parsing.NULL_MODELS.remove("AWS::CloudFormation::WaitConditionHandle")
    register()
