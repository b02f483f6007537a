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

import os
from unittest import mock
import warnings

import oslo_messaging
from oslo_messaging import transport as om_transport

import oslo_messaging_support as oms
from oslo_messaging_support.engine import entrypoints
from tests import base
from tests import fixtures_support

PASSWORD = 'p@ss:w/rd%?#'
SECRET_URL = 'mydriver://nova:%s@host1:5672,nova:%s@host2/vhost' % (
    'p%40ss%3Aw%2Frd%25%3F%23', 'p%40ss%3Aw%2Frd%25%3F%23')


class LoaderTestCase(base.ServiceConfTestCase):
    """Transports created with a service's own configuration."""


class DropInTest(LoaderTestCase):
    """Same signatures and return values as oslo.messaging."""

    def test_rpc_transport_is_oslo_messagings_own(self):
        transport = oms.get_rpc_transport(self.conf, 'fake://')
        self.addCleanup(transport.cleanup)
        self.assertIs(om_transport.RPCTransport, type(transport))

    def test_notification_transport(self):
        transport = oms.get_notification_transport(self.conf, 'fake://')
        self.addCleanup(transport.cleanup)
        self.assertIs(om_transport.NotificationTransport, type(transport))

    def test_signatures_match(self):
        import inspect
        for ours, theirs in ((oms.get_rpc_transport,
                              oslo_messaging.get_rpc_transport),
                             (oms.get_notification_transport,
                              oslo_messaging.get_notification_transport)):
            self.assertEqual(
                list(inspect.signature(theirs).parameters),
                list(inspect.signature(ours).parameters))

    def test_url_from_configuration(self):
        """No URL: [DEFAULT] transport_url, as oslo.messaging does."""
        self.conf.register_opts(om_transport._transport_opts)
        self.conf.set_override('transport_url', 'amqp://h/')
        self.assertRaises(oms.UnsupportedDriver, oms.get_rpc_transport,
                          self.conf)

    def test_notifications_url_then_default(self):
        """[oslo_messaging_notifications] first, then [DEFAULT]."""
        self.conf.register_opts(om_transport._transport_opts)
        self.conf.set_override('transport_url', 'fake://')
        transport = oms.get_notification_transport(self.conf)
        self.addCleanup(transport.cleanup)
        self.conf.set_override('transport_url', 'zmq://h/',
                               group='oslo_messaging_notifications')
        error = self.assertRaises(oms.UnsupportedDriver,
                                  oms.get_notification_transport, self.conf)
        self.assertIn('zmq', str(error))

    def test_kombu_alias_passes(self):
        """kombu:// is rabbit's alias: created without a warning."""
        transport, caught = self.create(oms.get_rpc_transport,
                                        'kombu://guest:guest@127.0.0.1/')
        self.assertIs(om_transport.RPCTransport, type(transport))
        self.assertEqual([], caught)

    def test_transport_url_object_accepted(self):
        url = oslo_messaging.TransportURL.parse(self.conf, 'fake://')
        transport = oms.get_rpc_transport(self.conf, url)
        self.addCleanup(transport.cleanup)
        self.assertIs(om_transport.RPCTransport, type(transport))

    def test_deprecated_get_transport(self):
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            transport = oms.get_transport(self.conf, 'fake://')
        self.addCleanup(transport.cleanup)
        self.assertIsInstance(transport, om_transport.Transport)
        self.assertRaises(oms.UnsupportedDriver, oms.get_transport,
                          self.conf, 'qpid://h/')

    def test_invalid_url(self):
        self.assertRaises(oslo_messaging.InvalidTransportURL,
                          oms.get_rpc_transport, self.conf, 'no-scheme')


class RefusalTest(LoaderTestCase):
    """Refusals happen before the driver is loaded."""

    def test_before_the_driver_is_instantiated(self):
        with mock.patch('stevedore.driver.DriverManager') as manager:
            error = self.assertRaises(oms.UnsupportedDriver,
                                      oms.get_rpc_transport, self.conf,
                                      'amqp://guest:guest@127.0.0.1/')
        manager.assert_not_called()
        self.assertIsInstance(error, oslo_messaging.DriverLoadFailure)
        self.assertEqual('amqp', error.driver)

    def test_removed_driver_message(self):
        self.set('evaluation_release', '2025.1')
        error = self.assertRaises(oms.UnsupportedDriver,
                                  oms.get_rpc_transport, self.conf,
                                  'amqp://h/')
        message = str(error)
        self.assertIn('amqp', message)
        self.assertIn('removed', message)
        self.assertIn('epoxy (2025.1)', message)
        self.assertIn('Use RabbitMQ or Kafka instead', message)
        self.assertEqual('removed', error.decision.tier)

    def test_unknown_driver_names_the_option(self):
        error = self.assertRaises(oms.UnsupportedDriver,
                                  oms.get_rpc_transport, self.conf,
                                  'mydriver://h/')
        self.assertIn('[oslo_messaging_support] allowed_drivers = mydriver',
                      str(error))
        self.assertIn('allow_unsupported_drivers = True', str(error))

    def test_kafka_for_rpc(self):
        error = self.assertRaises(oms.UnsupportedDriver,
                                  oms.get_rpc_transport, self.conf,
                                  'kafka://localhost:9092/')
        self.assertIn('cannot carry RPC', str(error))

    def test_url_cannot_change_the_policy(self):
        """The query string and host are data, not configuration."""
        for url in ('mydriver://h/?allow_unsupported_drivers=true',
                    'mydriver://h/?allowed_drivers=mydriver',
                    'amqp://allow_unsupported_drivers:true@h/'):
            self.assertRaises(oms.UnsupportedDriver, oms.get_rpc_transport,
                              self.conf, url)

    def test_refusal_is_logged_without_password(self):
        error = self.assertRaises(oms.UnsupportedDriver,
                                  oms.get_rpc_transport, self.conf,
                                  SECRET_URL)
        for text in (str(error), repr(error), self.log.output,
                     str(error.args)):
            self.assertNotIn(PASSWORD, text)
            self.assertNotIn('p%40ss', text)
        self.assertIn('(transport URL mydriver://nova:***@host1:5672,'
                      'nova:***@host2/vhost, at series ',
                      self.log.output)
        self.assertIn("ERROR Refusing transport driver 'mydriver': it is "
                      'not a driver of the support manifest',
                      self.log.output)

    def test_broken_overlay_refuses_nothing_silently(self):
        self.overlay('drivers: [not, a, mapping]\n')
        self.assertRaises(oms.ManifestError, oms.get_rpc_transport,
                          self.conf, 'fake://')


class OverrideTest(LoaderTestCase):
    """Operator overrides from the service's own configuration."""

    def setUp(self):
        super().setUp()
        self.install_private_driver()

    def test_private_driver_refused_by_default(self):
        self.assertRaises(oms.UnsupportedDriver, oms.get_rpc_transport,
                          self.conf, 'private://')

    def test_per_driver_override(self):
        self.set('allowed_drivers', ['private'])
        transport, caught = self.create(oms.get_rpc_transport, 'private://')
        self.assertIs(om_transport.RPCTransport, type(transport))
        self.assertEqual([oms.UnsupportedDriverAllowedWarning],
                         [w.category for w in caught])
        self.assertIn("Transport driver 'private' is not a driver of the "
                      "support manifest", self.log.output)
        self.assertIn('It loads only because [oslo_messaging_support] '
                      'allowed_drivers names it.', self.log.output)
        # the door opens for that driver only
        self.assertRaises(oms.UnsupportedDriver, oms.get_rpc_transport,
                          self.conf, 'mydriver://')

    def test_global_override(self):
        self.set('allow_unsupported_drivers', True)
        transport, _ = self.create(oms.get_rpc_transport, 'private://')
        self.assertIs(om_transport.RPCTransport, type(transport))

    def test_strict_mode(self):
        self.overlay(fixtures_support.FAKE_DEPRECATED)
        self.set('strict_mode', True)
        error = self.assertRaises(oms.UnsupportedDriver,
                                  oms.get_rpc_transport, self.conf,
                                  'fake://')
        self.assertIn('strict_mode', str(error))
        self.set('allowed_drivers', ['fake'])
        transport, caught = self.create(oms.get_rpc_transport, 'fake://')
        self.assertEqual([oms.DeprecatedDriverWarning],
                         [w.category for w in caught])

    def test_foreign_rabbit_names_both_targets(self):
        fixtures_support.make_private_driver(
            self.tempdir, name='rabbit', distribution='rabbit-fork',
            target='oslo_messaging._drivers.impl_fake:FakeDriver')
        entrypoints.TABLE.clear()
        error = self.assertRaises(oms.UnsupportedDriver,
                                  oms.get_rpc_transport, self.conf,
                                  'rabbit://h/')
        message = str(error)
        self.assertIn('rabbit-fork', message)
        self.assertIn('oslo_messaging._drivers.impl_fake:FakeDriver',
                      message)
        self.assertIn('oslo_messaging._drivers.impl_rabbit:RabbitDriver',
                      message)


class WarningTest(LoaderTestCase):
    """Deprecated and prospective drivers warn once, in two channels."""

    def test_deprecated_warning_and_log_line(self):
        self.overlay(fixtures_support.FAKE_DEPRECATED)
        filters = list(warnings.filters)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter('always')
            transport = oms.get_rpc_transport(self.conf, 'fake://')
        self.addCleanup(transport.cleanup)
        self.assertEqual(1, len(caught))
        warning = caught[0]
        self.assertTrue(issubclass(warning.category, DeprecationWarning))
        self.assertIs(oms.DeprecatedDriverWarning, warning.category)
        text = str(warning.message)
        for fragment in ("'fake'", 'deprecated', 'flamingo (2025.2)',
                         'hibiscus (2026.2)', 'Use rabbit instead'):
            self.assertIn(fragment, text)
            self.assertIn(fragment, self.log.output)
        # the warning points at the code that created the transport
        self.assertEqual(os.path.abspath(__file__),
                         os.path.abspath(warning.filename))
        self.assertEqual(filters, warnings.filters)

    def test_once_per_driver_per_process(self):
        self.overlay(fixtures_support.FAKE_DEPRECATED)
        _, first = self.create(oms.get_rpc_transport, 'fake://')
        _, second = self.create(oms.get_notification_transport, 'fake://')
        _, third = self.create(oms.get_rpc_transport, 'fake://')
        self.assertEqual(1, len(first))
        self.assertEqual([], second + third)
        # the driver's warning, and the overlay's change of its tier
        self.assertEqual(2, self.log.output.count('WARNING '))
        self.assertEqual(1, self.log.output.count(
            'WARNING fake goes from testing to deprecated by the overlay'))

    def test_prospective_names_its_deadline(self):
        self.overlay(fixtures_support.FAKE_PROSPECTIVE)
        _, caught = self.create(oms.get_rpc_transport, 'fake://')
        self.assertEqual([oms.ProspectiveDriverWarning],
                         [w.category for w in caught])
        # 2026-10-15 is in indri's cycle: the first full cycle after it
        # is 2027.2, whose release date is an estimate past the calendar.
        self.assertIn('deadline is 2027-09-22', str(caught[0].message))
        self.assertIn('estimated', str(caught[0].message))
        self.assertIn('prospective', self.log.output)

    def test_error_filter_makes_it_fatal(self):
        """Test suites running with -W error catch the warning."""
        self.overlay(fixtures_support.FAKE_DEPRECATED)
        with warnings.catch_warnings():
            warnings.simplefilter('error', DeprecationWarning)
            self.assertRaises(oms.DeprecatedDriverWarning,
                              oms.get_rpc_transport, self.conf, 'fake://')

    def test_supported_is_silent(self):
        _, caught = self.create(oms.get_rpc_transport, 'fake://')
        self.assertEqual([], caught)
        self.assertNotIn('WARNING ', self.log.output)

    def test_overlay_removed_after_start(self):
        """Transports keep working; the next creation is a clear error."""
        self.overlay(fixtures_support.FAKE_DEPRECATED)
        transport, _ = self.create(oms.get_rpc_transport, 'fake://')
        os.unlink(self.conf.oslo_messaging_support.manifest_overlay)
        error = self.assertRaises(oms.ManifestError, oms.get_rpc_transport,
                                  self.conf, 'fake://')
        self.assertIn('overlay.yaml', str(error))
        client = oslo_messaging.get_rpc_client(
            transport, oslo_messaging.Target(topic='t'))
        self.assertIsNotNone(client)
