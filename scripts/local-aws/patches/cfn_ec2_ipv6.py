"""
moto's CloudFormation has no IPv6 networking, although moto's `ec2` backend has it:
- no AWS::EC2::EgressOnlyInternetGateway or AWS::EC2::VPCCidrBlock (an Amazon-provided /56
  included), and no `Fn::GetAtt Vpc.Ipv6CidrBlocks`;
- AWS::EC2::Route drops `DestinationIpv6CidrBlock` (a `::/0` route gets no destination);
- AWS::EC2::Subnet requires `CidrBlock` and drops `Ipv6CidrBlock` and `Ipv6Native`, so an
  IPv6-only subnet fails with KeyError and a dual-stack one has no IPv6 block.

These models create and delete them through the `ec2` backend (Ref: the gateway id, the
association id; VPCCidrBlock also answers GetAtt Ipv6CidrBlock and Id), `Ipv6CidrBlocks` on a
VPC lists its associated IPv6 blocks, and routes and subnets pass their IPv6 properties on,
following https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-vpccidrblock.html
and the AWS::EC2::Route and AWS::EC2::Subnet references.
"""

from __future__ import annotations

from typing import Any

from moto.core.common_models import CloudFormationModel
from moto.ec2.models import ec2_backends
from moto.ec2.models.route_tables import Route
from moto.ec2.models.subnets import Subnet
from moto.ec2.models.vpcs import VPC

from .cfn_resource_types import attribute, register, tag_dict

NAME = "cfn_ec2_ipv6"
SUMMARY = "IPv6: egress-only gateways, VPC CIDR blocks, Vpc.Ipv6CidrBlocks, IPv6 routes and IPv6 (or IPv6-only) subnets"


def _backend(account_id: str, region_name: str) -> Any:
    return ec2_backends[account_id][region_name]


class CfnEgressOnlyInternetGateway(CloudFormationModel):
    """AWS::EC2::EgressOnlyInternetGateway (Ref: the gateway id)."""

    def __init__(self, gateway: Any):
        self.gateway = gateway

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::EC2::EgressOnlyInternetGateway"

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @property
    def physical_resource_id(self) -> str:
        return self.gateway.id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr == "Id"

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        return attribute({"Id": self.gateway.id}, attribute_name)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
    ) -> CfnEgressOnlyInternetGateway:
        props = cloudformation_json.get("Properties", {})
        gateway = _backend(account_id, region_name).create_egress_only_internet_gateway(
            vpc_id=props["VpcId"], tags=tag_dict(props.get("Tags"))
        )
        return cls(gateway)

    def delete(self, account_id: str, region_name: str) -> None:
        _backend(account_id, region_name).delete_egress_only_internet_gateway(self.gateway.id)


class CfnVpcCidrBlock(CloudFormationModel):
    """AWS::EC2::VPCCidrBlock (Ref: the association id)."""

    def __init__(self, association: dict[str, Any]):
        self.association = association

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::EC2::VPCCidrBlock"

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @property
    def physical_resource_id(self) -> str:
        return self.association["association_id"]

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ("Id", "Ipv6CidrBlock", "IpSource", "Ipv6AddressAttribute")

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        block = self.association["cidr_block"]
        return attribute(
            {
                "Id": self.association["association_id"],
                "Ipv6CidrBlock": block if ":" in block else "",
                "IpSource": "amazon",
                "Ipv6AddressAttribute": "public",
            },
            attribute_name,
        )

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
    ) -> CfnVpcCidrBlock:
        props = cloudformation_json.get("Properties", {})
        association = _backend(account_id, region_name).associate_vpc_cidr_block(
            vpc_id=props["VpcId"],
            cidr_block=props.get("CidrBlock") or props.get("Ipv6CidrBlock"),
            amazon_provided_ipv6_cidr_block=bool(props.get("AmazonProvidedIpv6CidrBlock")),
        )
        return cls(association)

    def delete(self, account_id: str, region_name: str) -> None:
        _backend(account_id, region_name).disassociate_vpc_cidr_block(self.association["association_id"])


def vpc_ipv6_cidr_blocks(vpc: Any) -> list[str]:
    """The VPC's associated IPv6 blocks, as `Fn::GetAtt Vpc.Ipv6CidrBlocks` lists them."""
    return [
        a["cidr_block"]
        for a in vpc.get_cidr_block_association_set(ipv6=True)
        if a.get("cidr_block_state", {}).get("state") == "associated"
    ]


def create_route(cls: Any, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any) -> Any:
    """AWS::EC2::Route with every destination and target, IPv6 included."""
    p = cloudformation_json["Properties"]
    return _backend(account_id, region_name).create_route(
        route_table_id=p["RouteTableId"],
        destination_cidr_block=p.get("DestinationCidrBlock"),
        destination_ipv6_cidr_block=p.get("DestinationIpv6CidrBlock"),
        gateway_id=p.get("GatewayId"),
        instance_id=p.get("InstanceId"),
        nat_gateway_id=p.get("NatGatewayId"),
        egress_only_igw_id=p.get("EgressOnlyInternetGatewayId"),
        transit_gateway_id=p.get("TransitGatewayId"),
        interface_id=p.get("NetworkInterfaceId"),
        vpc_peering_connection_id=p.get("VpcPeeringConnectionId"),
    )


def create_subnet(cls: Any, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any) -> Any:
    """AWS::EC2::Subnet with its IPv6 block, or IPv6 only (no CidrBlock)."""
    p = cloudformation_json["Properties"]
    subnet = _backend(account_id, region_name).create_subnet(
        vpc_id=p["VpcId"],
        cidr_block=p.get("CidrBlock"),
        ipv6_cidr_block=p.get("Ipv6CidrBlock"),
        availability_zone=p.get("AvailabilityZone"),
        ipv6_native=str(p.get("Ipv6Native", "false")).lower() == "true",
    )
    for tag in p.get("Tags", []):
        subnet.add_tag(tag["Key"], tag["Value"])
    return subnet


def apply() -> None:
    register()
    original = VPC.get_cfn_attribute
    if getattr(original, "_ipv6", False):
        return
    Route.create_from_cloudformation_json = classmethod(create_route)  # type: ignore[method-assign,assignment]
    Subnet.create_from_cloudformation_json = classmethod(create_subnet)  # type: ignore[method-assign,assignment]

    def get_cfn_attribute(self: Any, attribute_name: str) -> Any:
        if attribute_name == "Ipv6CidrBlocks":
            return vpc_ipv6_cidr_blocks(self)
        return original(self, attribute_name)

    get_cfn_attribute._ipv6 = True  # type: ignore[attr-defined]
    VPC.get_cfn_attribute = get_cfn_attribute  # type: ignore[method-assign]
