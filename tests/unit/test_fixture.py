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
"""The public fixture a service's test suite uses."""

import warnings

from oslo_config import cfg
import oslo_messaging
import testtools

import oslo_messaging_support as oms
from oslo_messaging_support import fixture as support_fixture


class SupportPolicyFixtureTest(testtools.TestCase):
    """Used as a service's suite would, on a plain testtools test."""

    def make_conf(self):
        conf = cfg.ConfigOpts()
        conf([], project='service')
        return conf

    def test_enables_for_the_test_and_disables_after(self):
        conf = self.make_conf()
        # amqp is removed at 18.3.1 (14.x still ships it)
        policy = support_fixture.SupportPolicyFixture(
            conf=conf, installed_version='18.3.1')
        policy.setUp()
        try:
            self.assertTrue(oms.is_enabled())
            self.assertRaises(oms.UnsupportedDriver,
                              oslo_messaging.get_rpc_transport,
                              conf, 'amqp://h/')
        finally:
            policy.cleanUp()
        self.assertFalse(oms.is_enabled())

    def test_evaluates_as_the_given_release_then_as_installed(self):
        installed = oms.evaluate('rabbit').point.series
        with support_fixture.SupportPolicyFixture(
                installed_version='14.7.3'):
            self.assertEqual('caracal', oms.evaluate('rabbit').point
                             .series.name)
            # amqp still shipped in 14.x: deprecated, not removed
            self.assertEqual('deprecated', oms.evaluate('amqp').tier)
        self.assertEqual(installed, oms.evaluate('rabbit').point.series)

    def test_a_driver_warned_about_warns_again_in_the_next_test(self):
        conf = self.make_conf()

        def warnings_for_kafka():
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter('always')
                with support_fixture.SupportPolicyFixture(
                        installed_version='18.3.1'):
                    try:
                        oms.get_notification_transport(
                            conf, 'kafka://h/').cleanup()
                    except Exception as error:
                        # the warning comes first; confluent-kafka may
                        # be missing, which is not a refusal
                        self.assertNotIsInstance(error, oms.UnsupportedDriver)
            return [w for w in caught
                    if issubclass(w.category, oms.DriverSupportWarning)]

        self.assertEqual(1, len(warnings_for_kafka()))
        self.assertEqual(1, len(warnings_for_kafka()))
