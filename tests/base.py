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
"""Shared test base: fresh policy caches for every test, temp files."""

import os
import textwrap

import fixtures
import testtools

from oslo_messaging_support import _evaluate


class TestCase(testtools.TestCase):
    """A test that starts with empty process-wide caches."""

    def setUp(self):
        super().setUp()
        _evaluate.POLICY.clear()
        self.addCleanup(_evaluate.POLICY.clear)
        self.tempdir = self.useFixture(fixtures.TempDir()).path
        # The library's log lines, kept with the test's details.
        self.useFixture(fixtures.FakeLogger(name='oslo.messaging_support',
                                            format='%(levelname)s '
                                                   '%(message)s'))

    def write_file(self, name, text):
        """Write ``text`` (dedented) to ``name`` in a temp dir; its path."""
        path = os.path.join(self.tempdir, name)
        with open(path, 'w', encoding='utf-8') as stream:
            stream.write(textwrap.dedent(text))
        return path
