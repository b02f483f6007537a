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
"""A URL is masked under every reading an operator may have meant."""

import logging

import fixtures
import hypothesis
from hypothesis import strategies as st
from oslo_config import cfg
import oslo_messaging
from oslo_messaging import transport as om_transport

import oslo_messaging_support as oms
from oslo_messaging_support.service import masking
from oslo_messaging_support.service import urls
from tests import base
from tests import secret_urls


class ShapesTest(base.TestCase):
    """The shapes that leaked, each masked by the URL's structure."""

    def test_at_in_a_query_value(self):
        """An '@' in a query value is not the end of the credentials."""
        masked = masking.mask_url(
            'rabbit://user:pw@host/?password=foo@BARSECRET')
        for secret in ('pw', 'foo', 'BARSECRET'):
            self.assertNotIn(secret, masked)
        self.assertEqual('rabbit://user:***', masked)

    def test_at_in_a_plain_query_value(self):
        """A password may hold a raw '/': 'pw@host/?ssl_ca_file=/etc/a'."""
        self.assertEqual(
            'rabbit://user:***@b',
            masking.mask_url('rabbit://user:pw@host/?ssl_ca_file=/etc/a@b'))

    def test_at_and_comma_in_the_password_of_every_host(self):
        url = ('rabbit://nova:Pa@ss,w0rd@rabbit1:5672,'
               'nova:Pa@ss,w0rd@rabbit2:5672/')
        self.assertEqual('rabbit://nova:***@rabbit1:5672,'
                         'nova:***@rabbit2:5672/', masking.mask_url(url))

    def test_comma_then_a_colon_in_the_password(self):
        """A ',' starts a host only before the first host's user name."""
        self.assertEqual('rabbit://nova:***@rabbit1/', masking.mask_url(
            'rabbit://nova:Pa@ss,w0rd:x@rabbit1/'))
        self.assertEqual(
            'rabbit://nova:***@h1,nova:***@h2/',
            masking.mask_url('rabbit://nova:a@b,c:d@h1,nova:e@h2/'))

    def test_password_split_into_a_port_and_a_user(self):
        self.assertEqual('amqp://nova:***@rabbit1/',
                         masking.mask_url('amqp://nova:1234,5678@rabbit1/'))

    def test_one_slash_after_the_scheme(self):
        masked = masking.mask_url('amqp:/nova:SECRET@rabbit1/')
        self.assertNotIn('SECRET', masked)
        self.assertEqual('amqp:/nova:***@rabbit1/', masked)

    def test_a_query_in_the_password_hides_a_secret_value(self):
        """Each '@' after the netloc is a reading of its own.

        With the credentials ending at the second '@', ``S1@y`` is the
        value of ``password``; the last '@' alone would show ``y``.
        """
        masked = masking.mask_url('rabbit://u:p?x=1/w@h?password=S1@y')
        self.assertNotIn('y', masked.replace('rabbit', ''))
        self.assertNotIn('S1', masked)

    def test_fragment_after_a_secret_value(self):
        masked = masking.mask_url('rabbit://h/?password=ab#c@d')
        for secret in ('ab', 'c', 'd'):
            self.assertNotIn(secret, masked.replace('rabbit', ''))

    def test_many_ats_mask_the_whole_url(self):
        url = 'rabbit://u:pw@h/' + 'x@' * 5000 + 'tail'
        self.assertEqual('rabbit://***', masking.mask_url(url))

    def test_parsed_url_shows_its_driver_alone(self):
        """oslo.messaging's fields are never printed: they may be pieces.

        ``amqp://nova:1234,5678@rabbit1/`` gives a host ``nova`` on port
        1234 and a user ``5678``; ``amqp:/nova:SECRET@rabbit1/`` a virtual
        host ``nova:SECRET@rabbit1/``.
        """
        self.useFixture(fixtures.FakeLogger(level=logging.ERROR))
        conf = cfg.ConfigOpts()
        for url in ('amqp://nova:1234,5678@rabbit1/',
                    'amqp:/nova:SECRET@rabbit1/',
                    'rabbit://nova:Pa@ss,w0rd@rabbit1:5672/'):
            parsed = om_transport.TransportURL.parse(conf, url)
            self.assertEqual('%s://***' % parsed.transport,
                             masking.mask_url(parsed))


class GeneratedURLTest(base.TestCase):
    """No piece of a generated secret survives masking."""

    @secret_urls.settings(300)
    @hypothesis.given(secret_urls.transport_urls())
    def test_string(self, url):
        masked = masking.mask_url(url)
        self.assertFalse(secret_urls.leaks(masked), '%r -> %r'
                         % (url, masked))

    @secret_urls.settings(200)
    @hypothesis.given(secret_urls.transport_urls())
    def test_parsed(self, url):
        self.useFixture(fixtures.FakeLogger(level=logging.ERROR))
        try:
            parsed = om_transport.TransportURL.parse(cfg.ConfigOpts(), url)
        except (om_transport.InvalidTransportURL, ValueError):
            return
        masked = masking.mask_url(parsed)
        self.assertFalse(secret_urls.leaks(masked), '%r -> %r'
                         % (url, masked))

    @secret_urls.settings(200)
    @hypothesis.given(st.lists(st.tuples(
        secret_urls.secrets(['@', ',', ':', '%', ',h:']), secret_urls.HOSTS),
        min_size=1, max_size=3))
    def test_hosts_are_shown(self, hosts):
        """Masking keeps each host whose password has no raw '/?#'.

        (Not a property of safety, but of use: a masking that says
        ``***`` for every URL would pass the others.)
        """
        url = 'rabbit://%s/vhost' % ','.join(
            'nova:%s@%s' % (password, host) for password, host in hosts)
        self.assertEqual('rabbit://%s/vhost' % ','.join(
            'nova:***@%s' % host for _, host in hosts),
            masking.mask_url(url))


class DriverErrorsTest(base.TestCase):
    """A driver's error quotes urllib's reading: masked when it may lie."""

    URL = 'rabbit://u?x:Zq0@h/?password=Zq0'

    def setUp(self):
        super().setUp()
        self.conf = cfg.ConfigOpts()
        self.conf([], project='service')
        self.addCleanup(oms.disable)

    def assertMasked(self, error):
        self.assertIsInstance(error, urls.InvalidTransportURL)
        self.assertIsInstance(error, om_transport.InvalidTransportURL)
        self.assertNotIn('Zq0', str(error))
        self.assertIsNone(error.__context__)
        self.assertIsNone(error.__cause__)

    def test_a_raw_question_mark_in_the_credentials(self):
        """The rabbit driver refuses the 'x:Zq0@h/?password' query key."""
        self.assertMasked(self.assertRaises(
            ValueError, oms.get_rpc_transport, self.conf, self.URL))
        oms.enable(self.conf)
        self.assertMasked(self.assertRaises(
            ValueError, oslo_messaging.get_rpc_transport, self.conf,
            self.URL))

    def test_an_unambiguous_url_keeps_the_drivers_error(self):
        """No other reading: oslo.messaging's own error, unchanged."""
        error = self.assertRaises(
            cfg.NoSuchOptError, oms.get_rpc_transport, self.conf,
            'rabbit://u:p@h/?nosuchoption=1')
        self.assertIn('nosuchoption', str(error))
