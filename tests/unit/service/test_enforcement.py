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

import subprocess
import sys
import threading
import warnings

from oslo_config import cfg
import oslo_messaging
from oslo_messaging import transport as om_transport

import oslo_messaging_support as oms
from oslo_messaging_support import opts
from oslo_messaging_support.service import transport
from tests import base
from tests import fixtures_support


class EnableTest(base.TestCase):
    """enable(conf) checks every transport; disable() undoes it."""

    def setUp(self):
        super().setUp()
        transport.forget_reports()
        self.addCleanup(transport.forget_reports)
        self.original = om_transport._get_transport
        self.addCleanup(oms.disable)
        self.conf = cfg.ConfigOpts()
        self.conf([], project='test')

    def test_nothing_patched_at_import(self):
        code = ('import oslo_messaging.transport as t; f = t._get_transport;'
                ' import oslo_messaging_support as m; m.get_rpc_transport;'
                ' m.enable; print(t._get_transport is f)')
        result = subprocess.run([sys.executable, '-W', 'ignore', '-c', code],
                                capture_output=True, text=True, timeout=120)
        self.assertEqual('True', result.stdout.strip(), result.stderr)

    def test_plain_oslo_messaging_calls_are_checked(self):
        oms.enable(self.conf)
        self.assertTrue(oms.is_enabled())
        for factory in (oslo_messaging.get_rpc_transport,
                        oslo_messaging.get_notification_transport):
            error = self.assertRaises(oms.UnsupportedDriver, factory,
                                      self.conf, 'zmq://h/')
            self.assertIn('stein', str(error))
        error = self.assertRaises(oms.UnsupportedDriver,
                                  oslo_messaging.get_rpc_transport,
                                  self.conf, 'kafka://h/')
        self.assertIn('cannot carry RPC', str(error))
        transport = oslo_messaging.get_rpc_transport(self.conf, 'fake://')
        self.addCleanup(transport.cleanup)
        self.assertIs(om_transport.RPCTransport, type(transport))

    def test_disable_restores_the_original(self):
        oms.enable(self.conf)
        oms.disable()
        self.assertFalse(oms.is_enabled())
        self.assertIs(self.original, om_transport._get_transport)
        error = self.assertRaises(oslo_messaging.DriverLoadFailure,
                                  oslo_messaging.get_rpc_transport,
                                  self.conf, 'zmq://h/')
        self.assertNotIsInstance(error, oms.UnsupportedDriver)

    def test_idempotent(self):
        oms.enable(self.conf)
        patched = om_transport._get_transport
        oms.enable(self.conf)
        self.assertIs(patched, om_transport._get_transport)
        oms.disable()
        oms.disable()
        self.assertIs(self.original, om_transport._get_transport)

    def test_settings_come_from_the_enabled_conf(self):
        opts.register_opts(self.conf)
        self.conf.set_override('allowed_drivers', ['fake'],
                               'oslo_messaging_support')
        self.conf.set_override('strict_mode', True, 'oslo_messaging_support')
        self.conf.set_override(
            'manifest_overlay',
            self.write_file('o.yaml', fixtures_support.FAKE_DEPRECATED),
            'oslo_messaging_support')
        oms.enable(self.conf)
        other = cfg.ConfigOpts()
        other([], project='library')
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter('always')
            transport = oslo_messaging.get_notification_transport(
                other, 'fake://')
        self.addCleanup(transport.cleanup)
        self.assertEqual([oms.DeprecatedDriverWarning],
                         [w.category for w in caught])

    def test_broken_overlay_fails_at_enable(self):
        opts.register_opts(self.conf)
        self.conf.set_override('manifest_overlay',
                               self.write_file('o.yaml', '- no\n'),
                               'oslo_messaging_support')
        self.assertRaises(oms.ManifestError, oms.enable, self.conf)
        self.assertFalse(oms.is_enabled())

    def test_drop_in_loader_checks_once_when_enabled(self):
        opts.register_opts(self.conf)
        self.conf.set_override(
            'manifest_overlay',
            self.write_file('o.yaml', fixtures_support.FAKE_DEPRECATED),
            'oslo_messaging_support')
        oms.enable(self.conf)
        calls = []
        real = oms.SupportPolicy.decide

        def counting(policy, *args, **kwargs):
            calls.append(args[0])
            return real(policy, *args, **kwargs)

        self.useFixture(__import__('fixtures').MonkeyPatch(
            'oslo_messaging_support.SupportPolicy.decide', counting))
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            transport = oms.get_rpc_transport(self.conf, 'fake://')
        self.addCleanup(transport.cleanup)
        self.assertEqual(['fake'], calls)

    def test_concurrent_enable_disable(self):
        """Threads racing enable and disable leave a consistent state."""
        errors = []

        def flip(n):
            try:
                for _ in range(50):
                    oms.enable(self.conf) if n % 2 else oms.disable()
            except Exception as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [threading.Thread(target=flip, args=(n,))
                   for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual([], errors)
        oms.disable()
        self.assertIs(self.original, om_transport._get_transport)


#: amqp revived by an overlay: removed in the bundled manifest.
AMQP_REVIVED = """
drivers:
  amqp:
    lifecycle:
      - {series: juno, status: supported}
"""

#: fake removed in a series after the installed one.
FAKE_REMOVED_LATER = """
drivers:
  fake:
    lifecycle:
      - {series: icehouse, status: supported}
      - {series: 2026.2, status: deprecated}
      - {series: 2027.2, status: removed}
"""


class RuntimeReleaseTest(base.ServiceConfTestCase):
    """evaluation_release looks ahead, never behind, inside a service."""

    def setUp(self):
        super().setUp()
        self.addCleanup(oms.disable)

    def test_an_old_release_cannot_open_the_gate(self):
        for release, strict, url in (('2023.1', False, 'amqp://h/'),
                                     ('liberty', True, 'zmq://h/'),
                                     ('liberty', True, 'qpid://h/')):
            self.set('evaluation_release', release)
            self.set('strict_mode', strict)
            error = self.assertRaises(oms.UnsupportedDriver,
                                      oms.get_rpc_transport, self.conf, url)
            self.assertEqual('removed', error.decision.tier)
            oms.enable(self.conf)
            self.assertRaises(oms.UnsupportedDriver,
                              oslo_messaging.get_rpc_transport, self.conf,
                              url)
            oms.disable()
        self.assertIn('is older than the installed oslo.messaging',
                      self.log.output)

    def test_a_later_release_applies(self):
        self.overlay(FAKE_REMOVED_LATER)
        self.create(oms.get_rpc_transport, 'fake://')
        self.set('evaluation_release', '2027.2')
        error = self.assertRaises(oms.UnsupportedDriver,
                                  oms.get_rpc_transport, self.conf,
                                  'fake://')
        self.assertEqual('removed', error.decision.tier)

    def test_garbage_release_stops_enable(self):
        self.set('evaluation_release', 'zebra\nTraceback')
        error = self.assertRaises(oms.CalendarError, oms.enable, self.conf)
        self.assertIn('[oslo_messaging_support] evaluation_release',
                      str(error))
        self.assertEqual(1, len(str(error).splitlines()))
        self.assertFalse(oms.is_enabled())


class OverlayChangeTest(base.ServiceConfTestCase):
    """An overlay that changes a bundled tier says so at enable()."""

    def setUp(self):
        super().setUp()
        self.addCleanup(oms.disable)

    def test_revival_is_logged(self):
        path = self.overlay(AMQP_REVIVED)
        oms.enable(self.conf)
        lines = [line for line in self.log.output.splitlines()
                 if line.startswith('WARNING ')]
        self.assertEqual(['WARNING amqp goes from removed to supported by '
                          'the overlay at %s.' % path], lines)

    def test_an_overlay_that_changes_no_tier_is_quiet(self):
        self.overlay('drivers:\n  fake:\n    replacement: rabbit\n')
        oms.enable(self.conf)
        self.assertNotIn('WARNING', self.log.output)
