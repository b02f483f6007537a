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
"""``oslo-messaging-support check`` on service configuration files."""

import json
import os
import subprocess
import sys

from oslo_messaging_support import fixture as support_fixture
from tests import base as tests_base
from tests import fixtures_support
from tests.unit.cmd import base

NOVA_SECRETS = ('N0va-Rabbit-Pw', 'K4fka-Pw', 'N0va-Db-Pw',
                'N0va-Keystone-Pw')
NOVA_RABBIT = ('rabbit://nova:***@ctl1:5672,nova:***@ctl2:5672,'
               'nova:***@ctl3:5672/nova')
NOVA_KAFKA = 'kafka://notify:***@kafka1:9092,notify:***@kafka2:9092/'
RPC = '[DEFAULT] transport_url'
NOTIFICATIONS = '[oslo_messaging_notifications] transport_url'
FALLBACK = NOTIFICATIONS + ' (unset: [DEFAULT] transport_url)'


class TestCheckNova(base.CommandTestCase):
    """A nova.conf: RPC on three RabbitMQ nodes, notifications on Kafka."""

    def setUp(self):
        super().setUp()
        self.kafka_client = self.install_kafka_client()

    def test_table(self):
        """Every transport is a row of Option, URL, Driver, ... Reason."""
        output = self.run_cli('check', '--config-file',
                              base.fixture('nova.conf'), '--release',
                              '2027.1', '--long')
        header, rows = base.parse_table(output.stdout)
        self.assertEqual(['Option', 'Usage', 'URL', 'Driver', 'Tier',
                          'Action', 'Installed', 'Result', 'Source',
                          'Reason'], header)
        self.assertEqual(2, len(rows))
        self.assertEqual([RPC, 'rpc', NOVA_RABBIT, 'rabbit', 'supported',
                          'load', 'True', 'success'], rows[0][:8])
        self.assertEqual([NOTIFICATIONS, 'notifications', NOVA_KAFKA,
                          'kafka', 'prospective', 'warn', 'True',
                          'warning'], rows[1][:8])
        # A warning anywhere gives oslo.upgradecheck's WARNING.
        self.assertEqual(1, output.status)
        self.assertNoSecret(output, *NOVA_SECRETS)

    def test_json(self):
        """``-f json`` gives the same rows as objects."""
        status, data, _ = self.run_json('check', '--config-file',
                                        base.fixture('nova.conf'),
                                        '--release', 'indri')
        self.assertEqual(1, status)
        self.assertEqual(['rabbit', 'kafka'],
                         [row['Driver'] for row in data])
        kafka = data[1]
        self.assertEqual(NOVA_KAFKA, kafka['URL'])
        self.assertEqual('warn', kafka['Action'])
        # The reason is what upstream declared and what the policy asks:
        # prospective, the missed deadline, no deprecation declared.
        self.assertIn('kafka is prospective since 2015-12-01',
                      kafka['Reason'])
        self.assertIn('missed its compliance deadline 2016-10-06',
                      kafka['Reason'])
        self.assertIn('its deprecation was due from ocata', kafka['Reason'])
        self.assertIn('oslo.messaging has not marked it for deprecation',
                      kafka['Reason'])
        self.assertTrue(data[0]['Reason'].startswith(
            'rabbit is a supported driver; whether it meets the policy is '
            'unknown: '), data[0]['Reason'])

    def test_strict_mode_refuses_the_deprecated_kafka(self):
        """The service's own [oslo_messaging_support] options apply."""
        strict = self.write_file('strict.conf', """
            [oslo_messaging_support]
            strict_mode = true
            """)
        status, data, _ = self.run_json(
            'check', '--config-file', base.fixture('nova.conf'),
            '--config-file', strict)
        self.assertEqual(2, status)
        self.assertEqual(['load', 'refuse'],
                         [row['Action'] for row in data])
        self.assertIn('strict_mode', data[1]['Reason'])

    def test_subprocess(self):
        """The real ``python -m`` entry point gives the same verdict."""
        env = dict(os.environ, PYTHONWARNINGS='ignore',
                   PYTHONPATH=self.kafka_client)
        process = subprocess.run(
            [sys.executable, '-m', 'oslo_messaging_support.cmd.main',
             'check', '--config-file', base.fixture('nova.conf'),
             '--release', '2027.1', '-f', 'json'],
            capture_output=True, text=True, env=env, timeout=120)
        self.assertEqual(1, process.returncode, process.stderr)
        data = json.loads(process.stdout)
        self.assertEqual([('rabbit', 'load'), ('kafka', 'warn')],
                         [(row['Driver'], row['Action']) for row in data])
        for secret in NOVA_SECRETS:
            self.assertNotIn(secret, process.stdout + process.stderr)


class TestCheckVerdicts(base.CommandTestCase):
    """Exit status 0, 1, 2 as oslo.upgradecheck's SUCCESS/WARNING/FAILURE."""

    def test_rabbit_loads(self):
        """Notifications fall back to [DEFAULT] transport_url."""
        status, data, _ = self.run_json(
            'check', '--config-file', base.fixture('rabbit.conf'))
        self.assertEqual(0, status)
        url = 'rabbit://svc:***@ctl1:5672/'
        self.assertEqual([(RPC, url, 'load'), (FALLBACK, url, 'load')],
                         [(row['Option'], row['URL'], row['Action'])
                          for row in data])

    def test_kafka_cannot_carry_rpc(self):
        """kafka as [DEFAULT] transport_url is refused for RPC."""
        output = self.run_cli('check', '--config-file',
                              base.fixture('kafka-rpc.conf'), '-f', 'json')
        self.assertEqual(2, output.status)
        data = json.loads(output.stdout)
        self.assertEqual(RPC, data[0]['Option'])
        self.assertEqual('refuse', data[0]['Action'])
        self.assertIn('kafka cannot carry RPC', data[0]['Reason'])
        # The same URL, used by the notification transport, only warns.
        self.assertEqual((FALLBACK, 'kafka', 'warn'),
                         (data[1]['Option'], data[1]['Driver'],
                          data[1]['Action']))
        self.assertNoSecret(output, 'K4fka-Pw')

    def test_removed_driver(self):
        """zmq, removed in stein, is refused; the rabbit notifier is not."""
        status, data, _ = self.run_json(
            'check', '--config-file', base.fixture('zmq.conf'))
        self.assertEqual(2, status)
        self.assertEqual(('[DEFAULT] transport_url', 'zmq://', 'removed',
                          'refuse'),
                         (data[0]['Option'], data[0]['URL'],
                          data[0]['Tier'], data[0]['Action']))
        self.assertIn('removed from oslo.messaging in stein',
                      data[0]['Reason'])
        self.assertEqual(('rabbit', 'load'),
                         (data[1]['Driver'], data[1]['Action']))

    def test_private_driver(self):
        """A private driver is refused, with the way to allow it."""
        output = self.run_cli('check', '--config-file',
                              base.fixture('cinder.conf'), '-f', 'json')
        self.assertEqual(2, output.status)
        data = json.loads(output.stdout)
        self.assertEqual(
            ['mydriver://cinder:***@bus.example.org:4000/cinder'] * 2,
            [row['URL'] for row in data])
        self.assertEqual(['unsupported', 'unsupported'],
                         [row['Tier'] for row in data])
        self.assertIn('allowed_drivers = mydriver', data[0]['Reason'])
        self.assertNoSecret(output, 'C1nder-Pw', 'C1nder-Db-Pw',
                            'C1nder-Keystone-Pw')

    def test_private_driver_allowed(self):
        """allowed_drivers in a later file turns refusals into warnings."""
        self.install_driver('mydriver')
        allow = self.write_file('allow.conf', """
            [oslo_messaging_support]
            allowed_drivers = mydriver
            """)
        status, data, _ = self.run_json(
            'check', '--config-file', base.fixture('cinder.conf'),
            '--config-file', allow)
        self.assertEqual(1, status)
        self.assertEqual(['warn', 'warn'], [row['Action'] for row in data])

    def test_private_driver_in_an_overlay(self):
        """An overlay that declares the driver supported makes it load."""
        site = self.install_driver('mydriver', 'mydriver.impl:MyDriver')
        os.makedirs(os.path.join(site, 'mydriver'))
        with open(os.path.join(site, 'mydriver', '__init__.py'), 'w'):
            pass
        with open(os.path.join(site, 'mydriver', 'impl.py'), 'w') as out:
            out.write('class MyDriver:\n    pass\n')
        self.addCleanup(sys.modules.pop, 'mydriver.impl', None)
        self.addCleanup(sys.modules.pop, 'mydriver', None)
        overlay = self.write_file('overlay.yaml', """
            drivers:
              mydriver:
                entry_point: mydriver.impl:MyDriver
                usage: [rpc, notifications]
                lifecycle:
                  - {series: epoxy, status: supported}
            """)
        conf = self.write_file('overlay.conf', """
            [oslo_messaging_support]
            manifest_overlay = %s
            """ % overlay)
        status, data, _ = self.run_json(
            'check', '--config-file', base.fixture('cinder.conf'),
            '--config-file', conf)
        self.assertEqual(0, status)
        self.assertEqual(['supported', 'supported'],
                         [row['Tier'] for row in data])

    def test_noop_notifications_still_load_the_driver(self):
        """driver = noop: the transport is created all the same."""
        status, data, _ = self.run_json(
            'check', '--config-file', base.fixture('cinder.conf'))
        self.assertEqual(2, status)
        self.assertEqual('refuse', data[1]['Action'])
        self.assertIn('driver is noop', data[1]['Reason'])
        self.assertIn('still loads this driver', data[1]['Reason'])
        self.assertNotIn('noop', data[0]['Reason'])


class TestCheckReleases(base.CommandTestCase):
    """--release, --date and evaluation_release: after the upgrade."""

    def test_evaluation_release_from_the_configuration(self):
        """amqp at dalmatian (2024.2), installed at dalmatian: a warning.

        Installed means loadable: the genuine amqp entry point of an
        oslo.messaging that still ships it, whose module is gone from
        the one installed here, so the warning becomes a failure.
        """
        tests_base.skip_where_amqp_ships(self)
        self.useFixture(support_fixture.SupportPolicyFixture(
            installed_version='14.9.3'))
        self.install_driver('amqp', fixtures_support.AMQP_TARGET)
        output = self.run_cli('check', '--config-file',
                              base.fixture('amqp.conf'), '-f', 'json')
        data = json.loads(output.stdout)
        self.assertEqual(['warn', 'warn'], [row['Action'] for row in data])
        self.assertIn('the policy allows its removal from dalmatian '
                      '(2024.2), and oslo.messaging still ships it',
                      data[0]['Reason'])
        self.assertEqual([False, False],
                         [row['Installed'] for row in data])
        self.assertEqual(['failure', 'failure'],
                         [row['Result'] for row in data])
        self.assertIn('oslo_messaging._drivers.impl_amqp1',
                      data[0]['Reason'])
        self.assertEqual(2, output.status)
        self.assertNoSecret(output, 'Pr0ton-Pw')

    def test_evaluation_release_behind_the_installed_series(self):
        """A release behind the installed one refuses, as the service.

        The installed series still applies in a service: a driver it
        refuses never passes as a warning.
        """
        output = self.run_cli('check', '--config-file',
                              base.fixture('amqp.conf'), '-f', 'json')
        self.assertEqual(2, output.status)
        data = json.loads(output.stdout)
        self.assertEqual(['refuse', 'refuse'],
                         [row['Action'] for row in data])
        self.assertIn('removed from oslo.messaging in epoxy',
                      data[0]['Reason'])

    def test_release_argument_wins(self):
        """After the upgrade to epoxy (2025.1) amqp is gone: refused."""
        status, data, _ = self.run_json(
            'check', '--config-file', base.fixture('amqp.conf'),
            '--release', '2025.1')
        self.assertEqual(2, status)
        self.assertEqual(['removed', 'removed'],
                         [row['Tier'] for row in data])
        self.assertIn('removed from oslo.messaging in epoxy (2025.1)',
                      data[0]['Reason'])

    def test_date_picks_the_series_under_development(self):
        """On 2024-12-01 epoxy was under development: amqp is removed."""
        status, data, _ = self.run_json(
            'check', '--url', 'amqp://u:Url-Pw@h:5672/', '--date',
            '2024-12-01')
        self.assertEqual(2, status)
        self.assertEqual('removed', data[0]['Tier'])

    def test_before_removal_was_due(self):
        """At bobcat (2023.2), amqp may be removed two series later."""
        tests_base.skip_where_amqp_ships(self)
        self.useFixture(support_fixture.SupportPolicyFixture(
            installed_version='14.4.2'))
        self.install_driver('amqp', fixtures_support.AMQP_TARGET)
        status, data, _ = self.run_json(
            'check', '--url', 'amqp://u:Url-Pw@h:5672/', '--release',
            'bobcat')
        self.assertEqual('warn', data[0]['Action'])
        self.assertIn('the policy allows its removal from dalmatian '
                      '(2024.2).', data[0]['Reason'])
        # Its module is not in the oslo.messaging installed here.
        self.assertEqual((False, 'failure'),
                         (data[0]['Installed'], data[0]['Result']))
        self.assertEqual(2, status)


class TestCheckSources(base.CommandTestCase):
    """Where the transports come from."""

    def test_config_dir_overrides_and_empty_notification_url(self):
        """A conf.d directory after the file; an empty URL falls back."""
        status, data, _ = self.run_json(
            'check', '--config-file', base.fixture('nova.conf'),
            '--config-dir', base.fixture('nova.conf.d'))
        self.assertEqual(0, status)
        self.assertEqual(
            [(RPC, 'rabbit://nova:***@ctl9:5672/'),
             (FALLBACK, 'rabbit://nova:***@ctl9:5672/')],
            [(row['Option'], row['URL']) for row in data])

    def test_default_transport_url(self):
        """A file that sets no URL: oslo.messaging's default rabbit://."""
        conf = self.write_file('empty.conf', """
            [DEFAULT]
            debug = true
            """)
        status, data, _ = self.run_json('check', '--config-file', conf)
        self.assertEqual(0, status)
        self.assertEqual([(RPC + ' (default)', 'rabbit://', 'rabbit',
                           'default'),
                          (FALLBACK, 'rabbit://', 'rabbit', 'default')],
                         [(row['Option'], row['URL'], row['Driver'],
                           row['Source']) for row in data])

    def test_urls_on_the_command_line(self):
        """--url is RPC, --notification-url notifications; '+' is cut."""
        output = self.run_cli(
            'check', '--url', 'rabbit://u:Url-Pw@h1:5672/',
            '--url', 'kafka+ssl://u:Url-Pw@k1:9093/',
            '--notification-url', 'kafka://u:Url-Pw@k1:9092/',
            '--release', '2026.2', '-f', 'json')
        self.assertEqual(2, output.status)
        data = json.loads(output.stdout)
        self.assertEqual(
            [('--url', 'rabbit', 'load'), ('--url', 'kafka', 'refuse'),
             ('--notification-url', 'kafka', 'warn')],
            [(row['Option'], row['Driver'], row['Action'])
             for row in data])
        self.assertNoSecret(output, 'Url-Pw')

    def test_urls_replace_the_configured_ones(self):
        """With --url, the files only give the policy settings."""
        status, data, _ = self.run_json(
            'check', '--config-file', base.fixture('nova.conf'),
            '--url', 'rabbit://h/')
        self.assertEqual(0, status)
        self.assertEqual(['--url'], [row['Option'] for row in data])


class TestCheckErrors(base.CommandTestCase):
    """Bad input: one line on stderr, exit status 255, passwords masked."""

    def test_missing_file(self):
        missing = os.path.join(self.tempdir, 'nova.conf')
        output = self.run_cli('check', '--config-file', missing)
        self.assertOneLineError(output, '--config-file', missing,
                                'no such file')

    def test_malformed_file(self):
        output = self.run_cli('check', '--config-file',
                              base.fixture('malformed.conf'))
        self.assertOneLineError(output, 'cannot parse',
                                base.fixture('malformed.conf'))
        self.assertNoSecret(output, 'M4lformed-Pw')

    def test_url_that_does_not_parse(self):
        """The option, the file and the masked URL are named."""
        output = self.run_cli('check', '--config-file',
                              base.fixture('bad-url.conf'))
        self.assertOneLineError(
            output, '[DEFAULT] transport_url in %s'
            % base.fixture('bad-url.conf'),
            "'rabbit://nova:***@ctl1:56x2/'")
        self.assertNoSecret(output, 'Bad-Url-Pw')

    def test_notification_url_that_does_not_parse(self):
        conf = self.write_file('notify.conf', """
            [oslo_messaging_notifications]
            transport_url = rabbit://n:Notify-Pw@[::1:5672/
            """)
        output = self.run_cli('check', '--config-file', conf)
        self.assertOneLineError(
            output, '[oslo_messaging_notifications] transport_url in %s'
            % conf, 'Invalid IPv6 URL')
        self.assertNoSecret(output, 'Notify-Pw')

    def test_url_without_scheme(self):
        output = self.run_cli('check', '--url', '//u:Url-Pw@ctl1:5672/')
        self.assertOneLineError(output, '--url', 'No scheme specified')
        self.assertNoSecret(output, 'Url-Pw')

    def test_empty_default_transport_url(self):
        conf = self.write_file('empty.conf', """
            [DEFAULT]
            transport_url =
            """)
        output = self.run_cli('check', '--config-file', conf)
        self.assertOneLineError(output, '[DEFAULT] transport_url',
                                'No scheme specified')

    def test_unknown_series(self):
        output = self.run_cli('check', '--url', 'rabbit://',
                              '--release', 'zebra')
        self.assertOneLineError(output, "unknown release series 'zebra'")

    def test_unknown_series_in_the_configuration(self):
        conf = self.write_file('release.conf', """
            [oslo_messaging_support]
            evaluation_release = 2031.7
            """)
        output = self.run_cli('check', '--config-file', conf)
        self.assertOneLineError(output, "'2031.7'")

    def test_bad_date(self):
        output = self.run_cli('check', '--url', 'rabbit://',
                              '--date', '2025-02-30')
        self.assertOneLineError(output, "'2025-02-30' is not a date")

    def test_bad_overlay(self):
        conf = self.write_file('overlay.conf', """
            [oslo_messaging_support]
            manifest_overlay = %s
            """ % os.path.join(self.tempdir, 'missing.yaml'))
        output = self.run_cli('check', '--config-file', conf)
        self.assertOneLineError(output, 'missing.yaml')
