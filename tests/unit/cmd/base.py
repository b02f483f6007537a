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

import collections
import io
import json
import os

import fixtures

from oslo_messaging_support.cmd import main
from tests import base

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        'fixtures')

Output = collections.namedtuple('Output', 'status stdout stderr')


def fixture(name):
    """The path of a fixture configuration file."""
    return os.path.join(FIXTURES, name)


def parse_table(text):
    """A cliff table as ``(header, [row, ...])`` of stripped cells."""
    lines = [line for line in text.splitlines() if line.startswith('|')]
    cells = [[cell.strip() for cell in line.strip('|').split('|')]
             for line in lines]
    return cells[0], cells[1:]


class CommandTestCase(base.TestCase):
    """A test that runs ``oslo-messaging-support`` in-process."""

    def run_cli(self, *argv):
        """Run the command line; an :data:`Output`."""
        stdout = io.StringIO()
        stderr = io.StringIO()
        self.useFixture(fixtures.MonkeyPatch('sys.stdout', stdout))
        self.useFixture(fixtures.MonkeyPatch('sys.stderr', stderr))
        status = main.main(list(argv))
        return Output(status, stdout.getvalue(), stderr.getvalue())

    def run_json(self, *argv):
        """Run with ``-f json``: ``(status, parsed output, stderr)``."""
        output = self.run_cli(*(argv + ('-f', 'json')))
        data = json.loads(output.stdout) if output.stdout.strip() else None
        return output.status, data, output.stderr

    def assertOneLineError(self, output, *fragments):
        """Exit status 2, one line on stderr holding every fragment."""
        self.assertEqual(2, output.status, output)
        self.assertEqual('', output.stdout)
        lines = output.stderr.splitlines()
        self.assertEqual(1, len(lines), output.stderr)
        self.assertNotIn('Traceback', output.stderr)
        for fragment in fragments:
            self.assertIn(fragment, lines[0])

    def assertNoSecret(self, output, *secrets):
        """None of ``secrets`` is in any output channel."""
        for secret in secrets:
            for text in output[1:]:
                self.assertNotIn(secret, str(text))
