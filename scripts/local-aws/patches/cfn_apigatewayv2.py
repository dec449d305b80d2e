"""
moto's CloudFormation has no AWS::ApiGatewayV2::Api, ::Stage, ::Integration or ::Route,
although moto's `apigatewayv2` backend has each of them.

Without them a stack's HTTP API is skipped ("No Moto CloudFormation support"), every `Ref` to it
is None, and the stack reports CREATE_COMPLETE without it. These models create, update and
delete through the `apigatewayv2` backend, so the API a stack makes is the one GetApi returns.
Properties and attributes follow the resource reference
(https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/AWS_ApiGatewayV2.html).
"""

from __future__ import annotations

from typing import Any

from moto.apigatewayv2.models import apigatewayv2_backends
from moto.core.common_models import CloudFormationModel

from .cfn_resource_types import attribute, camel, register, tag_dict

NAME = "cfn_apigatewayv2"
SUMMARY = "AWS::ApiGatewayV2::Api, Stage, Integration and Route are created in moto's apigatewayv2 backend"


def _backend(account_id: str, region_name: str) -> Any:
    return apigatewayv2_backends[account_id][region_name]


def api_exists(account_id: str, region_name: str, api_id: str) -> bool:
    """Whether the API is still there (a stage, route or integration goes with its API)."""
    return api_id in _backend(account_id, region_name).apis


class CfnApi(CloudFormationModel):
    """AWS::ApiGatewayV2::Api (Ref: the API id)."""

    def __init__(self, account_id: str, region_name: str, api: Any):
        self.account_id, self.region_name, self.api = account_id, region_name, api

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::ApiGatewayV2::Api"

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @property
    def physical_resource_id(self) -> str:
        return self.api.api_id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ("ApiEndpoint", "ApiId")

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        return attribute({"ApiEndpoint": self.api.api_endpoint, "ApiId": self.api.api_id}, attribute_name)

    @staticmethod
    def _args(resource_name: str, props: dict[str, Any]) -> dict[str, Any]:
        return {
            "api_key_selection_expression": props.get("ApiKeySelectionExpression"),
            "cors_configuration": camel(props.get("CorsConfiguration")),
            "description": props.get("Description"),
            "disable_schema_validation": props.get("DisableSchemaValidation"),
            "disable_execute_api_endpoint": props.get("DisableExecuteApiEndpoint"),
            "name": props.get("Name", resource_name),
            "protocol_type": props.get("ProtocolType"),
            "route_selection_expression": props.get("RouteSelectionExpression"),
            "version": props.get("Version"),
        }

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
    ) -> CfnApi:
        props = cloudformation_json.get("Properties", {})
        api = _backend(account_id, region_name).create_api(
            **cls._args(resource_name, props), tags=tag_dict(props.get("Tags"))
        )
        return cls(account_id, region_name, api)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls, original_resource: CfnApi, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
    ) -> CfnApi:
        props = cloudformation_json.get("Properties", {})
        args = cls._args(new_resource_name, props)
        del args["protocol_type"]  # ProtocolType cannot change in place
        _backend(account_id, region_name).update_api(api_id=original_resource.api.api_id, **args)
        return original_resource

    def delete(self, account_id: str, region_name: str) -> None:
        _backend(account_id, region_name).delete_api(self.api.api_id)


class CfnStage(CloudFormationModel):
    """AWS::ApiGatewayV2::Stage (Ref: the stage name)."""

    def __init__(self, api_id: str, stage: Any):
        self.api_id, self.stage = api_id, stage

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::ApiGatewayV2::Stage"

    @staticmethod
    def cloudformation_name_type() -> str:
        return "StageName"

    @property
    def physical_resource_id(self) -> str:
        return self.stage.name

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        return attribute({}, attribute_name)

    @staticmethod
    def _config(resource_name: str, props: dict[str, Any]) -> dict[str, Any]:
        config = camel({k: v for k, v in props.items() if k not in ("ApiId", "Tags")})
        config["stageName"] = props.get("StageName", resource_name)
        config["tags"] = tag_dict(props.get("Tags"))
        return config

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
    ) -> CfnStage:
        props = cloudformation_json.get("Properties", {})
        stage = _backend(account_id, region_name).create_stage(props["ApiId"], cls._config(resource_name, props))
        return cls(props["ApiId"], stage)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls, original_resource: CfnStage, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
    ) -> CfnStage:
        props = cloudformation_json.get("Properties", {})
        backend = _backend(account_id, region_name)
        backend.delete_stage(original_resource.api_id, original_resource.stage.name)
        stage = backend.create_stage(props["ApiId"], cls._config(new_resource_name, props))
        return cls(props["ApiId"], stage)

    def delete(self, account_id: str, region_name: str) -> None:
        if api_exists(account_id, region_name, self.api_id):
            _backend(account_id, region_name).delete_stage(self.api_id, self.stage.name)


class CfnIntegration(CloudFormationModel):
    """AWS::ApiGatewayV2::Integration (Ref: the integration id)."""

    def __init__(self, api_id: str, integration: Any):
        self.api_id, self.integration = api_id, integration

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::ApiGatewayV2::Integration"

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @property
    def physical_resource_id(self) -> str:
        return self.integration.id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr == "IntegrationId"

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        return attribute({"IntegrationId": self.integration.id}, attribute_name)

    @staticmethod
    def _args(props: dict[str, Any]) -> dict[str, Any]:
        return {
            "connection_id": props.get("ConnectionId"),
            "connection_type": props.get("ConnectionType"),
            "content_handling_strategy": props.get("ContentHandlingStrategy"),
            "credentials_arn": props.get("CredentialsArn"),
            "description": props.get("Description"),
            "integration_method": props.get("IntegrationMethod"),
            "integration_subtype": props.get("IntegrationSubtype"),
            "integration_type": props.get("IntegrationType"),
            "integration_uri": props.get("IntegrationUri"),
            "passthrough_behavior": props.get("PassthroughBehavior"),
            "payload_format_version": props.get("PayloadFormatVersion"),
            "request_parameters": props.get("RequestParameters"),
            "request_templates": props.get("RequestTemplates"),
            "response_parameters": props.get("ResponseParameters"),
            "template_selection_expression": props.get("TemplateSelectionExpression"),
            "timeout_in_millis": props.get("TimeoutInMillis"),
            "tls_config": camel(props.get("TlsConfig")),
        }

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
    ) -> CfnIntegration:
        props = cloudformation_json.get("Properties", {})
        integration = _backend(account_id, region_name).create_integration(api_id=props["ApiId"], **cls._args(props))
        return cls(props["ApiId"], integration)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls, original_resource: CfnIntegration, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
    ) -> CfnIntegration:
        props = cloudformation_json.get("Properties", {})
        _backend(account_id, region_name).update_integration(
            api_id=original_resource.api_id, integration_id=original_resource.integration.id, **cls._args(props)
        )
        return original_resource

    def delete(self, account_id: str, region_name: str) -> None:
        if api_exists(account_id, region_name, self.api_id):
            _backend(account_id, region_name).delete_integration(self.api_id, self.integration.id)


class CfnRoute(CloudFormationModel):
    """AWS::ApiGatewayV2::Route (Ref: the route id)."""

    def __init__(self, api_id: str, route: Any):
        self.api_id, self.route = api_id, route

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::ApiGatewayV2::Route"

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @property
    def physical_resource_id(self) -> str:
        return self.route.route_id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr == "RouteId"

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        return attribute({"RouteId": self.route.route_id}, attribute_name)

    @staticmethod
    def _args(props: dict[str, Any]) -> dict[str, Any]:
        return {
            "api_key_required": props.get("ApiKeyRequired", False),
            "authorization_scopes": props.get("AuthorizationScopes", []),
            "authorization_type": props.get("AuthorizationType"),
            "authorizer_id": props.get("AuthorizerId"),
            "model_selection_expression": props.get("ModelSelectionExpression"),
            "operation_name": props.get("OperationName"),
            "request_models": props.get("RequestModels"),
            "request_parameters": props.get("RequestParameters"),
            "route_key": props["RouteKey"],
            "route_response_selection_expression": props.get("RouteResponseSelectionExpression"),
            "target": props.get("Target"),
        }

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
    ) -> CfnRoute:
        props = cloudformation_json.get("Properties", {})
        route = _backend(account_id, region_name).create_route(api_id=props["ApiId"], **cls._args(props))
        return cls(props["ApiId"], route)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls, original_resource: CfnRoute, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
    ) -> CfnRoute:
        props = cloudformation_json.get("Properties", {})
        _backend(account_id, region_name).update_route(
            api_id=original_resource.api_id, route_id=original_resource.route.route_id, **cls._args(props)
        )
        return original_resource

    def delete(self, account_id: str, region_name: str) -> None:
        if api_exists(account_id, region_name, self.api_id):
            _backend(account_id, region_name).delete_route(self.api_id, self.route.route_id)


def apply() -> None:
    register()
