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


import fixtures

from oslo_messaging_support import data as bundled
from oslo_messaging_support.engine import release_calendar
from oslo_messaging_support.engine import support
from oslo_messaging_support.readers import yamlfile
from tests import base

#: The logger the library writes to.
# oslo.log names the logger of package oslo_x 'oslo.x'.
LOGGER = 'oslo.messaging_support'


class HardeningTestCase(base.ServiceConfTestCase):
    """A service-shaped ``ConfigOpts``, a DEBUG capture, file counters."""

    def count_file_reads(self):
        """Record every YAML file the library reads, from a cold start.

        Forgets the bundled calendar too, so that its read is counted.

        :returns: the list the paths read are appended to
        """
        reads = []
        real = yamlfile.load_file
        real_bundled = bundled.load

        def load_file(path, *args, **kwargs):
            reads.append(str(path))
            return real(path, *args, **kwargs)

        def load_bundled(name):
            # the bundled files are read from their compiled form
            reads.append(bundled.path(name))
            return real_bundled(name)

        self.forget_calendar()
        self.useFixture(fixtures.MonkeyPatch(
            'oslo_messaging_support.readers.yamlfile.load_file', load_file))
        self.useFixture(fixtures.MonkeyPatch(
            'oslo_messaging_support.data.load', load_bundled))
        return reads

    def forget_calendar(self):
        """Start without the bundled calendar; start afresh after too."""
        def forget():
            release_calendar.bundled_calendar.cache_clear()
            support.POLICY.clear()
        forget()
        self.addCleanup(forget)
