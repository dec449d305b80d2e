"""
moto's CloudFormation does not evaluate `Fn::Cidr`.

`clean_json` (moto/cloudformation/parsing.py) passes `{"Fn::Cidr": [...]}` through as a dict,
so `Fn::Select: [0, !Cidr [...]]` indexes a dict and raises `KeyError: 0`: CreateStack answers
HTTP 500 and the stack is left with no resources.

The fix evaluates `Fn::Cidr: [ipBlock, count, cidrBits]` as CloudFormation does: `count`
consecutive blocks of `cidrBits` host bits carved from the start of `ipBlock`, IPv4 or IPv6
(https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-cidr.html).
Upstream, this is one more branch in `clean_json`.
"""

from __future__ import annotations

import ipaddress
import itertools
from typing import Any

from moto.cloudformation import parsing

NAME = "fn_cidr"
SUMMARY = "Fn::Cidr is evaluated (moto passes it through, so Fn::Select over it raises KeyError: 0)"


def cidr(ip_block: str, count: int, cidr_bits: int) -> list[str]:
    """The first `count` blocks with `cidr_bits` host bits inside `ip_block`."""
    network = ipaddress.ip_network(str(ip_block), strict=False)
    prefix = network.max_prefixlen - int(cidr_bits)
    if prefix < network.prefixlen:
        raise parsing.ValidationError(
            message=f"Template error: Fn::Cidr cannot carve /{prefix} blocks out of {network}"
        )
    blocks = network.subnets(new_prefix=prefix)
    return [str(b) for b in itertools.islice(blocks, int(count))]


def apply() -> None:
    original = parsing.clean_json
    if getattr(original, "_fn_cidr", False):
        return

    def clean_json(resource_json: Any, resources_map: Any) -> Any:
        if isinstance(resource_json, dict) and "Fn::Cidr" in resource_json:
            ip_block, count, cidr_bits = (
                parsing.clean_json(arg, resources_map) for arg in resource_json["Fn::Cidr"]
            )
            return cidr(ip_block, count, cidr_bits)
        return original(resource_json, resources_map)

    clean_json._fn_cidr = True  # type: ignore[attr-defined]
    parsing.clean_json = clean_json
