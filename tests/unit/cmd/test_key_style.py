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
"""Every command's ``-f json`` uses one key style: its column names."""

import re

from tests.unit.cmd import base

#: cliff's column names: capitalized words ("Removal In", "URL").
KEY = re.compile(r'^[A-Z][A-Za-z]*( [A-Z][A-Za-z]*)*$')


def _keys(value):
    if isinstance(value, list):
        for item in value:
            yield from _keys(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _keys(item)


class TestKeyStyle(base.CommandTestCase):

    def keys(self, *argv):
        status, data, err = self.run_json(*argv)
        self.assertIn(status, (0, 1), err)
        self.assertTrue(data, argv)
        return set(_keys(data))

    def test_every_command_uses_the_column_style(self):
        commands = {
            'list': ('list', '--release', '2026.1'),
            'check': ('check', '--config-file', base.fixture('nova.conf'),
                      '--release', '2026.1'),
            'schedule': ('schedule', '--release', '2026.1'),
            'audit': ('audit', '--release', '2026.1', '--driver', 'kafka'),
        }
        found = {}
        for name, argv in commands.items():
            found[name] = self.keys(*argv)
            for key in found[name]:
                self.assertRegex(key, KEY, name)
        # The same fact has the same key across commands.
        self.assertIn('Driver', found['audit'])
        self.assertIn('Driver', found['check'])
        self.assertIn('Reason', found['audit'] & found['list'])
        self.assertIn('Policy Tier', found['audit'])
        self.assertIn('Criterion', found['audit'])
