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
"""A fixture for services' test suites: the policy in force for one test.

:class:`SupportPolicyFixture` clears every cache the library keeps for the
process (decisions, the manifest and calendar read, the installed entry
points and version, which drivers were already warned about, which
configurations were checked) before and after the test, can make the
library evaluate as another oslo.messaging release, and can
:func:`~oslo_messaging_support.enable` the policy on a configuration,
undone when the test ends::

    from oslo_messaging_support import fixture as support_fixture

    def setUp(self):
        super().setUp()
        self.useFixture(support_fixture.SupportPolicyFixture(
            conf=self.conf, installed_version='18.3.1'))
"""

import fixtures

from oslo_messaging_support.engine import installation
from oslo_messaging_support.engine import release_calendar
from oslo_messaging_support.engine import support
from oslo_messaging_support.engine import versions
from oslo_messaging_support.service import compiled_loads
from oslo_messaging_support.service import configuration
from oslo_messaging_support.service import transport


def clear_caches():
    """Forget everything the library remembers for the process.

    The next transport reads the installed oslo.messaging version and
    entry points (and whether each driver imports), the bundled data and
    the options again, and warns again about a driver it already warned
    about.
    """
    support.POLICY.clear()
    installation.clear()
    release_calendar.bundled_calendar.cache_clear()
    compiled_loads.clear()
    configuration.clear()
    transport.forget_reports()


class SupportPolicyFixture(fixtures.Fixture):
    """The policy for one test, with fresh caches before and after it.

    :param conf: a ``ConfigOpts`` to :func:`~oslo_messaging_support.enable`
        the policy on for the test (disabled again after it), or ``None``
        to leave enabling to the code under test
    :param installed_version: evaluate as if this oslo.messaging release
        were installed (``'18.3.1'``), or ``None`` for the installed one
    """

    def __init__(self, conf=None, installed_version=None):
        super().__init__()
        self.conf = conf
        self.installed_version = installed_version

    def _setUp(self):
        clear_caches()
        self.addCleanup(clear_caches)
        if self.installed_version is not None:
            previous = versions.evaluate_as(self.installed_version)
            self.addCleanup(versions.evaluate_as, previous)
        if self.conf is not None:
            self.addCleanup(transport.disable)
            transport.enable(self.conf)
