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
"""What a service's log tells its operator, with a real ConfigOpts.

Each test builds the configuration from files, as a service does, and
reads the library's log lines.
"""

import logging
import os
import textwrap
import warnings

import fixtures
from oslo_config import cfg
import oslo_messaging

import oslo_messaging_support as oms
from oslo_messaging_support.engine import support
from oslo_messaging_support import fixture as support_fixture
from oslo_messaging_support import opts
from oslo_messaging_support.service import compiled_loads
from oslo_messaging_support.service import transport
from tests import base
from tests import fixtures_support

#: The series of base.EVALUATED_VERSION (18.3.1) in the bundled calendar.
SERIES = 'hibiscus (2026.2)'
PASSWORD = 's3cr3t'


class ServiceLogTestCase(base.TestCase):
    """A service's ConfigOpts from a file, and our log at INFO."""

    def setUp(self):
        super().setUp()
        transport.forget_reports()
        self.addCleanup(transport.forget_reports)
        self.addCleanup(oms.disable)
        self.log = self.useFixture(fixtures.FakeLogger(
            name=base.LOGGER, level=logging.INFO,
            format='%(levelname)s %(message)s'))
        self.conf = cfg.ConfigOpts()

    def parse(self, text, name='service.conf'):
        """Parse ``text`` as the service's only configuration file."""
        self.conf_file = self.write_file(name, text)
        self.conf(['--config-file', self.conf_file], project='service')

    def lines(self, level):
        return [line for line in self.log.output.splitlines()
                if line.startswith(level + ' ')]

    def create(self, factory=oslo_messaging.get_rpc_transport, *args):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter('always')
            created = factory(self.conf, *args)
        self.addCleanup(created.cleanup)
        return caught


class RefusalLineTest(ServiceLogTestCase):
    """The ERROR line says which option to fix, and at which series."""

    def test_default_transport_url(self):
        self.parse("""\
            [DEFAULT]
            transport_url = amqp://nova:%s@broker:5672/
            """ % PASSWORD)
        for factory in (oslo_messaging_support_rpc, enabled_rpc):
            error = self.assertRaises(oms.UnsupportedDriver, factory,
                                      self.conf)
            line = self.lines('ERROR')[-1]
            self.assertIn(str(error), line)
            self.assertTrue(line.endswith(
                '([DEFAULT] transport_url = amqp://nova:***@broker:5672/, '
                'at series %s)' % SERIES), line)
            oms.disable()
        self.assertNotIn(PASSWORD, self.log.output)

    def test_notifications_transport_url(self):
        self.parse("""\
            [DEFAULT]
            transport_url = rabbit://h/
            [oslo_messaging_notifications]
            transport_url = zmq://nova:%s@h/
            """ % PASSWORD)
        oms.enable(self.conf)
        self.assertRaises(oms.UnsupportedDriver,
                          oslo_messaging.get_notification_transport,
                          self.conf)
        self.assertIn('([oslo_messaging_notifications] transport_url = '
                      'zmq://nova:***@h/, at series %s)' % SERIES,
                      self.lines('ERROR')[-1])
        oms.disable()
        self.assertRaises(oms.UnsupportedDriver,
                          oms.get_notification_transport, self.conf)
        self.assertIn('([oslo_messaging_notifications] transport_url = '
                      'zmq://nova:***@h/, at series %s)' % SERIES,
                      self.lines('ERROR')[-1])
        self.assertNotIn(PASSWORD, self.log.output)

    def test_a_url_given_in_code(self):
        self.parse('')
        self.assertRaises(oms.UnsupportedDriver, oms.get_rpc_transport,
                          self.conf, 'qpid://h/')
        self.assertIn('(transport URL qpid://h/, at series %s)' % SERIES,
                      self.lines('ERROR')[-1])


def oslo_messaging_support_rpc(conf):
    return oms.get_rpc_transport(conf)


def enabled_rpc(conf):
    oms.enable(conf)
    return oslo_messaging.get_rpc_transport(conf)


class WarningLineTest(ServiceLogTestCase):

    def test_deprecated_driver_names_option_series_and_way_out(self):
        overlay = self.write_file('overlay.yaml',
                                  fixtures_support.FAKE_DEPRECATED)
        self.parse("""\
            [DEFAULT]
            transport_url = fake://nova:%s@h/
            [oslo_messaging_support]
            manifest_overlay = %s
            """ % (PASSWORD, overlay))
        oms.enable(self.conf)
        caught = self.create()
        self.create()
        warning = [line for line in self.lines('WARNING')
                   if "Transport driver 'fake'" in line]
        self.assertEqual(1, len(warning), self.log.output)
        self.assertIn('([DEFAULT] transport_url = fake://nova:***@h/, at '
                      'series %s)' % SERIES, warning[0])
        self.assertIn('No [oslo_messaging_support] switch silences this '
                      'warning: move to a supported driver, or declare the '
                      'tier of fake for this deployment in a '
                      '[oslo_messaging_support] manifest_overlay.',
                      warning[0])
        # the Python warning says the same
        self.assertEqual([oms.DeprecatedDriverWarning],
                         [item.category for item in caught])
        self.assertIn('manifest_overlay', str(caught[0].message))
        self.assertNotIn(PASSWORD, self.log.output)

    def test_unsupported_allowed_keeps_its_own_hint(self):
        """Its hint already names the setting that lets it load."""
        self.install_driver('private')
        self.parse("""\
            [DEFAULT]
            transport_url = private://h/
            [oslo_messaging_support]
            allowed_drivers = private
            """)
        oms.enable(self.conf)
        self.create()
        line = self.lines('WARNING')[-1]
        self.assertIn('It loads only because [oslo_messaging_support] '
                      'allowed_drivers names it.', line)
        self.assertNotIn('silences', line)


class EnableLineTest(ServiceLogTestCase):

    def test_one_info_line_with_series_version_and_overlay(self):
        self.parse('')
        oms.enable(self.conf)
        self.assertEqual(
            ['INFO The Supported Messaging Drivers policy is on for every '
             'transport this process creates: it evaluates at series %s, '
             'that of the installed oslo.messaging %s; no manifest overlay.'
             % (SERIES, base.EVALUATED_VERSION)], self.lines('INFO'))

    def test_evaluation_release_and_overlay(self):
        overlay = self.write_file('overlay.yaml',
                                  fixtures_support.FAKE_PROSPECTIVE)
        self.parse("""\
            [oslo_messaging_support]
            manifest_overlay = %s
            evaluation_release = 2027.1
            """ % overlay)
        oms.enable(self.conf)
        info = self.lines('INFO')
        self.assertEqual(1, len(info), info)
        self.assertIn('at series %s' % SERIES, info[0])
        self.assertIn('and at [oslo_messaging_support] evaluation_release '
                      '= indri (2027.1) (the stricter decision wins)',
                      info[0])
        self.assertIn('; manifest overlay: %s.' % overlay, info[0])

    def test_the_line_comes_from_the_compiled_record(self):
        """Its series is the engine's, without loading the engine."""
        self.assertEqual(support.POLICY.point().series.long_label,
                         compiled_loads.installed_label())

    def test_a_guessed_series_says_so(self):
        """A version the calendar does not list: the engine's guess."""
        self.useFixture(support_fixture.SupportPolicyFixture(
            installed_version='18.99.0'))
        self.parse('')
        oms.enable(self.conf)
        self.assertIn('oslo.messaging 18.99.0', self.lines('INFO')[0])
        self.assertIn('(guessed: the release calendar does not list this '
                      'version)', self.lines('INFO')[0])


class EnableBeforeParseTest(ServiceLogTestCase):
    """enable(), then parsing, then transports: nova's parse_args order."""

    def test_the_overlay_is_announced_at_the_first_transport(self):
        overlay = self.write_file('overlay.yaml',
                                  fixtures_support.FAKE_DEPRECATED)
        oms.enable(self.conf)
        self.assertIn('the configuration is not parsed yet',
                      self.lines('INFO')[0])
        self.parse("""\
            [oslo_messaging_support]
            manifest_overlay = %s
            """ % overlay)
        self.create(oslo_messaging.get_rpc_transport, 'fake://')
        self.create(oslo_messaging.get_rpc_transport, 'fake://')
        changes = [line for line in self.lines('WARNING')
                   if line.startswith('WARNING fake goes from')]
        self.assertEqual(['WARNING fake goes from testing to deprecated by '
                          'the overlay at %s.' % overlay], changes)
        self.assertIn('manifest overlay: %s' % overlay,
                      self.lines('INFO')[-1])

    def test_a_bad_release_stops_the_first_transport(self):
        oms.enable(self.conf)
        self.parse("""\
            [oslo_messaging_support]
            evaluation_release = epoxi
            """)
        for _ in range(2):
            error = self.assertRaises(oms.CalendarError,
                                      oslo_messaging.get_rpc_transport,
                                      self.conf, 'rabbit://h/')
            self.assertTrue(str(error).startswith(
                '[oslo_messaging_support] evaluation_release = epoxi: '
                "unknown release series 'epoxi'"), str(error))

    def test_a_bad_overlay_stops_the_first_transport(self):
        overlay = self.write_file('overlay.yaml', 'drivers: [1]\n')
        oms.enable(self.conf)
        self.parse("""\
            [oslo_messaging_support]
            manifest_overlay = %s
            """ % overlay)
        for factory in (oslo_messaging.get_rpc_transport,
                        oms.get_rpc_transport):
            error = self.assertRaises(oms.ManifestError, factory,
                                      self.conf, 'rabbit://h/')
            self.assertTrue(str(error).startswith(
                '[oslo_messaging_support] manifest_overlay: %s:1: '
                % overlay), str(error))
            self.assertEqual(overlay, error.path)

    def test_option_problems_are_warned_about_once_parsed(self):
        oms.enable(self.conf)
        self.parse("""\
            [oslo_messaging_support]
            allowed_drivers = kafak
            """)
        self.create(oslo_messaging.get_rpc_transport, 'rabbit://h/')
        self.create(oslo_messaging.get_rpc_transport, 'rabbit://h/')
        typos = [line for line in self.lines('WARNING') if 'kafak' in line]
        self.assertEqual(1, len(typos), self.log.output)


class OptionProblemsTest(ServiceLogTestCase):

    def test_misspelled_allowed_driver(self):
        self.parse("""\
            [oslo_messaging_support]
            allowed_drivers = kafak,rabbit
            """)
        oms.enable(self.conf)
        self.create(oslo_messaging.get_rpc_transport, 'rabbit://h/')
        self.assertEqual(
            ['WARNING [oslo_messaging_support] allowed_drivers names kafak, '
             'which is no driver of the support manifest and no installed '
             'transport driver, so it allows nothing. Did you mean kafka '
             'or fake?'], self.lines('WARNING'))

    def test_an_installed_private_driver_is_no_typo(self):
        self.install_driver('private')
        self.parse("""\
            [oslo_messaging_support]
            allowed_drivers = private
            """)
        oms.enable(self.conf)
        self.assertEqual([], self.lines('WARNING'))

    def test_unknown_option_in_a_file_and_the_environment(self):
        self.useFixture(fixtures.EnvironmentVariable(
            'OS_OSLO_MESSAGING_SUPPORT__ALLOW_ALL', 'true'))
        self.parse("""\
            [oslo_messaging_support]
            strict = true
            """)
        oms.enable(self.conf)
        warning = self.lines('WARNING')
        self.assertEqual(2, len(warning), warning)
        self.assertIn('[oslo_messaging_support] strict in %s is not an '
                      'option of oslo.messaging-support; oslo.config '
                      'ignores it' % self.conf_file, warning[0])
        self.assertIn('strict_mode', warning[0])
        self.assertIn('allow_all in the environment '
                      '(OS_OSLO_MESSAGING_SUPPORT__ALLOW_ALL)', warning[1])

    def test_a_configuration_without_the_group_reads_nothing_again(self):
        self.parse("""\
            [DEFAULT]
            transport_url = rabbit://h/
            """)
        with fixtures.MockPatch('oslo_config.cfg.ConfigParser.parse') as p:
            oms.enable(self.conf)
        self.assertFalse(p.mock.called)
        self.assertEqual([], self.lines('WARNING'))


class MutateTest(ServiceLogTestCase):
    """mutate_config_files() (SIGHUP) applies to the next transports."""

    def rewrite(self, text):
        with open(self.conf_file, 'w') as stream:
            stream.write(textwrap.dedent(text))
        return self.conf.mutate_config_files()

    def test_strict_mode_applies_to_the_next_transport(self):
        self.parse('')
        oms.enable(self.conf)
        self.create(oslo_messaging.get_rpc_transport, 'fake://')
        fresh = self.rewrite("""\
            [oslo_messaging_support]
            strict_mode = true
            """)
        self.assertIn(('oslo_messaging_support', 'strict_mode'), fresh)
        # the driver in use is decided again, and named
        self.assertEqual(
            ["WARNING The configuration changed: Refusing transport driver "
             "'fake': it is a test-only driver: oslo.messaging ships it for "
             "unit tests, not for a deployment; the policy sets its "
             "criteria for drivers \"shipped and documented as being "
             "supported\", which it is not. [oslo_messaging_support] "
             "strict_mode refuses testing drivers; add fake to "
             "allowed_drivers to load it anyway. The transports that "
             "already use it keep it until the service restarts."],
            self.lines('WARNING'))
        self.assertRaises(oms.UnsupportedDriver,
                          oslo_messaging.get_rpc_transport, self.conf,
                          'fake://')

    def test_a_new_overlay_is_announced_at_once(self):
        self.parse('')
        oms.enable(self.conf)
        overlay = self.write_file('overlay.yaml',
                                  fixtures_support.FAKE_DEPRECATED)
        self.rewrite("""\
            [oslo_messaging_support]
            manifest_overlay = %s
            """ % overlay)
        self.assertIn('WARNING fake goes from testing to deprecated by the '
                      'overlay at %s.' % overlay, self.lines('WARNING'))
        caught = self.create(oslo_messaging.get_rpc_transport, 'fake://')
        self.assertEqual([oms.DeprecatedDriverWarning],
                         [item.category for item in caught])

    def test_a_bad_new_value_is_logged_then_raised(self):
        """The hook never breaks mutate_config_files(); transports stop."""
        self.parse('')
        oms.enable(self.conf)
        self.rewrite("""\
            [oslo_messaging_support]
            evaluation_release = epoxi
            """)
        error = self.lines('ERROR')
        self.assertEqual(1, len(error), error)
        self.assertIn('[oslo_messaging_support] evaluation_release = epoxi',
                      error[0])
        self.assertRaises(oms.CalendarError,
                          oslo_messaging.get_rpc_transport, self.conf,
                          'rabbit://h/')

    def test_the_options_are_mutable(self):
        for _, options in opts.list_opts():
            for option in options:
                self.assertTrue(option.mutable, option.name)
                self.assertIn('mutate_config_files()', option.help)


class TestOnlyDriverTest(ServiceLogTestCase):
    """fake in a service: loads, one INFO line; strict_mode refuses it."""

    def test_fake_loads_with_one_info_line(self):
        self.parse("""\
            [DEFAULT]
            transport_url = fake://
            """)
        oms.enable(self.conf)
        caught = self.create() + self.create() + self.create(
            oslo_messaging.get_notification_transport)
        self.assertEqual([], caught)
        fake = [line for line in self.lines('INFO') if "'fake'" in line]
        self.assertEqual(
            ["INFO Transport driver 'fake' is a test-only driver: it "
             'loads, but it carries messages only within this process, so '
             'a deployment drops every message sent with it. '
             '[oslo_messaging_support] strict_mode refuses it. ([DEFAULT] '
             'transport_url, at series %s)' % SERIES], fake)
        self.assertEqual([], self.lines('WARNING'))

    def test_the_drop_in_says_it_too(self):
        self.parse('')
        self.create(oms.get_rpc_transport, 'fake://')
        self.assertIn('(a transport URL given in code, at series %s)'
                      % SERIES, self.lines('INFO')[-1])

    def test_strict_mode_refuses_it(self):
        self.parse("""\
            [DEFAULT]
            transport_url = fake://
            [oslo_messaging_support]
            strict_mode = true
            """)
        for factory in (oslo_messaging_support_rpc, enabled_rpc):
            error = self.assertRaises(oms.UnsupportedDriver, factory,
                                      self.conf)
            self.assertIn('strict_mode refuses testing drivers', str(error))
            oms.disable()


class CheckCommandTest(base.CommandTestCase):
    """``check`` warns about the same mistakes as ``enable()``."""

    def problems(self, output):
        return [line for line in output.stderr.splitlines()
                if line.startswith('[oslo_messaging_support]')]

    def test_typo_and_unknown_option(self):
        path = self.write_file('nova.conf', """\
            [DEFAULT]
            transport_url = rabbit://h/
            [oslo_messaging_support]
            allowed_drivers = kafak
            strict = true
            """)
        output = self.run_cli('check', '--config-file', path)
        self.assertEqual(1, output.status, output)
        lines = self.problems(output)
        self.assertEqual(2, len(lines), output.stderr)
        self.assertTrue(lines[0].startswith(
            '[oslo_messaging_support] strict in %s is not an option' % path),
            lines[0])
        self.assertIn('allowed_drivers names kafak', lines[1])
        self.assertIn('Did you mean kafka', lines[1])
        self.assertIn('rabbit', output.stdout)

    def test_a_clean_group_says_nothing(self):
        path = self.write_file('nova.conf', """\
            [DEFAULT]
            transport_url = rabbit://h/
            [oslo_messaging_support]
            strict_mode = true
            """)
        output = self.run_cli('check', '--config-file', path)
        self.assertEqual(0, output.status, output)
        self.assertEqual([], self.problems(output))


class ConfigDirTest(ServiceLogTestCase):

    def test_an_unknown_option_in_a_config_dir_file(self):
        directory = os.path.join(self.tempdir, 'nova.conf.d')
        os.mkdir(directory)
        path = os.path.join(directory, '50-support.conf')
        with open(path, 'w') as stream:
            stream.write('[oslo_messaging_support]\nallow_all = true\n')
        self.conf(['--config-dir', directory], project='service')
        oms.enable(self.conf)
        self.assertIn('[oslo_messaging_support] allow_all in %s is not an '
                      'option' % path, self.lines('WARNING')[0])
