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
"""What the hardening tests share: a service conf, overlays, private
drivers, and counting the files the library reads."""

import logging
import sys

import fixtures
from oslo_config import cfg

from oslo_messaging_support import _calendar
from oslo_messaging_support import _entrypoints
from oslo_messaging_support import _evaluate
from oslo_messaging_support import _notices
from oslo_messaging_support import _yamlfile
from oslo_messaging_support import opts
from tests import base
from tests import fixtures_support

#: The logger the library writes to.
# oslo.log names the logger of package oslo_x 'oslo.x'.
LOGGER = 'oslo.messaging_support'


class HardeningTestCase(base.TestCase):
    """A service-shaped ``ConfigOpts`` and a DEBUG capture of our log."""

    def setUp(self):
        super().setUp()
        _notices.reset()
        self.addCleanup(_notices.reset)
        self.conf = cfg.ConfigOpts()
        self.conf([], project='hardening')
        opts.register_opts(self.conf)
        self.log = self.useFixture(fixtures.FakeLogger(
            name=LOGGER, level=logging.DEBUG,
            format='%(levelname)s %(message)s'))

    def set(self, name, value, group=opts.GROUP):
        self.conf.set_override(name, value, group)

    def overlay(self, text, name='overlay.yaml'):
        """Write an overlay and name it in the conf; its path."""
        path = self.write_file(name, text)
        self.set('manifest_overlay', path)
        return path

    def install_private_driver(self, name='private'):
        """A private driver installed as a real distribution."""
        path = fixtures_support.make_private_driver(self.tempdir, name=name)
        self.useFixture(fixtures.MonkeyPatch('sys.path',
                                             [path] + sys.path))
        # stevedore keeps the namespace per process, and so do we
        self.useFixture(fixtures.MonkeyPatch(
            'stevedore.extension.ExtensionManager.ENTRY_POINT_CACHE', {}))
        _entrypoints.TABLE.clear()
        self.addCleanup(_entrypoints.TABLE.clear)

    def count_file_reads(self):
        """Record every YAML file the library reads, from a cold start.

        Forgets the bundled calendar too, so that its read is counted.

        :returns: the list the paths read are appended to
        """
        reads = []
        real = _yamlfile.load_file

        def load_file(path):
            reads.append(str(path))
            return real(path)

        self.forget_calendar()
        self.useFixture(fixtures.MonkeyPatch(
            'oslo_messaging_support._yamlfile.load_file', load_file))
        return reads

    def forget_calendar(self):
        """Start without the bundled calendar; start afresh after too."""
        def forget():
            _calendar.bundled_calendar.cache_clear()
            _evaluate.POLICY._calendar = None
            _evaluate._default_point_for.cache_clear()
        forget()
        self.addCleanup(forget)
