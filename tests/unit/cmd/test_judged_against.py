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
"""Every output says what it judged against; check's Result column."""

from oslo_config import cfg

from oslo_messaging_support.cmd import check
from oslo_messaging_support import fixture as support_fixture
from oslo_messaging_support import upgradecheck as messaging_check
from tests.unit.cmd import base

COMMANDS = (
    ('list',),
    ('check', '--url', 'rabbit://h/'),
    ('schedule',),
    ('schedule', '--check'),
    ('audit', '--driver', 'rabbit'),
)

INSTALLED = ('Evaluated at hibiscus (2026.2) on ',
             'the series of the installed oslo.messaging 18.3.1')


class TestEveryCommandSaysIt(base.CommandTestCase):

    def test_table_formats_say_it_on_standard_error(self):
        for argv in COMMANDS:
            output = self.run_cli(*argv)
            lines = [line for line in output.stderr.splitlines()
                     if line.startswith('Evaluated at')]
            self.assertEqual(1, len(lines), (argv, output.stderr))
            for fragment in INSTALLED:
                self.assertIn(fragment, lines[0], argv)
            self.assertNotIn('Evaluated', output.stdout, argv)

    def test_value_format_stays_clean(self):
        output = self.run_cli('list', '-f', 'value', '-c', 'Name')
        self.assertEqual(['rabbit', 'kombu', 'fake', 'kafka', 'qpid', 'zmq',
                          'pika', 'amqp'], output.stdout.split())
        self.assertIn('Evaluated at', output.stderr)

    def test_json_carries_a_field(self):
        for argv in COMMANDS:
            if argv == ('schedule', '--check'):
                argv = ('schedule', '--check', '--release', '2027.1')
            status, data, err = self.run_json(*argv)
            self.assertNotIn('Evaluated at', err, argv)
            key = 'Evaluated At'
            field = data[0][key]
            self.assertEqual(
                {'Series': '2026.2' if '--release' not in argv else
                 '2027.1', 'Oslo Messaging': '18.3.1',
                 'Chosen By': 'the installed oslo.messaging'
                 if '--release' not in argv else '--release',
                 'Guessed': False},
                {name: field[name] for name in ('Series', 'Oslo Messaging',
                                                'Chosen By', 'Guessed')},
                argv)

    def test_guessed_series(self):
        self.useFixture(support_fixture.SupportPolicyFixture(
            installed_version='17.9.0'))
        output = self.run_cli('list')
        self.assertIn('guessed from the installed oslo.messaging 17.9.0',
                      output.stderr)
        status, data, _ = self.run_json('list')
        self.assertTrue(data[0]['Evaluated At']['Guessed'])

    def test_given_series_date_and_configuration(self):
        output = self.run_cli('list', '--release', 'epoxy')
        self.assertIn('Evaluated at epoxy (2025.1) on ', output.stderr)
        self.assertIn('given with --release; installed oslo.messaging: '
                      '18.3.1 (hibiscus (2026.2))', output.stderr)
        output = self.run_cli('list', '--date', '2024-12-01')
        self.assertIn('Evaluated at epoxy (2025.1) on 2024-12-01: the '
                      'series under development on 2024-12-01, given with '
                      '--date', output.stderr)
        conf = self.write_file('svc.conf', """
            [oslo_messaging_support]
            evaluation_release = indri
            """)
        output = self.run_cli('list', '--config-file', conf)
        self.assertIn('Evaluated at indri (2027.1) on ', output.stderr)
        self.assertIn('given by [oslo_messaging_support] '
                      'evaluation_release', output.stderr)

    def test_check_says_the_installed_series_applies_too(self):
        output = self.run_cli('check', '--url', 'rabbit://h/', '--release',
                              'epoxy')
        self.assertIn('whose decisions a running service also applies',
                      output.stderr)

    def test_series_past_the_calendar_is_estimated(self):
        output = self.run_cli('list', '--release', '2029.1')
        self.assertEqual(0, output.status, output.stderr)
        self.assertIn('2029.1 is past the release calendar, so its release '
                      'date', output.stderr)
        self.assertIn('is estimated', output.stderr)
        status, data, _ = self.run_json('list', '--release', '2029.1')
        self.assertTrue(data[0]['Evaluated At']['Estimated'])

    def test_help_shows_the_resolved_default(self):
        for command in ('list', 'check', 'schedule', 'audit'):
            output = self.run_cli(command, '--help')
            self.assertEqual(0, output.status)
            text = ' '.join(output.stdout.split())
            self.assertIn('hibiscus (2026.2), the series of the installed '
                          'oslo.messaging 18.3.1', text, command)

    def test_empty_release(self):
        output = self.run_cli('list', '--release', '')
        self.assertOneLineError(output, '--release', 'empty series')

    def test_release_and_a_contradictory_date(self):
        output = self.run_cli('list', '--release', 'epoxy', '--date',
                              '2020-01-01')
        self.assertOneLineError(output, '--release epoxy',
                                '--date 2020-01-01', 'contradict')

    def test_upgrade_check(self):
        conf = cfg.ConfigOpts()
        conf(args=[], default_config_files=[self.write_file(
            'svc.conf', '[DEFAULT]\ntransport_url = rabbit://h/\n')])
        result = messaging_check.check_messaging_drivers(None, conf)
        self.assertEqual('SUCCESS', result.code.name)
        for fragment in INSTALLED:
            self.assertIn(fragment, result.details)


class TestResultColumn(base.CommandTestCase):
    """check's Result matches its exit status; default columns fit."""

    def test_warned_but_not_installed_shows_the_escalation(self):
        conf = self.write_file('allow.conf', """
            [oslo_messaging_support]
            allowed_drivers = foo
            """)
        status, data, _ = self.run_json('check', '--config-file', conf,
                                        '--url', 'foo://h/')
        self.assertEqual(2, status)
        self.assertEqual(('warn', False, 'failure'),
                         (data[0]['Action'], data[0]['Installed'],
                          data[0]['Result']))

    def test_result_is_the_exit_status(self):
        results = {'success': 0, 'warning': 1, 'failure': 2}
        for url in ('rabbit://h/', 'fake://', 'zmq://h/'):
            status, data, _ = self.run_json('check', '--url', url)
            self.assertEqual(status, results[data[0]['Result']], url)

    def test_default_columns_fit_80_columns(self):
        self.install_kafka_client()
        output = self.run_cli('check', '--config-file',
                              base.fixture('nova.conf'))
        self.assertEqual(1, output.status, output.stderr)
        header, rows = base.parse_table(output.stdout)
        self.assertEqual(list(check.Check.DEFAULT_COLUMNS), header)
        self.assertEqual(['rpc', 'notifications'], [row[0] for row in rows])
        for line in output.stdout.splitlines():
            self.assertLessEqual(len(line), 80, line)

    def test_long_adds_the_rest(self):
        output = self.run_cli('check', '--url', 'rabbit://h/', '--long')
        header, _ = base.parse_table(output.stdout)
        self.assertEqual(list(check.COLUMNS), header)
        status, data, _ = self.run_json('check', '--url', 'rabbit://h/')
        self.assertEqual(list(check.COLUMNS) + ['Evaluated At'],
                         list(data[0]))
        self.assertEqual(0, status)
