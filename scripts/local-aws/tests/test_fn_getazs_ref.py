import unittest

from helpers import StackTest
from patches import fn_getazs_ref


class FnGetAZsTest(StackTest):
    def setUp(self) -> None:
        fn_getazs_ref.apply()
        super().setUp()

    def test_the_region_given_by_ref_is_evaluated(self) -> None:
        template = {
            "Resources": {"Topic": {"Type": "AWS::SNS::Topic"}},
            "Outputs": {
                "First": {"Value": {"Fn::Select": [0, {"Fn::GetAZs": {"Ref": "AWS::Region"}}]}},
                "Empty": {"Value": {"Fn::Select": [1, {"Fn::GetAZs": ""}]}},
            },
        }
        self.create("azs", template)
        self.assertEqual(self.outputs("azs"), {"First": "us-east-1a", "Empty": "us-east-1b"})


if __name__ == "__main__":
    unittest.main()
