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
from urllib import parse
import warnings

import fixtures
from oslo_config import cfg
from oslo_messaging import transport as om_transport

import oslo_messaging_support as oms
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
                    self.run_cli('check', '--url', url),
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
