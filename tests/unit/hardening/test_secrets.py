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
"""No transport URL password reaches any output channel.

Every channel is swept: log records of every logger at DEBUG, warnings,
exception messages and reprs, the ``list`` and ``check`` tables and JSON,
one-line CLI errors and the upgrade check's details.
"""

import io
import logging
import subprocess
import sys
from urllib import parse
import warnings

import fixtures
import hypothesis
from hypothesis import strategies as st
from oslo_config import cfg
import oslo_messaging
from oslo_messaging import transport as om_transport

import oslo_messaging_support as oms
from oslo_messaging_support.engine import support
from oslo_messaging_support.service import configured_transports
from oslo_messaging_support.service import masking
from oslo_messaging_support import upgradecheck
from tests import fixtures_support
from tests.unit.cmd import base as cmd_base
from tests.unit.hardening import base

#: Passwords with the characters that break naive masking.
PASSWORDS = (
    'p@ss:w/rd%?#',
    'S3cr3t!$&*()+=',
    "quo'te\"semi;colon",
    'two@@ats::colons',
    'hash#then?query&x=1',
    'blank pass word',
    'пароль-секрет',
    'per%25cent%2Fenc',
)


def url_for(scheme, password, host='127.0.0.1'):
    return '%s://nova:%s@%s:5672,nova:%s@h2:5672/vhost' % (
        scheme, parse.quote(password, safe=''), host,
        parse.quote(password, safe=''))


def forms(password):
    """The password as it may appear: raw, encoded, encoded twice."""
    encoded = parse.quote(password, safe='')
    return {password, encoded, parse.quote(encoded, safe='')}


class SecretSweepTest(base.HardeningTestCase):

    def setUp(self):
        super().setUp()
        # every logger of the process, at DEBUG
        self.everything = self.useFixture(fixtures.FakeLogger(
            name=None, level=logging.DEBUG,
            format='%(name)s %(levelname)s %(message)s'))
        self.install_private_driver()
        self.overlay(fixtures_support.FAKE_DEPRECATED)
        self.set('allowed_drivers', ['private'])
        self.channels = []

    def assertSecretsAbsent(self, password):
        texts = self.channels + [self.log.output, self.everything.output]
        for text in texts:
            for form in forms(password):
                self.assertNotIn(form, text)

    def exercise(self, password):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter('always')
            for scheme in ('fake', 'private', 'rabbit', 'amqp', 'zmq',
                           'mydriver', 'kafka', 'kombu+amqp'):
                url = url_for(scheme, password)
                try:
                    oms.get_rpc_transport(self.conf, url).cleanup()
                except Exception as exc:
                    self.channels += [str(exc), repr(exc),
                                      repr(getattr(exc, 'args', ''))]
                try:
                    oms.get_notification_transport(self.conf, url).cleanup()
                except Exception as exc:
                    self.channels += [str(exc), repr(exc)]
        self.channels += [str(w.message) for w in caught]
        return caught

    def test_loaders(self):
        for password in PASSWORDS:
            oms.disable()
            caught = self.exercise(password)
            self.assertSecretsAbsent(password)
        # the sweep did go through the channels it claims to
        self.assertIn('Refusing', self.log.output)
        self.assertIn('nova:***@127.0.0.1', self.log.output)
        self.assertTrue(caught or 'WARNING' in self.log.output)

    def test_enabled_process(self):
        self.addCleanup(oms.disable)
        oms.enable(self.conf)
        for password in PASSWORDS:
            self.exercise(password)
            self.assertSecretsAbsent(password)
        self.assertIn('ERROR Refusing', self.log.output)

    def test_bad_url_errors(self):
        """URLs that do not parse, with a password in them."""
        for password in PASSWORDS:
            for url in (url_for('rabbit', password, host='[::1'),
                        'rabbit://nova:%s@h:port/' % parse.quote(
                            password, safe=''),
                        'nova:%s@h' % parse.quote(password, safe='')):
                try:
                    oms.get_rpc_transport(self.conf, url)
                except Exception as exc:
                    self.channels += [str(exc), repr(exc)]
            self.assertSecretsAbsent(password)

    def test_upgrade_check_details(self):
        for password in PASSWORDS:
            for url in (url_for('amqp', password), url_for('fake', password),
                        'rabbit://nova:%s@h:port/' % parse.quote(
                            password, safe='')):
                conf = cfg.ConfigOpts()
                conf([], project='upgrade')
                conf.register_opts(om_transport._transport_opts)
                conf.set_override('transport_url', url)
                result = upgradecheck.check_messaging_drivers(None, conf)
                self.channels += [str(result.details), repr(result.details)]
            self.assertSecretsAbsent(password)


class CommandSecretTest(cmd_base.CommandTestCase):
    """The CLI's tables, JSON and one-line errors."""

    def conf_file(self, url):
        return self.write_file('service.conf', (
            '[DEFAULT]\ntransport_url = %s\n'
            '[oslo_messaging_notifications]\ndriver = messaging\n'
            'transport_url = %s\n' % (url, url)).replace('%', '%%'))

    def test_check_and_list(self):
        stderr = io.StringIO()
        self.useFixture(fixtures.MonkeyPatch('sys.stderr', stderr))
        for password in PASSWORDS:
            for scheme in ('rabbit', 'amqp', 'mydriver', 'fake'):
                url = url_for(scheme, password)
                bad = 'rabbit://nova:%s@h:port/' % parse.quote(
                    password, safe='')
                outputs = [
                    self.run_cli('check', '--url', url, '--long'),
                    self.run_cli('check', '--url', url, '-f', 'json'),
                    self.run_cli('check', '--notification-url', url,
                                 '-f', 'yaml'),
                    self.run_cli('check', '--config-file',
                                 self.conf_file(url)),
                    self.run_cli('check', '--config-file',
                                 self.conf_file(url), '-f', 'json'),
                    self.run_cli('list', '--config-file',
                                 self.conf_file(url), '-f', 'json'),
                    self.run_cli('check', '--url', bad),
                    self.run_cli('check', '--config-file',
                                 self.conf_file(bad)),
                ]
                for output in outputs:
                    self.assertNoSecret(output, *forms(password))
                self.assertIn('nova:***@', outputs[0].stdout)

    def test_short_password_does_not_garble_the_message(self):
        """Masking hides the password, not every letter that matches it.

        A one-letter password replaced everywhere turns 'parse' into
        '***arse' and tells the reader which letter the password is.
        """
        output = self.run_cli('check', '--url', 'rabbit://u:p@h:port/')
        self.assertOneLineError(output, '--url',
                                'cannot parse the transport URL',
                                'rabbit://u:***@h:port/')


# Greek letters never occur in the library's messages: any of them (or
# their UTF-8 percent-encoding, %CE or %CF) in an output is a leak.
_SECRET_ALPHABET = 'αβγδεζηθικλμνξοπρστυφχψω'
_SEPARATORS = ',:/%@?#'
_PIECE = st.text(_SECRET_ALPHABET, min_size=1, max_size=5)
_PASSWORD = st.lists(st.tuples(_PIECE, st.sampled_from(_SEPARATORS)),
                     min_size=1, max_size=4).map(
    lambda parts: ''.join(piece + sep for piece, sep in parts) + 'ω')
_USER = st.sampled_from(['nova', 'user@corp', 'сервис', 'a.b-c_d',
                         'us@er@x'])
_HOST = st.sampled_from(['h', 'broker.example', '10.0.0.1', '[::1]'])
_SCHEME = st.sampled_from(['rabbit', 'mydriver', 'kombu+amqp', 'amqp',
                           'fake'])

SETTINGS = hypothesis.settings(
    max_examples=80, deadline=None, derandomize=True, database=None,
    suppress_health_check=[hypothesis.HealthCheck.too_slow,
                           hypothesis.HealthCheck.function_scoped_fixture])


@st.composite
def transport_urls(draw):
    """A transport URL with secrets in every place they can be."""
    encode = draw(st.booleans())
    hosts = draw(st.lists(st.tuples(_USER, _PASSWORD, _HOST,
                                    st.sampled_from(['', ':5672'])),
                          min_size=1, max_size=4))
    netloc = ','.join(
        '%s:%s@%s%s' % (parse.quote(user, safe='') if encode else user,
                        parse.quote(password, safe='') if encode
                        else password, host, port)
        for user, password, host, port in hosts)
    query = draw(st.sampled_from(
        ['', '?ssl=1', '?ssl_key_password=%s' % parse.quote(
            draw(_PASSWORD), safe='')]))
    # no scheme at all, or none but '//', is masked all the same
    prefix = draw(st.sampled_from(['%s://' % draw(_SCHEME), '//', '']))
    return '%s%s/vhost%s' % (prefix, netloc, query)


def leaks(text):
    text = str(text)
    return any(char in text for char in _SECRET_ALPHABET) or \
        '%CE' in text.upper() or '%CF' in text.upper()


class GeneratedSecretTest(base.HardeningTestCase):
    """Hypothesis over the URL's structure: no secret in any channel."""

    @SETTINGS
    @hypothesis.given(transport_urls())
    def test_masked_url(self, url):
        masked = masking.mask_url(url)
        self.assertFalse(leaks(masked), '%r -> %r' % (url, masked))

    @SETTINGS
    @hypothesis.given(transport_urls())
    def test_drop_in_loaders_and_the_service_check(self, url):
        channels = []
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter('always')
            for factory in (oms.get_rpc_transport,
                            oms.get_notification_transport):
                try:
                    factory(self.conf, url).cleanup()
                except Exception as exc:
                    channels += [str(exc), repr(exc), repr(exc.args),
                                 repr(getattr(exc, 'url', None))]
            try:
                for transport, decision in configured_transports.decisions(
                        configured_transports.given_transports(
                            self.conf, rpc_urls=[url]),
                        support.POLICY):
                    channels += [transport.masked_url,
                                 transport.reason(decision)]
            except Exception as exc:
                channels += [str(exc), repr(exc)]
        channels += [str(w.message) for w in caught]
        channels.append(self.log.output)
        for text in channels:
            self.assertFalse(leaks(text), '%r: %s' % (url, text))


class StructuralMaskingTest(cmd_base.CommandTestCase):
    """The leaks found by hand, each through the command line."""

    def test_user_name_with_at(self):
        url = 'rabbit://user@corp:PW@h/'
        for argv in (('check', '--url', url, '--long'),
                     ('check', '--url', url, '-f', 'json')):
            output = self.run_cli(*argv)
            self.assertNoSecret(output, 'PW')
            self.assertIn('user@corp:***@h', output.stdout)

    def test_password_equal_to_a_word_of_the_message(self):
        status, rows, _ = self.run_json('check', '--url',
                                        'rabbit://nova:supported@h/')
        self.assertEqual(0, status)
        self.assertEqual('rabbit://nova:***@h/', rows[0]['URL'])
        self.assertIn('rabbit is a supported driver', rows[0]['Reason'])

    def test_unencoded_comma_in_the_password(self):
        output = self.run_cli('check', '--url', 'rabbit://nova:Zq9,Wv8@h/')
        self.assertNoSecret(output, 'Zq9,Wv8', 'Zq9', 'Wv8')
        self.assertOneLineError(output, '--url', 'rabbit://nova:***@h/',
                                'ValueError')

    def test_unencoded_comma_in_a_configuration_file(self):
        path = self.write_file('nova.conf', '[DEFAULT]\ntransport_url = '
                                            'rabbit://nova:Zq9,Wv8@h/\n')
        output = self.run_cli('check', '--config-file', path)
        self.assertNoSecret(output, 'Zq9,Wv8', 'Zq9', 'Wv8')
        self.assertOneLineError(output, '[DEFAULT] transport_url in %s'
                                % path, 'rabbit://nova:***@h/')


class UpgradeCheckStructureTest(base.HardeningTestCase):
    """The upgrade check's details, for the leaks found by hand."""

    def details(self, url):
        conf = cfg.ConfigOpts()
        conf([], project='upgrade')
        conf.register_opts(om_transport._transport_opts)
        conf.set_override('transport_url', url)
        return str(upgradecheck.check_messaging_drivers(None, conf).details)

    def test_user_name_with_at(self):
        details = self.details('mydriver://user@corp:PW@h/')
        self.assertNotIn('PW', details)
        self.assertIn('mydriver://user@corp:***@h/', details)

    def test_password_equal_to_a_word_of_the_message(self):
        details = self.details('amqp://nova:Kafka@h/')
        self.assertIn('amqp://nova:***@h/', details)
        self.assertIn('Use RabbitMQ or Kafka instead', details)

    def test_unencoded_comma_in_the_password(self):
        details = self.details('rabbit://nova:Zq9,Wv8@h/')
        for part in ('Zq9', 'Wv8'):
            self.assertNotIn(part, details)
        self.assertIn("'rabbit://nova:***@h/'", details)


class UnparsableURLTest(base.HardeningTestCase):
    """The drop-in loaders' own error: one line, chained from nothing."""

    def test_comma_in_the_password(self):
        error = self.assertRaises(
            oslo_messaging.InvalidTransportURL, oms.get_rpc_transport,
            self.conf, 'rabbit://nova:Zq9,Wv8@h/')
        self.assertIsInstance(error, ValueError)
        for text in (str(error), repr(error), repr(error.args), error.url):
            self.assertNotIn('Zq9', text)
            self.assertNotIn('Wv8', text)
        self.assertIn("transport URL 'rabbit://nova:***@h/'", str(error))
        self.assertIsNone(error.__cause__)
        self.assertTrue(error.__suppress_context__)

    def test_configured_url_names_the_option(self):
        self.conf.register_opts(om_transport._transport_opts)
        self.conf.set_override('transport_url', 'rabbit://nova:Zq9,Wv8@h/')
        error = self.assertRaises(ValueError, oms.get_rpc_transport,
                                  self.conf)
        self.assertTrue(str(error).startswith('[DEFAULT] transport_url: '))
        error = self.assertRaises(ValueError,
                                  oms.get_notification_transport, self.conf)
        self.assertTrue(str(error).startswith('[DEFAULT] transport_url: '))


_LINEAR = """
from oslo_config import cfg
from oslo_messaging_support.service import configured_transports
from oslo_messaging_support.service import urls
import sys
hosts = int(sys.argv[1])
netloc = ','.join('nova:pw%d@h%d:5672' % (i, i) for i in range(hosts))
conf = cfg.ConfigOpts()
good, = configured_transports.given_transports(conf, ['rabbit://%s/' % netloc])
masked = good.masked_url
try:  # the last port does not parse: the error masks every host
    configured_transports.given_transports(
        conf, ['rabbit://%s,nova:pwx@hx:port/' % netloc])
except urls.TransportURLError as exc:
    error = str(exc)
print(masked.count('nova:***@'), error.count('nova:***@') - 1,
      'pw' in masked + error)
"""


class QuadraticMaskingTest(base.HardeningTestCase):
    """A URL of 20,000 hosts is masked at once, in errors too.

    Searching each password in an error that quotes the masked URL took
    21 s for 4,000 hosts (quadratic: some 9 minutes for 20,000).  Run in a
    subprocess whose timeout only guards against such a hang.
    """

    def test_many_hosts(self):
        try:
            result = subprocess.run(
                [sys.executable, '-c', _LINEAR, '20000'],
                capture_output=True, text=True, timeout=120)
        except subprocess.TimeoutExpired:
            self.fail('masking a URL of 20,000 hosts does not end')
        self.assertEqual(0, result.returncode, result.stderr[-2000:])
        self.assertEqual('20000 20000 False', result.stdout.strip())


class ServiceTransportReprTest(base.HardeningTestCase):
    """A transport's repr() (a debugger, a log of locals) hides its URL."""

    def test_repr_shows_no_password(self):
        transport = configured_transports.ServiceTransport(
            option='[DEFAULT] transport_url',
            url='rabbit://nova:hunter2secret@h/', usage='rpc',
            driver='rabbit')
        self.assertNotIn('hunter2secret', repr(transport))
        self.assertIn("driver='rabbit'", repr(transport))
        self.assertNotIn('hunter2secret', transport.masked_url)
