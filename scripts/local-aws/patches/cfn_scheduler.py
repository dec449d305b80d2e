"""
moto's CloudFormation has no AWS::Scheduler::Schedule or AWS::Scheduler::ScheduleGroup, although
moto's `scheduler` backend has schedules and schedule groups.

Without it the schedule is skipped and `Ref`/`Fn::GetAtt` on it are None. This model creates,
updates and deletes the schedule through the `scheduler` backend (Ref: the schedule's name;
GetAtt Arn), following
https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-scheduler-schedule.html.
"""

from __future__ import annotations

from typing import Any

from moto.core.common_models import CloudFormationModel
from moto.scheduler.models import scheduler_backends

from .cfn_resource_types import attribute, register

NAME = "cfn_scheduler"
SUMMARY = "AWS::Scheduler::Schedule and ScheduleGroup are created in moto's scheduler backend"


def _backend(account_id: str, region_name: str) -> Any:
    return scheduler_backends[account_id][region_name]


def _args(name: str, props: dict[str, Any]) -> dict[str, Any]:
    return {
        "description": props.get("Description"),
        "end_date": props.get("EndDate"),
        "flexible_time_window": props.get("FlexibleTimeWindow"),
        "group_name": props.get("GroupName"),
        "kms_key_arn": props.get("KmsKeyArn"),
        "name": name,
        "schedule_expression": props.get("ScheduleExpression"),
        "schedule_expression_timezone": props.get("ScheduleExpressionTimezone"),
        "start_date": props.get("StartDate"),
        "state": props.get("State"),
        "target": props.get("Target"),
    }


class CfnSchedule(CloudFormationModel):
    """AWS::Scheduler::Schedule (Ref: the schedule name)."""

    def __init__(self, schedule: Any, group_name: str | None):
        self.schedule, self.group_name = schedule, group_name

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::Scheduler::Schedule"

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @property
    def physical_resource_id(self) -> str:
        return self.schedule.name

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr == "Arn"

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        return attribute({"Arn": self.schedule.arn}, attribute_name)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
    ) -> CfnSchedule:
        props = cloudformation_json.get("Properties", {})
        # CloudFormation's generated names can pass the API's 64-character limit.
        name = props.get("Name", resource_name[-64:])
        schedule = _backend(account_id, region_name).create_schedule(
            **_args(name, props), action_after_completion=props.get("ActionAfterCompletion")
        )
        return cls(schedule, props.get("GroupName"))

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls, original_resource: CfnSchedule, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
    ) -> CfnSchedule:
        props = cloudformation_json.get("Properties", {})
        schedule = _backend(account_id, region_name).update_schedule(
            **_args(original_resource.schedule.name, props)
        )
        return cls(schedule, props.get("GroupName"))

    def delete(self, account_id: str, region_name: str) -> None:
        _backend(account_id, region_name).delete_schedule(self.group_name, self.schedule.name)


class CfnScheduleGroup(CloudFormationModel):
    """AWS::Scheduler::ScheduleGroup (Ref: the group name)."""

    def __init__(self, group: Any):
        self.group = group

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::Scheduler::ScheduleGroup"

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @property
    def physical_resource_id(self) -> str:
        return self.group.name

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ("Arn", "State")

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        return attribute({"Arn": self.group.arn, "State": "ACTIVE"}, attribute_name)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
    ) -> CfnScheduleGroup:
        props = cloudformation_json.get("Properties", {})
        group = _backend(account_id, region_name).create_schedule_group(name=props.get("Name", resource_name[-64:]), tags=props.get("Tags", []))
        return cls(group)

    def delete(self, account_id: str, region_name: str) -> None:
        _backend(account_id, region_name).delete_schedule_group(self.group.name)


def apply() -> None:
    register()
