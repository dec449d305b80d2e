"""
Shared helpers for the patches that add CloudFormation resource types moto's services have but
moto's CloudFormation does not.

moto finds a type's model through `CloudFormationModel.__subclasses__()` (direct subclasses
only), cached by `get_model_list`, `get_model_map` and `get_name_type_map` in
moto/cloudformation/parsing.py. A model class written as a direct subclass of
`CloudFormationModel` is found once those caches are cleared; `register` does that. Upstream,
each model would be a method set on the service's own model class (as `moto.iam.models.Role`
has), and nothing here would be needed.

A model holds the backend's own object and answers `Ref` (`physical_resource_id`) and
`Fn::GetAtt` (`get_cfn_attribute`) from it; `delete` is called by the stack's delete and by an
update that removes the resource.
"""

from __future__ import annotations

from typing import Any

from moto.cloudformation import parsing
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException


def register() -> None:
    """Makes every direct CloudFormationModel subclass defined so far known to moto's parser."""
    for cached in (parsing.get_model_list, parsing.get_model_map, parsing.get_name_type_map):
        cached.cache_clear()


def camel(value: Any) -> Any:
    """CloudFormation's PascalCase property names as the camelCase a REST JSON backend stores."""
    if isinstance(value, dict):
        return {k[:1].lower() + k[1:]: camel(v) for k, v in value.items()}
    if isinstance(value, list):
        return [camel(v) for v in value]
    return value


def tag_dict(tags: Any) -> dict[str, str]:
    """Tags as a map, from either CloudFormation form (a map, or a list of Key/Value)."""
    if isinstance(tags, dict):
        return {str(k): str(v) for k, v in tags.items()}
    return {str(t["Key"]): str(t["Value"]) for t in tags or []}


def attribute(values: dict[str, Any], name: str) -> Any:
    """`Fn::GetAtt` from a model's attribute table; an unknown name is a template error."""
    if name not in values:
        raise UnformattedGetAttTemplateException()
    return values[name]
