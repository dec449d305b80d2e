"""
A stack update loses every modified resource whose moto model has no update.

`parse_and_update_resource` (moto/cloudformation/parsing.py) returns None when the resource's
model does not implement `update_from_cloudformation_json` (AWS::Logs::LogGroup,
AWS::Lambda::Permission, AWS::EC2::Route and others), and `ResourceMap.update` stores that None:
the resource drops out of the stack (DescribeStackResources no longer lists it) and `Ref` to it
becomes None, although it still exists in its service.

CloudFormation updates such resources in place. This patch keeps the existing resource when
moto cannot update it, and applies the changes moto's backends can make in place
(`IN_PLACE`, by resource type: a log group's retention). Upstream, the fix is the `else`
branch of `parse_and_update_resource` returning the original resource.
"""

from __future__ import annotations

from typing import Any, Callable

from moto.cloudformation import parsing

NAME = "update_keeps_resources"
SUMMARY = "an update keeps a modified resource whose moto model cannot update (moto drops it from the stack)"


def _log_group_retention(resource: Any, properties: dict[str, Any], account_id: str, region_name: str) -> None:
    from moto.logs.models import logs_backends

    backend = logs_backends[account_id][region_name]
    days = properties.get("RetentionInDays")
    if days is None:
        backend.delete_retention_policy(resource.name)
    else:
        backend.put_retention_policy(resource.name, int(days))


IN_PLACE: dict[str, Callable[[Any, dict[str, Any], str, str], None]] = {
    "AWS::Logs::LogGroup": _log_group_retention,
}
"""What can be changed in place, by resource type: (resource, new properties, account, region)."""


def apply() -> None:
    original = parsing.parse_and_update_resource
    if getattr(original, "_keeps", False):
        return

    def parse_and_update_resource(logical_id: str, resource_json: dict[str, Any], resources_map: Any, account_id: str, region_name: str) -> Any:
        updated = original(logical_id, resource_json, resources_map, account_id, region_name)
        if updated is not None:
            return updated
        current = resources_map._parsed_resources.get(logical_id)
        change = IN_PLACE.get(resource_json.get("Type", ""))
        if current is not None and change is not None:
            properties = parsing.clean_json(resource_json.get("Properties", {}), resources_map)
            change(current, properties, account_id, region_name)
        return current

    parse_and_update_resource._keeps = True  # type: ignore[attr-defined]
    parsing.parse_and_update_resource = parse_and_update_resource
