"""
DeleteStack leaves behind the resources whose moto model has no delete, and so fails on a VPC.

`ResourceMap._delete_resource` (moto/cloudformation/parsing.py) calls the resource's `delete`
or its model's `delete_from_cloudformation_json`, and silently does nothing when neither exists:
routes, route-table associations, route tables, gateway attachments, internet gateways, ECS
services, clusters and task definitions stay in their backends. A stack with its own VPC then
fails to delete ("DependencyViolation: The vpc ... has dependencies and cannot be deleted"),
and the stack's ECS resources outlive it.

This patch deletes them through their backends (`DELETERS`, by resource type), as
CloudFormation does, and counts a resource that is already gone (an HTTP API's stage goes with
the API) as deleted instead of failing the stack. Upstream, each deleter would be the model's
own `delete`.
"""

from __future__ import annotations

from typing import Any, Callable

from moto.cloudformation import parsing

NAME = "stack_delete_completes"
SUMMARY = "DeleteStack deletes routes, associations, route tables, gateways and ECS resources (moto leaves them, so a VPC cannot go)"


def _ec2(account_id: str, region_name: str) -> Any:
    from moto.ec2.models import ec2_backends

    return ec2_backends[account_id][region_name]


def _ecs(account_id: str, region_name: str) -> Any:
    from moto.ecs.models import ecs_backends

    return ecs_backends[account_id][region_name]


def _route(r: Any, account_id: str, region_name: str) -> None:
    _ec2(account_id, region_name).delete_route(
        r.route_table.id, r.destination_cidr_block, getattr(r, "destination_ipv6_cidr_block", None)
    )


def _association(a: Any, account_id: str, region_name: str) -> None:
    backend = _ec2(account_id, region_name)
    table = backend.get_route_table(a.route_table_id)
    for association_id, target in list(table._associations.items()):
        if target == a.subnet_id:
            backend.disassociate_route_table(association_id)


def _route_table(t: Any, account_id: str, region_name: str) -> None:
    _ec2(account_id, region_name).delete_route_table(t.id)


def _gateway_attachment(a: Any, account_id: str, region_name: str) -> None:
    backend = _ec2(account_id, region_name)
    if a.gateway_id in backend.internet_gateways:
        backend.detach_internet_gateway(a.gateway_id, a.vpc_id)
    else:
        backend.detach_vpn_gateway(a.gateway_id, a.vpc_id)


def _internet_gateway(g: Any, account_id: str, region_name: str) -> None:
    _ec2(account_id, region_name).delete_internet_gateway(g.id)


def _ecs_service(s: Any, account_id: str, region_name: str) -> None:
    _ecs(account_id, region_name).delete_service(s.cluster_name, s.name, force=True)


def _ecs_cluster(c: Any, account_id: str, region_name: str) -> None:
    _ecs(account_id, region_name).delete_cluster(c.name)


def _task_definition(t: Any, account_id: str, region_name: str) -> None:
    _ecs(account_id, region_name).deregister_task_definition(t.arn)


DELETERS: dict[str, Callable[[Any, str, str], None]] = {
    "AWS::EC2::Route": _route,
    "AWS::EC2::SubnetRouteTableAssociation": _association,
    "AWS::EC2::RouteTable": _route_table,
    "AWS::EC2::VPCGatewayAttachment": _gateway_attachment,
    "AWS::EC2::InternetGateway": _internet_gateway,
    "AWS::ECS::Service": _ecs_service,
    "AWS::ECS::Cluster": _ecs_cluster,
    "AWS::ECS::TaskDefinition": _task_definition,
}
"""How to delete a resource moto's model cannot, by type: (resource, account, region)."""


def gone(error: Exception) -> bool:
    """Whether a backend error says the resource does not exist."""
    code = str(getattr(error, "error_type", "") or getattr(error, "code", ""))
    return code.endswith(".NotFound") or code.endswith("NotFoundException")


def apply() -> None:
    original = parsing.ResourceMap._delete_resource
    if getattr(original, "_completes", False):
        return

    def _delete_resource(self: Any, parsed_resource: Any, resource_json: dict[str, Any]) -> None:
        deleter = DELETERS.get(resource_json.get("Type", ""))
        try:
            if deleter is None:
                original(self, parsed_resource, resource_json)
            else:
                deleter(parsed_resource, self._account_id, self._region_name)
        except Exception as e:
            # Gone already (a route goes with its route table): CloudFormation counts that as deleted.
            if not gone(e):
                raise

    _delete_resource._completes = True  # type: ignore[attr-defined]
    parsing.ResourceMap._delete_resource = _delete_resource  # type: ignore[method-assign]
