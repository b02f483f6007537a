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
"""Real RPC calls and notifications over RabbitMQ through the library."""

from oslo_config import cfg
import oslo_messaging
from oslo_messaging import conffixture  # noqa: F401 (attribute use)
from oslo_messaging import transport as om_transport

import oslo_messaging_support as oms
from oslo_messaging_support import opts
from oslo_messaging_support.service import transport
from tests.functional import _service
from tests.functional import base


class RabbitTestCase(base.BrokerTestCase):

    def setUp(self):
        super().setUp()
        transport.forget_reports()
        self.addCleanup(transport.forget_reports)
        self.addCleanup(oms.disable)
        self.conf = cfg.ConfigOpts()
        self.conf([], project='functional')
        opts.register_opts(self.conf)
        # oslo.messaging registers its tracing options on cfg.CONF only;
        # its public test fixture registers every option on this conf.
        self.useFixture(oslo_messaging.conffixture.ConfFixture(self.conf))

    def url(self, scheme='rabbit'):
        return base.RABBIT_URL.replace('rabbit://', scheme + '://', 1)

    def round_trip(self, rpc_transport, notification_transport):
        self.addCleanup(rpc_transport.cleanup)
        self.addCleanup(notification_transport.cleanup)
        self.assertEqual('ping', _service.exchange(rpc_transport,
                                                   notification_transport))


class DropInTest(RabbitTestCase):
    """Transports from our loaders carry real messages."""

    def test_rabbit(self):
        rpc = oms.get_rpc_transport(self.conf, self.url())
        self.assertIs(om_transport.RPCTransport, type(rpc))
        self.round_trip(rpc, oms.get_notification_transport(
            self.conf, self.url()))

    def test_kombu_alias(self):
        """The kombu entry point, loaded as ``kombu+amqp://``.

        oslo.messaging cuts the scheme at '+' to pick the driver (kombu,
        the alias of rabbit) and its rabbit driver hands the rest (amqp)
        to kombu.  A bare ``kombu://`` passes the policy too (see the unit
        tests), but oslo.messaging 18.3.1's rabbit driver then asks kombu
        for a transport named 'kombu', which kombu does not have.
        """
        url = self.url('kombu+amqp')
        rpc = oms.get_rpc_transport(self.conf, url)
        self.assertEqual('supported', oms.evaluate('kombu').tier)
        self.round_trip(rpc, oms.get_notification_transport(self.conf, url))


class EnableTest(RabbitTestCase):
    """The same through enable() and unmodified oslo.messaging calls."""

    def test_rabbit_through_enable(self):
        oms.enable(self.conf)
        self.round_trip(
            oslo_messaging.get_rpc_transport(self.conf, self.url()),
            oslo_messaging.get_notification_transport(self.conf,
                                                      self.url()))

    def test_refused_driver_leaves_no_connection(self):
        """A refusal happens before any connection or server exists."""
        oms.enable(self.conf)
        host, port = base.broker_address()
        before = base.established_connections(port)
        # amqp points at the very broker: loading it would connect.
        amqp_url = self.url('amqp')
        self.assertRaises(oms.UnsupportedDriver,
                          oslo_messaging.get_rpc_transport, self.conf,
                          amqp_url)
        self.assertRaises(oms.UnsupportedDriver, oms.get_rpc_transport,
                          self.conf, self.url('mydriver'))
        self.assertEqual(before, base.established_connections(port))

    def test_connections_are_counted(self):
        """The connection counter sees a real transport's connection."""
        host, port = base.broker_address()
        before = base.established_connections(port)
        rpc = oms.get_rpc_transport(self.conf, self.url())
        self.addCleanup(rpc.cleanup)
        client = oslo_messaging.get_rpc_client(
            rpc, oslo_messaging.Target(topic='count-probe'), timeout=5)
        client.cast({}, 'echo', value='x')
        self.assertGreater(base.established_connections(port), before)
