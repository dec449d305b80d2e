"""
moto's AWS::ECS::TaskDefinition keeps only the family, containers, volumes and memory, and an
update stores the containers with CloudFormation's key case.

`TaskDefinition.create_from_cloudformation_json` (moto/ecs/models.py) drops NetworkMode, Cpu,
RequiresCompatibilities, TaskRoleArn, ExecutionRoleArn, RuntimePlatform and Tags, so a Fargate
task definition reads back in `bridge` mode without its roles; and
`update_from_cloudformation_json` registers the new revision with `ContainerDefinitions` as
written in the template (`Environment`, `Name`, `Value`), so DescribeTaskDefinition shows no
`environment` after an update. This patch registers every property, camelCased as the ECS API
has them, on create and on update (an update registers a new revision and deregisters the old
one, as CloudFormation replaces a task definition).
"""

from __future__ import annotations

from typing import Any

from moto.core.utils import pascal_to_camelcase, remap_nested_keys
from moto.ecs import models
from moto.moto_api._internal import mock_random

NAME = "cfn_ecs_task_definition"
SUMMARY = "AWS::ECS::TaskDefinition keeps every property (network mode, CPU, roles...) and an update keeps the containers' environment"


def register(properties: dict[str, Any], account_id: str, region_name: str) -> Any:
    """Registers the task definition `properties` describe, with every property ECS takes."""
    camel = lambda key: remap_nested_keys(properties.get(key), pascal_to_camelcase)  # noqa: E731
    return models.ecs_backends[account_id][region_name].register_task_definition(
        family=properties.get("Family", f"task-definition-{int(mock_random.random() * 10**6)}"),
        container_definitions=camel("ContainerDefinitions") or [],
        volumes=camel("Volumes") or [],
        network_mode=properties.get("NetworkMode"),
        tags=camel("Tags"),
        placement_constraints=camel("PlacementConstraints"),
        requires_compatibilities=properties.get("RequiresCompatibilities"),
        cpu=properties.get("Cpu"),
        memory=properties.get("Memory"),
        task_role_arn=properties.get("TaskRoleArn"),
        execution_role_arn=properties.get("ExecutionRoleArn"),
        proxy_configuration=camel("ProxyConfiguration"),
        runtime_platform=camel("RuntimePlatform"),
        ipc_mode=properties.get("IpcMode"),
        pid_mode=properties.get("PidMode"),
        ephemeral_storage=camel("EphemeralStorage"),
    )


def apply() -> None:
    if getattr(models.TaskDefinition.create_from_cloudformation_json, "_complete", False):
        return

    def create(cls: Any, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any) -> Any:
        return register(cloudformation_json["Properties"], account_id, region_name)

    def update(cls: Any, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str) -> Any:
        new = register(cloudformation_json["Properties"], account_id, region_name)
        models.ecs_backends[account_id][region_name].deregister_task_definition(original_resource.arn)
        return new

    create._complete = True  # type: ignore[attr-defined]
    models.TaskDefinition.create_from_cloudformation_json = classmethod(create)  # type: ignore[method-assign,assignment]
    models.TaskDefinition.update_from_cloudformation_json = classmethod(update)  # type: ignore[method-assign,assignment]
