"""
moto's CloudFormation has no AWS::IAM::OIDCProvider, although moto's `iam` backend has OpenID
Connect providers.

Without it the provider is skipped and `Ref` to it (its ARN) is None, so a role trusting it
names no principal. This model creates and deletes the provider through the `iam` backend
(Ref and GetAtt Arn: the provider's ARN), following
https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-oidcprovider.html.
A second provider for the same URL in one account fails, as in IAM.
"""

from __future__ import annotations

from typing import Any

from moto.core.common_models import CloudFormationModel
from moto.iam.models import iam_backends
from moto.utilities.utils import get_partition

from .cfn_resource_types import attribute, register

NAME = "cfn_iam_oidc_provider"
SUMMARY = "AWS::IAM::OIDCProvider is created in moto's iam backend"


def _backend(account_id: str, region_name: str) -> Any:
    return iam_backends[account_id][get_partition(region_name)]


class CfnOidcProvider(CloudFormationModel):
    """AWS::IAM::OIDCProvider (Ref: the provider's ARN)."""

    def __init__(self, provider: Any):
        self.provider = provider

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::IAM::OIDCProvider"

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @property
    def physical_resource_id(self) -> str:
        return self.provider.arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr == "Arn"

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        return attribute({"Arn": self.provider.arn}, attribute_name)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
    ) -> CfnOidcProvider:
        props = cloudformation_json.get("Properties", {})
        provider = _backend(account_id, region_name).create_open_id_connect_provider(
            url=props["Url"],
            thumbprint_list=props.get("ThumbprintList", []),
            client_id_list=props.get("ClientIdList", []),
            tags=props.get("Tags", []),
        )
        return cls(provider)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls, original_resource: CfnOidcProvider, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
    ) -> CfnOidcProvider:
        props = cloudformation_json.get("Properties", {})
        provider = original_resource.provider
        provider.thumbprint_list = props.get("ThumbprintList", [])
        provider.client_id_list = props.get("ClientIdList", [])
        return original_resource

    def delete(self, account_id: str, region_name: str) -> None:
        _backend(account_id, region_name).delete_open_id_connect_provider(self.provider.arn)


def apply() -> None:
    register()
