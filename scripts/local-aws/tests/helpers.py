"""What the patch tests share: moto in-process (`mock_aws`), a stack made through a change set."""

from __future__ import annotations

import json
import os
import sys
import unittest
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.update(
    AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_DEFAULT_REGION="us-east-1"
)
os.environ.pop("AWS_ENDPOINT_URL", None)
os.environ.pop("AWS_PROFILE", None)

import boto3  # noqa: E402
from moto import mock_aws  # noqa: E402

REGION = "us-east-1"


def parameters(values: dict[str, str]) -> list[dict[str, str]]:
    return [{"ParameterKey": k, "ParameterValue": v} for k, v in values.items()]


class StackTest(unittest.TestCase):
    """A test with moto running in-process and a `deploy` that creates or updates a stack."""

    def setUp(self) -> None:
        self.mock = mock_aws()
        self.mock.start()
        self.cf = boto3.client("cloudformation", region_name=REGION)
        self.count = 0

    def tearDown(self) -> None:
        self.mock.stop()

    def change_set(self, stack: str, template: dict[str, Any], values: dict[str, str] | None = None) -> dict[str, Any]:
        """Creates a change set (CREATE or UPDATE, as the stack exists or not) and describes it."""
        self.count += 1
        exists = any(s["StackName"] == stack for s in self.cf.list_stacks()["StackSummaries"] if s["StackStatus"] != "DELETE_COMPLETE" and s["StackStatus"] != "REVIEW_IN_PROGRESS")
        self.cf.create_change_set(
            StackName=stack,
            ChangeSetName=f"c{self.count}",
            TemplateBody=json.dumps(template),
            ChangeSetType="UPDATE" if exists else "CREATE",
            Parameters=parameters(values or {}),
        )
        return self.cf.describe_change_set(StackName=stack, ChangeSetName=f"c{self.count}")

    def deploy(self, stack: str, template: dict[str, Any], values: dict[str, str] | None = None) -> dict[str, Any]:
        """Creates and executes a change set; returns the stack as DescribeStacks has it."""
        self.change_set(stack, template, values)
        self.cf.execute_change_set(StackName=stack, ChangeSetName=f"c{self.count}")
        return self.cf.describe_stacks(StackName=stack)["Stacks"][0]

    def create(self, stack: str, template: dict[str, Any], values: dict[str, str] | None = None) -> None:
        """CreateStack (moto's own path, which has outputs without any patch)."""
        self.cf.create_stack(StackName=stack, TemplateBody=json.dumps(template), Parameters=parameters(values or {}))

    def outputs(self, stack: str) -> dict[str, str]:
        described = self.cf.describe_stacks(StackName=stack)["Stacks"][0]
        return {o["OutputKey"]: o["OutputValue"] for o in described.get("Outputs", [])}

    def resources(self, stack: str) -> dict[str, str]:
        listed = self.cf.describe_stack_resources(StackName=stack)["StackResources"]
        # Without stack_resources_created, moto adds an empty entry per resource not created.
        return {r["LogicalResourceId"]: r.get("PhysicalResourceId", "") for r in listed if r.get("LogicalResourceId")}
