# Licensed under the Apache License, Version 2.0 (the "License"); you may
# not use this file except in compliance with the License. You may obtain
# a copy of the License at
#
#      http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS, WITHOUT
# WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the
# License for the specific language governing permissions and limitations
# under the License.
"""The public names: lazy at run time, visible to static tools."""

import ast
import importlib
import inspect

import testtools

import oslo_messaging_support as oms


class PublicNamesTest(testtools.TestCase):

    def test_static_tools_see_every_public_name_where_it_is_defined(self):
        """The TYPE_CHECKING imports name what __getattr__ resolves."""
        tree = ast.parse(inspect.getsource(oms))
        static = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and 'TYPE_CHECKING' in ast.dump(
                    node.test):
                for statement in node.body:
                    for alias in statement.names:
                        static[alias.name] = statement.module
        self.assertEqual(set(oms._EXPORTS), set(static))
        for name, module in static.items():
            self.assertEqual('oslo_messaging_support.' + oms._EXPORTS[name],
                             module, name)

    def test_every_public_name_resolves(self):
        for name in oms.__all__:
            value = getattr(oms, name)
            if name != '__version__':
                module = importlib.import_module(
                    'oslo_messaging_support.' + oms._EXPORTS[name])
                self.assertIs(getattr(module, name), value, name)
