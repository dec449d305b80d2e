"""
moto's CloudFormation has no AWS::EC2::SecurityGroupEgress, although moto's `ec2` backend
authorizes and revokes egress rules (AWS::EC2::SecurityGroupIngress is there).

Without it the rule is skipped and the group keeps only what its SecurityGroupEgress property
says. This model authorizes the rule through the `ec2` backend (IPv4 `CidrIp`, IPv6
`CidrIpv6`, or a destination group or prefix list) and revokes it on delete; Ref is the rule's
id, following
https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroupegress.html.
"""

from __future__ import annotations

from typing import Any

from moto.core.common_models import CloudFormationModel
from moto.ec2.models import ec2_backends

from .cfn_resource_types import attribute, register

NAME = "cfn_ec2_security_group_egress"
SUMMARY = "AWS::EC2::SecurityGroupEgress is authorized in moto's ec2 backend"


def _rule(props: dict[str, Any]) -> dict[str, Any]:
    """The backend's arguments for one egress rule."""
    ranges: list[dict[str, Any]] = []
    if props.get("CidrIp"):
        ranges.append({"CidrIp": props["CidrIp"], "Description": props.get("Description")})
    if props.get("CidrIpv6"):
        ranges.append({"CidrIpv6": props["CidrIpv6"], "Description": props.get("Description")})
    groups = [{"GroupId": props["DestinationSecurityGroupId"]}] if props.get("DestinationSecurityGroupId") else []
    prefixes = [{"PrefixListId": props["DestinationPrefixListId"]}] if props.get("DestinationPrefixListId") else []
    return {
        "group_name_or_id": props["GroupId"],
        "ip_protocol": str(props["IpProtocol"]),
        "from_port": props.get("FromPort"),
        "to_port": props.get("ToPort"),
        "ip_ranges": ranges,
        "source_groups": groups,
        "prefix_list_ids": prefixes,
    }


class CfnSecurityGroupEgress(CloudFormationModel):
    """AWS::EC2::SecurityGroupEgress (Ref: the rule id)."""

    def __init__(self, rule_id: str, props: dict[str, Any]):
        self.rule_id, self.props = rule_id, props

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::EC2::SecurityGroupEgress"

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @property
    def physical_resource_id(self) -> str:
        return self.rule_id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr == "Id"

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        return attribute({"Id": self.rule_id}, attribute_name)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
    ) -> CfnSecurityGroupEgress:
        props = cloudformation_json.get("Properties", {})
        rules, _ = ec2_backends[account_id][region_name].authorize_security_group_egress(**_rule(props))
        return cls(rules[0].id if rules else resource_name, props)

    def delete(self, account_id: str, region_name: str) -> None:
        rule = _rule(self.props)
        ec2_backends[account_id][region_name].revoke_security_group_egress(
            group_name_or_id=rule["group_name_or_id"],
            ip_protocol=rule["ip_protocol"],
            from_port=rule["from_port"],
            to_port=rule["to_port"],
            ip_ranges=[],
            security_rule_ids=[self.rule_id],
        )


def apply() -> None:
    register()
