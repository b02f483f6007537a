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
import sys

import fixtures

from oslo_messaging_support import _support_policy
from tests import base
from tests import fixtures_support

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

    def install_driver(self, name, target=fixtures_support.FAKE_TARGET):
        """Register a driver called ``name`` for this test only.

        As ``pip install`` of a package with an ``oslo.messaging.drivers``
        entry point would (see
        :func:`tests.fixtures_support.make_private_driver`), so that
        ``check`` finds it installed whatever oslo.messaging ships.

        :param target: its ``module:Class``; the policy compares it with
            the manifest's entry point
        """
        installed = _support_policy.POLICY.entry_points.get(name)
        if any(item.target == target for item in installed):
            return  # oslo.messaging ships it (amqp up to 14.x)
        directory = os.path.join(self.tempdir, 'site-%s' % name)
        fixtures_support.make_private_driver(
            directory, name=name, target=target,
            distribution='test-driver-%s' % name)
        self.useFixture(fixtures.MonkeyPatch('sys.path',
                                             [directory] + sys.path))
        self.useFixture(fixtures.MonkeyPatch(
            'stevedore.extension.ExtensionManager.ENTRY_POINT_CACHE', {}))
        _support_policy.POLICY.entry_points.clear()
        self.addCleanup(_support_policy.POLICY.entry_points.clear)

    def assertNoSecret(self, output, *secrets):
        """None of ``secrets`` is in any output channel."""
        for secret in secrets:
            for text in output[1:]:
                self.assertNotIn(secret, str(text))
