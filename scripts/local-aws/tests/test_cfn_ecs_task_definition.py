import json
import unittest

from helpers import REGION, StackTest, boto3
from patches import cfn_ecs_task_definition


def template(greeting: str) -> dict:
    return {
        "Resources": {
            "Task": {
                "Type": "AWS::ECS::TaskDefinition",
                "Properties": {
                    "Family": "app",
                    "NetworkMode": "awsvpc",
                    "RequiresCompatibilities": ["FARGATE"],
                    "Cpu": "256",
                    "Memory": "512",
                    "ExecutionRoleArn": "arn:aws:iam::123456789012:role/exec",
                    "TaskRoleArn": "arn:aws:iam::123456789012:role/task",
                    "RuntimePlatform": {"CpuArchitecture": "ARM64", "OperatingSystemFamily": "LINUX"},
                    "ContainerDefinitions": [{"Name": "app", "Image": "nginx", "Environment": [{"Name": "GREETING", "Value": greeting}]}],
                },
            }
        }
    }


class EcsTaskDefinitionTest(StackTest):
    def setUp(self) -> None:
        cfn_ecs_task_definition.apply()
        super().setUp()
        self.ecs = boto3.client("ecs", region_name=REGION)

    def test_a_fargate_task_definition_reads_back_as_written(self) -> None:
        self.create("task", template("hello"))
        task = self.ecs.describe_task_definition(taskDefinition="app")["taskDefinition"]
        self.assertEqual(
            (task["networkMode"], task["requiresCompatibilities"], task["cpu"], task["memory"], task["executionRoleArn"], task["taskRoleArn"]),
            ("awsvpc", ["FARGATE"], "256", "512", "arn:aws:iam::123456789012:role/exec", "arn:aws:iam::123456789012:role/task"),
        )
        self.assertEqual(task["runtimePlatform"], {"cpuArchitecture": "ARM64", "operatingSystemFamily": "LINUX"})
        self.assertEqual(task["containerDefinitions"][0]["environment"], [{"name": "GREETING", "value": "hello"}])

    def test_an_update_registers_a_new_revision_with_the_new_environment(self) -> None:
        self.create("task", template("hello"))
        self.cf.update_stack(StackName="task", TemplateBody=json.dumps(template("bonjour")))
        task = self.ecs.describe_task_definition(taskDefinition="app")["taskDefinition"]
        self.assertEqual((task["revision"], task["containerDefinitions"][0]["environment"]), (2, [{"name": "GREETING", "value": "bonjour"}]))
        self.assertEqual(self.ecs.list_task_definitions(status="ACTIVE")["taskDefinitionArns"], [task["taskDefinitionArn"]])


if __name__ == "__main__":
    unittest.main()
