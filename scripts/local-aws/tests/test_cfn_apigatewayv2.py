import unittest

from helpers import REGION, StackTest, boto3
from patches import cfn_apigatewayv2

TEMPLATE = {
    "Parameters": {"Name": {"Type": "String", "Default": "web"}},
    "Resources": {
        "Api": {"Type": "AWS::ApiGatewayV2::Api", "Properties": {"Name": {"Ref": "Name"}, "ProtocolType": "HTTP"}},
        "Integration": {
            "Type": "AWS::ApiGatewayV2::Integration",
            "Properties": {
                "ApiId": {"Ref": "Api"},
                "IntegrationType": "AWS_PROXY",
                "IntegrationUri": "arn:aws:lambda:us-east-1:123456789012:function:f",
                "PayloadFormatVersion": "2.0",
            },
        },
        "Route": {
            "Type": "AWS::ApiGatewayV2::Route",
            "Properties": {"ApiId": {"Ref": "Api"}, "RouteKey": "$default", "Target": {"Fn::Sub": "integrations/${Integration}"}},
        },
        "Stage": {
            "Type": "AWS::ApiGatewayV2::Stage",
            "Properties": {
                "ApiId": {"Ref": "Api"},
                "StageName": "$default",
                "AutoDeploy": True,
                "DefaultRouteSettings": {"ThrottlingBurstLimit": 10, "ThrottlingRateLimit": 5},
            },
        },
    },
    "Outputs": {
        "Url": {"Value": {"Fn::GetAtt": ["Api", "ApiEndpoint"]}},
        "Stage": {"Value": {"Ref": "Stage"}},
    },
}


class ApiGatewayV2Test(StackTest):
    def setUp(self) -> None:
        cfn_apigatewayv2.apply()
        super().setUp()
        self.api = boto3.client("apigatewayv2", region_name=REGION)

    def test_the_stack_makes_the_api_its_route_integration_and_stage(self) -> None:
        self.create("http", TEMPLATE)
        [api] = self.api.get_apis()["Items"]
        self.assertEqual((api["Name"], api["ProtocolType"]), ("web", "HTTP"))
        [integration] = self.api.get_integrations(ApiId=api["ApiId"])["Items"]
        self.assertEqual(integration["IntegrationUri"], "arn:aws:lambda:us-east-1:123456789012:function:f")
        [route] = self.api.get_routes(ApiId=api["ApiId"])["Items"]
        self.assertEqual((route["RouteKey"], route["Target"]), ("$default", f"integrations/{integration['IntegrationId']}"))
        stage = self.api.get_stage(ApiId=api["ApiId"], StageName="$default")
        self.assertEqual(stage["DefaultRouteSettings"]["ThrottlingBurstLimit"], 10)
        self.assertEqual(
            self.outputs("http"),
            {"Url": f"https://{api['ApiId']}.execute-api.us-east-1.amazonaws.com", "Stage": "$default"},
        )
        self.assertEqual(self.resources("http")["Api"], api["ApiId"])

    def test_an_update_renames_the_api_in_place(self) -> None:
        self.create("http", TEMPLATE)
        [before] = self.api.get_apis()["Items"]
        import json

        self.cf.update_stack(StackName="http", TemplateBody=json.dumps(TEMPLATE), Parameters=[{"ParameterKey": "Name", "ParameterValue": "shop"}])
        [after] = self.api.get_apis()["Items"]
        self.assertEqual((after["ApiId"], after["Name"]), (before["ApiId"], "shop"))

    def test_deleting_the_stack_deletes_the_api(self) -> None:
        self.create("http", TEMPLATE)
        self.cf.delete_stack(StackName="http")
        self.assertEqual(self.api.get_apis()["Items"], [])


if __name__ == "__main__":
    unittest.main()
