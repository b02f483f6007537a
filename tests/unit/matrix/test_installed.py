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
"""What the installed oslo.messaging is, and what the policy makes of it.

These tests read the installed oslo.messaging, so they run in the tox
environments of the oslo.messaging matrix (``om-lower``, ``om-caracal``,
``om-epoxy``, ``om-flamingo``, ``om-gazpacho``, ``om-hibiscus``), each of
which pins one
release and names its series in ``OSLO_MESSAGING_SUPPORT_SERIES``; anywhere
else they skip, saying so.  The rest of the suite evaluates as
:data:`tests.base.EVALUATED_VERSION` whatever is installed.
"""

from importlib import metadata
import os
import warnings

import oslo_messaging
import yaml

import oslo_messaging_support
from oslo_messaging_support.engine import support
from tests import base

#: The known versions and series, and the amqp driver per series.
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                    'series.yaml')

#: The environment variable a matrix environment sets to its series.
SERIES_VARIABLE = 'OSLO_MESSAGING_SUPPORT_SERIES'

#: The real amqp driver's entry point, as oslo.messaging shipped it.
AMQP_TARGET = 'oslo_messaging._drivers.impl_amqp1:ProtonDriver'


def known():
    """The test data: ``{'versions': {...}, 'amqp': {...}}``."""
    with open(DATA, encoding='utf-8') as stream:
        data = yaml.safe_load(stream)
    data['versions'] = {str(key): value
                        for key, value in data['versions'].items()}
    return data


class MatrixTestCase(base.ServiceConfTestCase):
    """A test of the installed oslo.messaging, in its matrix environment."""

    EVALUATE_AS_INSTALLED = True

    def setUp(self):
        super().setUp()
        self.series = os.environ.get(SERIES_VARIABLE)
        if not self.series:
            self.skipTest('runs in the oslo.messaging matrix environments '
                          '(tox -e om-lower, om-caracal, om-epoxy, '
                          'om-flamingo, om-gazpacho, om-hibiscus), which '
                          'set %s'
                          % SERIES_VARIABLE)
        self.data = known()
        self.version = metadata.version('oslo.messaging')
        self.policy = support.POLICY


class TestInstalledSeries(MatrixTestCase):

    def test_the_environment_installed_a_known_release(self):
        self.assertIn(self.version, self.data['versions'],
                      'tox/constraints pins a release the test data '
                      'does not know')
        self.assertEqual(self.series, self.data['versions'][self.version])

    def test_the_calendar_maps_the_installed_version(self):
        expected = self.data['versions'][self.version]
        self.assertEqual(expected,
                         self.policy.calendar.for_version(self.version).name)

    def test_the_default_evaluation_point_is_that_series(self):
        self.assertEqual(self.series, self.policy.point().series.name)


class TestRealAmqpDriver(MatrixTestCase):
    """amqp: shipped until 14.x and deprecated in bobcat, gone in 15.0.0."""

    def setUp(self):
        super().setUp()
        self.expected = self.data['amqp'][self.series]

    def test_entry_point(self):
        shipped = [item for item in self.policy.entry_points.get('amqp')
                   if item.distribution == 'oslo.messaging']
        if self.expected['shipped']:
            self.assertEqual([AMQP_TARGET], [item.target
                                             for item in shipped])
        else:
            self.assertEqual([], shipped)

    def test_decision(self):
        decision = self.policy.decide('amqp')
        self.assertEqual(self.expected['action'], str(decision.action))

    def test_enable(self):
        """A service's amqp:// transport under enable(), the real driver."""
        oslo_messaging_support.enable(self.conf)
        self.addCleanup(oslo_messaging_support.disable)
        action = self.expected['action']
        if action == 'refuse':
            self.assertRaises(oslo_messaging_support.UnsupportedDriver,
                              oslo_messaging.get_rpc_transport, self.conf,
                              'amqp://u:p@127.0.0.1:5672/')
            return
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter('always')
            try:
                transport = oslo_messaging.get_rpc_transport(
                    self.conf, 'amqp://u:p@127.0.0.1:5672/')
            except (oslo_messaging.DriverLoadFailure, ImportError) as exc:
                # The genuine driver needs python-qpid-proton and pyngus
                # (oslo.messaging's [amqp1] extra); without them it fails
                # to load after the policy decided and warned.
                self.addDetail('driver', self._text(
                    'the real driver did not load: %s' % exc))
            else:
                self.addCleanup(transport.cleanup)
        notices = [item for item in caught if issubclass(
            item.category, oslo_messaging_support.DriverSupportWarning)]
        if action == 'warn':
            self.assertEqual(1, len(notices), [str(item.message)
                                               for item in caught])
            self.assertIn('amqp', str(notices[0].message))
        else:
            self.assertEqual([], notices)

    @staticmethod
    def _text(text):
        from testtools import content
        return content.text_content(text)
