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
"""No piece of a secret reaches any output channel, whatever the URL.

Generated URLs (:mod:`tests.secret_urls`) go through every channel: the
log records of every logger at every level, warnings, exceptions with
their chained causes and reprs, the command line in every output format,
and the upgrade check.  What the command line and the upgrade check relay
from oslo.config and oslo.messaging is swept too.
"""

import io
import logging
import warnings

import fixtures
import hypothesis
from hypothesis import strategies as st
from oslo_config import cfg
import oslo_messaging
from oslo_messaging import transport as om_transport

import oslo_messaging_support as oms
from oslo_messaging_support.service import relayed
from oslo_messaging_support import upgradecheck
from tests import secret_urls
from tests.unit.cmd import base as cmd_base
from tests.unit.hardening import base
from tests.unit import test_imports

#: Every output format of the command line.
FORMATS = ('table', 'json', 'yaml', 'csv', 'value')

#: Schemes that load, warn, are refused, or are not installed.
PREFIXES = st.sampled_from(['rabbit://', 'amqp://', 'kombu+amqp://',
                            'kafka://', 'mydriver://', 'fake://', '//',
                            '', 'amqp:/'])

#: A password split by oslo.messaging into host names and users.
SPLIT_URL = ('rabbit://nova:Pa@ss,w0rd@rabbit1:5672,'
             'nova:Pa@ss,w0rd@rabbit2:5672/')


def exception_texts(error):
    """What an exception and every exception chained to it may print."""
    texts = []
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        texts += [str(error), repr(error), repr(getattr(error, 'args', '')),
                  repr(getattr(error, 'url', ''))]
        # one chain: both links are followed, the cause first
        if error.__cause__ is not None and id(error.__cause__) not in seen:
            texts += exception_texts(error.__cause__)
        error = error.__context__
    return texts


def config_file(test, url):
    """A service configuration naming ``url`` for both transports."""
    return test.write_file('service.conf', (
        '[DEFAULT]\ntransport_url = %s\n'
        '[oslo_messaging_notifications]\ndriver = messaging\n'
        'transport_url = %s\n' % (url, url)).replace('%', '%%'))


class LibraryChannelsTest(base.HardeningTestCase):
    """The loaders, enable() and the upgrade check, for generated URLs."""

    def setUp(self):
        super().setUp()
        # every logger of the process, at every level
        self.everything = self.useFixture(fixtures.FakeLogger(
            name=None, level=logging.DEBUG,
            format='%(name)s %(levelname)s %(message)s'))
        self.addCleanup(oms.disable)

    def attempt(self, function, *args):
        """Call ``function``; the texts of what it raised."""
        try:
            transport = function(*args)
        except Exception as error:
            return exception_texts(error)
        if hasattr(transport, 'cleanup'):
            transport.cleanup()
        return []

    def sweep(self, url):
        texts = []
        parsed = None
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter('always')
            try:
                parsed = om_transport.TransportURL.parse(self.conf, url)
            except (om_transport.InvalidTransportURL, ValueError):
                pass  # oslo.messaging's own error: not a channel of ours
            given = [url] + ([parsed] if parsed is not None else [])
            for item in given:
                texts += self.attempt(oms.get_rpc_transport, self.conf, item)
                texts += self.attempt(oms.get_notification_transport,
                                      self.conf, item)
            oms.enable(self.conf)
            for item in given:
                texts += self.attempt(oslo_messaging.get_rpc_transport,
                                      self.conf, item)
                texts += self.attempt(
                    oslo_messaging.get_notification_transport, self.conf,
                    item)
            oms.disable()
        texts += [str(item.message) for item in caught]
        return texts

    @secret_urls.settings(60)
    @hypothesis.given(secret_urls.transport_urls(prefixes=PREFIXES))
    def test_loaders_and_enable(self, url):
        start = len(self.everything.output)
        texts = self.sweep(url)
        texts.append(self.everything.output[start:])
        for text in texts:
            self.assertFalse(secret_urls.leaks(text), '%r: %s' % (url, text))

    def upgrade_check(self, url):
        conf = cfg.ConfigOpts()
        conf([], project='upgrade')
        conf.register_opts(om_transport._transport_opts)
        conf.set_override('transport_url', url)
        result = upgradecheck.check_messaging_drivers(None, conf)
        return [str(result.details), repr(result.details)]

    @secret_urls.settings(60)
    @hypothesis.given(secret_urls.transport_urls(prefixes=PREFIXES))
    def test_upgrade_check(self, url):
        start = len(self.everything.output)
        texts = self.upgrade_check(url)
        texts.append(self.everything.output[start:])
        for text in texts:
            self.assertFalse(secret_urls.leaks(text), '%r: %s' % (url, text))

    def test_a_sweep_reaches_the_channels(self):
        """The sweeps go where they claim (a sweep that does not, passes)."""
        texts = self.sweep('amqp://nova:Zq1@h/')
        self.assertIn('ERROR Refusing', self.everything.output)
        self.assertIn('transport URL amqp://nova:***@h/',
                      self.everything.output)
        self.assertTrue(any('Refusing' in text for text in texts))
        self.assertIn('amqp://nova:***@h/',
                      ' '.join(self.upgrade_check('amqp://nova:Zq1@h/')))


class ServiceLogTest(base.HardeningTestCase):
    """What a service's log gets for the shapes that leaked."""

    def setUp(self):
        super().setUp()
        self.everything = self.useFixture(fixtures.FakeLogger(
            name=None, level=logging.DEBUG,
            format='%(name)s %(levelname)s %(message)s'))
        self.addCleanup(oms.disable)

    def test_hosts_warning_of_oslo_messaging(self):
        """oslo.messaging names the hosts: pieces of the password."""
        oms.get_rpc_transport(self.conf, SPLIT_URL).cleanup()
        self.assertIn('Hosts with credentials are: [', self.everything.output)
        for piece in ("'ss'", 'w0rd', 'Pa@'):
            self.assertNotIn(piece, self.everything.output)

    def test_refused_transport_url_object(self):
        """A mis-parsed TransportURL is never printed from its fields."""
        for url, pieces in (('amqp://nova:1234,5678@rabbit1/',
                             ('1234', '5678')),
                            ('amqp:/nova:SECRET@rabbit1/', ('SECRET',))):
            parsed = om_transport.TransportURL.parse(self.conf, url)
            for enabled in (False, True):
                if enabled:
                    oms.enable(self.conf)
                    factory = oslo_messaging.get_rpc_transport
                else:
                    factory = oms.get_rpc_transport
                error = self.assertRaises(oms.UnsupportedDriver, factory,
                                          self.conf, parsed)
                oms.disable()
                for text in exception_texts(error) + [
                        self.everything.output]:
                    for piece in pieces:
                        self.assertNotIn(piece, text)
            self.assertIn('(transport URL amqp://***, at series ',
                          self.log.output)

    def test_transport_url_object_from_the_configuration(self):
        """Shown as the configured string it was parsed from, masked."""
        self.conf.register_opts(om_transport._transport_opts)
        self.conf.set_override('transport_url',
                               'amqp://nova:S3cret@ctrl:5672/')
        parsed = om_transport.TransportURL.parse(self.conf)
        self.assertRaises(oms.UnsupportedDriver, oms.get_rpc_transport,
                          self.conf, parsed)
        oms.enable(self.conf)
        self.assertRaises(oms.UnsupportedDriver,
                          oslo_messaging.get_rpc_transport, self.conf,
                          parsed)
        self.assertEqual(2, self.log.output.count(
            '(transport URL amqp://nova:***@ctrl:5672/, at series '))
        self.assertNotIn('S3cret', self.everything.output)

    def test_no_chained_cause_carries_a_piece(self):
        """oslo.messaging's ValueError ('... 'Zq9'') is not kept."""
        url = 'rabbit://nova:Zq9,Wv8@h/'
        for enabled in (False, True):
            if enabled:
                oms.enable(self.conf)
                factory = oslo_messaging.get_rpc_transport
            else:
                factory = oms.get_rpc_transport
            error = self.assertRaises(oslo_messaging.InvalidTransportURL,
                                      factory, self.conf, url)
            oms.disable()
            self.assertIsInstance(error, ValueError)
            self.assertIsNone(error.__cause__)
            self.assertIsNone(error.__context__)
            for text in exception_texts(error):
                self.assertNotIn('Zq9', text)
                self.assertNotIn('Wv8', text)
            self.assertIn("'rabbit://nova:***@h/'", str(error))


class CommandChannelsTest(cmd_base.CommandTestCase):
    """Every output format of the command line, for generated URLs."""

    @secret_urls.settings(20)
    @hypothesis.given(secret_urls.transport_urls(prefixes=PREFIXES))
    def test_every_format(self, url):
        path = config_file(self, url)
        outputs = [self.run_cli('check', '--url', url, '-f', name)
                   for name in FORMATS]
        outputs += [
            self.run_cli('check', '--notification-url', url, '-f', 'json'),
            self.run_cli('check', '--config-file', path, '--long'),
            self.run_cli('check', '--config-file', path, '-f', 'yaml'),
            self.run_cli('list', '--config-file', path, '-f', 'csv'),
        ]
        for output in outputs:
            for text in output[1:]:
                self.assertFalse(secret_urls.leaks(text),
                                 '%r: %s' % (url, text))

    def test_a_sweep_reaches_the_channels(self):
        output = self.run_cli('check', '--url', 'amqp://nova:Zq1@h/', '-f',
                              'value', '--long')
        self.assertIn('amqp://nova:***@h/', output.stdout)
        self.assertEqual(2, output.status)


class RelayedByTheCommandTest(cmd_base.CommandTestCase):
    """What oslo.config and oslo.messaging say, as the commands relay it."""

    COMMANDS = (('list',), ('check',), ('schedule',), ('audit',))

    def test_oslo_messaging_hosts_warning(self):
        path = config_file(self, SPLIT_URL)
        for argv in (('check', '--url', SPLIT_URL, '--long'),
                     ('check', '--config-file', path, '--long'),
                     ('check', '--config-file', path, '-f', 'json')):
            output = self.run_cli(*argv)
            self.assertEqual(0, output.status, output)
            self.assertIn("Hosts with credentials are: ['***', '***']",
                          output.stderr)
            self.assertNoSecret(output, "'ss'", 'w0rd', 'Pa@')
            self.assertIn('nova:***@rabbit1:5672,nova:***@rabbit2:5672',
                          output.stdout)

    def test_continuation_line(self):
        """An indented line: oslo.config quotes it whole."""
        path = self.write_file('nova.conf', (
            '[DEFAULT]\n  transport_url = rabbit://user:S3cret@host/\n'))
        for command in self.COMMANDS:
            output = self.run_cli(*(command + ('--config-file', path)))
            self.assertNoSecret(output, 'S3cret', 'rabbit://')
            self.assertOneLineError(output, path, 'line 2',
                                    'Unexpected continuation line')

    def test_invalid_boolean(self):
        """oslo.config quotes the value: a URL put in the wrong option."""
        path = self.write_file('nova.conf', (
            '[oslo_messaging_support]\nallow_unsupported_drivers = '
            'rabbit://user:S3cret@host/\n'))
        for command in self.COMMANDS:
            output = self.run_cli(*(command + ('--config-file', path)))
            self.assertNoSecret(output, 'S3cret', 'rabbit://')
            self.assertOneLineError(output, 'allow_unsupported_drivers',
                                    'is not valid', path)


class RelayedByTheUpgradeCheckTest(base.HardeningTestCase):

    def test_invalid_boolean(self):
        path = self.write_file('nova.conf', (
            '[oslo_messaging_support]\nstrict_mode = '
            'rabbit://user:S3cret@host/\n'))
        conf = cfg.ConfigOpts()
        conf(['--config-file', path], project='upgrade')
        result = upgradecheck.check_messaging_drivers(None, conf)
        self.assertNotIn('S3cret', str(result.details))
        self.assertIn('strict_mode', str(result.details))
        self.assertIn('is not valid', str(result.details))

    def test_oslo_messaging_hosts_warning(self):
        everything = self.useFixture(fixtures.FakeLogger(
            name=None, level=logging.DEBUG))
        conf = cfg.ConfigOpts()
        conf([], project='upgrade')
        conf.register_opts(om_transport._transport_opts)
        conf.set_override('transport_url', SPLIT_URL)
        result = upgradecheck.check_messaging_drivers(None, conf)
        self.assertIn('Hosts with credentials', everything.output)
        for text in (everything.output, str(result.details)):
            self.assertNotIn("'ss'", text)
            self.assertNotIn('w0rd', text)


class RecordFilterTest(base.HardeningTestCase):
    """The filter on the command's handlers, on records of any library."""

    def emit(self, name, *args, **kwargs):
        logger = logging.getLogger(name)
        capture = self.useFixture(fixtures.FakeLogger(
            name=name, level=logging.DEBUG,
            format='%(levelname)s %(message)s'))
        handler = logger.handlers[-1]
        handler.addFilter(relayed.RecordFilter())
        logger.warning(*args, **kwargs)
        return capture.output

    def test_url_in_a_message(self):
        output = self.emit('some.library', 'connecting to %s now',
                           'rabbit://nova:S3cret@h/')
        self.assertEqual('WARNING connecting to rabbit://***\n', output)

    def test_secret_option_in_a_message(self):
        output = self.emit('oslo_config.cfg', 'bad %s',
                           'ssl_key_password = S3cret')
        self.assertEqual('WARNING bad ssl_key_password = ***\n', output)

    def test_traceback(self):
        try:
            raise ValueError('cannot use rabbit://nova:S3cret@h/')
        except ValueError:
            output = self.emit('some.library', 'failed', exc_info=True)
        self.assertIn('ValueError: cannot use rabbit://***', output)
        self.assertNotIn('S3cret', output)

    def test_arguments_that_do_not_format(self):
        """logging's own error would print the arguments: never."""
        stderr = io.StringIO()
        self.useFixture(fixtures.MonkeyPatch('sys.stderr', stderr))
        output = self.emit('some.library', 'two %s %s', 'S3cret')
        self.assertNotIn('S3cret', output + stderr.getvalue())
        self.assertIn('could not be formatted', output)

    def test_own_records_are_left_alone(self):
        output = self.emit('oslo.messaging_support',
                           'Refusing amqp (transport URL %s)',
                           'amqp://nova:***@h/')
        self.assertIn('amqp://nova:***@h/', output)


class StartUpCostTest(base.HardeningTestCase):
    """A service pays for masking only when something may be printed."""

    def masking_modules(self, url):
        return test_imports.run("""\
            import oslo_messaging
            from oslo_config import cfg
            import oslo_messaging_support
            conf = cfg.ConfigOpts()
            conf([], project='service')
            oslo_messaging_support.enable(conf)
            for factory in (oslo_messaging.get_rpc_transport,
                            oslo_messaging_support.get_rpc_transport):
                factory(conf, %r).cleanup()
            oslo_messaging_support.disable()
            RESULT = sorted(m for m in sys.modules if m in (
                'oslo_messaging_support.service.relayed',
                'oslo_messaging_support.service.masking',
                'oslo_utils.strutils'))
            """ % url)

    def test_plain_url(self):
        self.assertEqual([], self.masking_modules('fake://h1:1,h2:2/'))

    def test_url_that_may_name_pieces_of_a_password(self):
        """oslo.messaging's hosts warning is printed, and masked."""
        self.assertEqual(['oslo_messaging_support.service.masking',
                          'oslo_messaging_support.service.relayed',
                          'oslo_utils.strutils'],
                         self.masking_modules('fake://u:p@h1,h2/'))

    def test_url_with_credentials_on_every_host(self):
        """No warning: the parser is watched, nothing is masked."""
        self.assertEqual(['oslo_messaging_support.service.masking',
                          'oslo_messaging_support.service.relayed'],
                         self.masking_modules('fake://u:p@h1,u:p@h2/'))
