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
"""The overlay breaks after start-up: what exists keeps working, the next
creation fails clearly, and a refusal never turns into a silent load."""

import os
import time
import warnings

import fixtures
import oslo_messaging
from oslo_messaging import conffixture
from oslo_messaging import transport as om_transport

import oslo_messaging_support as oms
from tests import fixtures_support
from tests.unit.hardening import base

#: An overlay that refuses the fake driver (removed in 2024.1).
FAKE_REMOVED = """
drivers:
  fake:
    lifecycle:
      - {series: icehouse, status: supported}
      - {series: 2023.1, status: deprecated}
      - {series: 2024.1, status: removed}
"""


def replace(path, text):
    """Rewrite ``path`` as an editor or a config manager would."""
    with open(path, 'w', encoding='utf-8') as stream:
        stream.write(text)
    stamp = time.time() + 5
    os.utime(path, (stamp, stamp))


class FailSafeTest(base.HardeningTestCase):

    def setUp(self):
        super().setUp()
        self.path = self.overlay(fixtures_support.FAKE_DEPRECATED)
        # an RPC server needs every oslo.messaging option on this conf
        self.useFixture(conffixture.ConfFixture(self.conf))

    def create(self, factory=None):
        factory = factory or oms.get_rpc_transport
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            transport = factory(self.conf, 'fake://')
        self.addCleanup(transport.cleanup)
        return transport

    def assertStillWorks(self, transport):
        target = oslo_messaging.Target(topic='failsafe', server='s')

        class Endpoint:
            def ping(self, ctxt):
                return 'pong'

        server = oslo_messaging.get_rpc_server(transport, target,
                                               [Endpoint()])
        server.start()
        try:
            client = oslo_messaging.get_rpc_client(
                transport, oslo_messaging.Target(topic='failsafe'),
                timeout=10)
            self.assertEqual('pong', client.call({}, 'ping'))
        finally:
            server.stop()
            server.wait()

    def check_garbage(self, factory=None):
        transport = self.create(factory)
        garbage = {
            'not YAML': '{{{ [',
            'not a mapping': '- just\n- a list\n',
            'a wrong type': 'drivers:\n  fake:\n    usage: rpc\n',
            'binary': None,
        }
        for what, text in garbage.items():
            if text is None:
                with open(self.path, 'wb') as stream:
                    stream.write(b'\xff\xfe\xfa')
            else:
                replace(self.path, text)
            error = self.assertRaises(oms.ManifestError, self.create,
                                      factory)
            self.assertIn(self.path, str(error), what)
        self.assertStillWorks(transport)
        # the file is mended: creations work again, no restart
        replace(self.path, fixtures_support.FAKE_DEPRECATED)
        self.assertIs(om_transport.RPCTransport, type(self.create(factory)))

    def test_overlay_replaced_by_garbage(self):
        self.check_garbage()

    def test_overlay_replaced_by_garbage_when_enabled(self):
        self.addCleanup(oms.disable)
        oms.enable(self.conf)
        self.check_garbage(oslo_messaging.get_rpc_transport)

    def test_overlay_becomes_a_directory(self):
        transport = self.create()
        os.unlink(self.path)
        os.mkdir(self.path)
        error = self.assertRaises(oms.ManifestError, self.create)
        self.assertIn('is a directory', str(error))
        self.assertStillWorks(transport)

    def test_overlay_removed_when_enabled(self):
        self.addCleanup(oms.disable)
        oms.enable(self.conf)
        transport = self.create(oslo_messaging.get_rpc_transport)
        os.unlink(self.path)
        error = self.assertRaises(oms.ManifestError,
                                  oslo_messaging.get_notification_transport,
                                  self.conf, 'fake://')
        self.assertIn(self.path, str(error))
        self.assertIn('No such file', str(error))
        self.assertStillWorks(transport)

    def test_a_broken_overlay_never_unlocks_a_refusal(self):
        """The bundled refusal of amqp stands whatever the overlay does."""
        replace(self.path, FAKE_REMOVED)
        self.assertRaises(oms.UnsupportedDriver, self.create)
        for text in ('{{{', 'drivers: [fake]\n', '', 'drivers: {}\nx: 1\n'):
            replace(self.path, text)
            for url in ('fake://', 'amqp://h/', 'mydriver://h/'):
                error = self.assertRaises(
                    (oms.ManifestError, oms.UnsupportedDriver),
                    oms.get_rpc_transport, self.conf, url)
                self.assertIsInstance(error, oms.ManifestError, url)
        # the overlay disappears: the refusal stays a refusal or an error
        os.unlink(self.path)
        self.assertRaises(oms.ManifestError, self.create)
        self.set('manifest_overlay', None)
        self.assertRaises(oms.UnsupportedDriver, oms.get_rpc_transport,
                          self.conf, 'amqp://h/')

    def test_the_bundled_manifest_breaking_is_an_error(self):
        """Should the installed package be damaged: errors, not loads."""
        self.set('manifest_overlay', None)
        broken = self.write_file('manifest.yaml', 'drivers: [broken]\n')
        self.useFixture(fixtures.MonkeyPatch(
            'oslo_messaging_support.engine.driver_manifest.'
            'bundled_manifest_path',
            lambda: broken))
        for url in ('fake://', 'amqp://h/', 'rabbit://h/'):
            self.assertRaises(oms.ManifestError, oms.get_rpc_transport,
                              self.conf, url)
