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
"""Run the command line in-process and read its tables."""

import os

from tests import base

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        'fixtures')

Output = base.Output


def fixture(name):
    """The path of a fixture configuration file."""
    return os.path.join(FIXTURES, name)


def parse_table(text):
    """A cliff table as ``(header, [row, ...])`` of stripped cells."""
    lines = [line for line in text.splitlines() if line.startswith('|')]
    cells = [[cell.strip() for cell in line.strip('|').split('|')]
             for line in lines]
    return cells[0], cells[1:]


class CommandTestCase(base.CommandTestCase):
    """A command test with the fixtures of this folder."""

    def assertNoSecret(self, output, *secrets):
        """None of ``secrets`` is in any output channel."""
        for secret in secrets:
            for text in output[1:]:
                self.assertNotIn(secret, str(text))
