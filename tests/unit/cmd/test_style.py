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
"""One CLI style: exit status, one-line errors, columns, blanks, formats."""

import fractions
import json
import logging
import os
import subprocess
import sys
import warnings

import fixtures
import yaml

from oslo_messaging_support.cmd import _common
from oslo_messaging_support.cmd import audit
from oslo_messaging_support.cmd import check
from oslo_messaging_support.cmd import list_drivers
from oslo_messaging_support.cmd import schedule
from oslo_messaging_support.engine import tiers
from tests.unit.cmd import base

#: Every command, with arguments that make it print a listing.
COMMANDS = (
    ('list', '--release', 'epoxy'),
    ('check', '--url', 'rabbit://u:Pw-9@h/'),
    ('schedule', '--release', 'epoxy'),
    ('audit', '--release', 'epoxy', '--driver', 'rabbit'),
)


class TestUsageErrors(base.CommandTestCase):
    """Every usage error is one line on stderr and exit status 2."""

    def test_cliff_unknown_column(self):
        for argv in COMMANDS:
            output = self.run_cli(*(argv + ('-c', 'Nope')))
            self.assertOneLineError(output, "unknown column 'Nope'",
                                    argv[0])

    def test_help_of_an_unknown_command(self):
        output = self.run_cli('help', 'nonexist')
        self.assertOneLineError(output, "unknown command 'nonexist'")

    def test_unknown_command(self):
        output = self.run_cli('nonexist')
        self.assertOneLineError(output, "unknown command 'nonexist'")

    def test_unknown_global_option(self):
        output = self.run_cli('--bogus', 'list')
        self.assertOneLineError(output, '--bogus')

    def test_bad_options(self):
        for argv in (('list', '--bogus'), ('list', '--date'),
                     ('check', '-f', 'nope'), ('schedule', '--driver'),
                     ('audit', '--sort-ascending', '--sort-descending')):
            output = self.run_cli(*argv)
            self.assertOneLineError(output, 'oslo-messaging-support %s: '
                                    'error:' % argv[0])
            self.assertNotIn('usage:', output.stderr)

    def test_control_characters_are_escaped(self):
        """A newline in a value cannot forge a second line."""
        output = self.run_cli('list', '--release',
                              'zed\nERROR: a forged line')
        self.assertOneLineError(output, 'zed\\nERROR: a forged line')
        output = self.run_cli('schedule', '--driver', 'x\x1b[31my')
        self.assertOneLineError(output, 'x\\x1b[31my')

    def test_help_still_works(self):
        output = self.run_cli('help', 'list')
        self.assertEqual(0, output.status, output)
        self.assertIn('--long', output.stdout)


class TestExitStatus(base.CommandTestCase):
    """The shared base returns the command's own status."""

    def test_check_follows_the_action_severity(self):
        self.install_kafka_client()
        self.assertEqual(0, self.run_cli('check', '--url', 'rabbit://h/',
                                         '-f', 'json').status)
        self.assertEqual(1, self.run_cli('check', '--notification-url',
                                         'kafka://h/', '--release', 'epoxy',
                                         '-f', 'json').status)
        self.assertEqual(2, self.run_cli('check', '--url', 'zmq://h/',
                                         '-f', 'json').status)

    def test_schedule_check_fails_with_2(self):
        output = self.run_cli('schedule', '--check', '--release', '2027.1')
        self.assertEqual(2, output.status, output)
        self.assertIn('schedule check failed', output.stderr)

    def test_list_and_audit_succeed(self):
        for argv in (COMMANDS[0], COMMANDS[3]):
            self.assertEqual(0, self.run_cli(*argv).status, argv)


class TestInstalled(base.CommandTestCase):
    """``check`` knows what is installed."""

    def test_allowed_but_not_installed_is_a_refusal(self):
        conf = self.write_file('allow-foo.conf', """
            [oslo_messaging_support]
            allowed_drivers = foo
            """)
        status, data, _ = self.run_json('check', '--config-file', conf,
                                        '--url', 'foo://h/')
        self.assertEqual(2, status)
        row, = data
        self.assertEqual(('foo', 'warn', False),
                         (row['Driver'], row['Action'], row['Installed']))
        self.assertIn('would fail to start', row['Reason'])

    def test_installed_private_driver_warns(self):
        self.install_driver('foo')
        conf = self.write_file('allow-foo.conf', """
            [oslo_messaging_support]
            allowed_drivers = foo
            """)
        status, data, _ = self.run_json('check', '--config-file', conf,
                                        '--url', 'foo://h/')
        self.assertEqual(1, status)
        self.assertTrue(data[0]['Installed'])
        self.assertNotIn('would fail to start', data[0]['Reason'])

    def test_rows_name_the_installed_state(self):
        rows, status = check.transport_rows([], None)
        self.assertEqual(([], 0), (rows, status))
        status, data, _ = self.run_json('check', '--url', 'rabbit://h/',
                                        '--url', 'qpid://h/')
        self.assertEqual([True, False],
                         [row['Installed'] for row in data])
        # qpid is refused by the policy already: the reason stays its own.
        self.assertNotIn('would fail to start', data[1]['Reason'])


class TestColumns(base.CommandTestCase):
    """python-openstackclient's habit: short by default, --long for all."""

    def test_default_tables_fit_80_columns(self):
        for argv in (('list',), ('list', '--release', 'zed'),
                     ('list', '--release', '2027.1'),
                     ('schedule',), ('schedule', '--release', '2024.1'),
                     ('audit', '--release', 'epoxy')):
            output = self.run_cli(*argv)
            self.assertEqual(0, output.status, output)
            widths = [len(line) for line in output.stdout.splitlines()]
            self.assertLessEqual(max(widths), 80, (argv, output.stdout))

    def test_long_adds_every_column(self):
        cases = ((('list',), list_drivers.COLUMNS),
                 (('schedule',), schedule.COLUMNS),
                 (('audit', '--driver', 'rabbit'), audit.COLUMNS))
        for argv, columns in cases:
            header, _ = base.parse_table(self.run_cli(*argv).stdout)
            self.assertLess(len(header), len(columns), argv)
            header, _ = base.parse_table(
                self.run_cli(*(argv + ('--long',))).stdout)
            self.assertEqual(list(columns), header, argv)

    def test_list_default_columns(self):
        header, _ = base.parse_table(self.run_cli('list').stdout)
        self.assertEqual([name for name in list_drivers.COLUMNS
                          if name in list_drivers.ListDrivers.DEFAULT_COLUMNS],
                         header)
        self.assertNotIn('Reason', header)

    def test_a_chosen_column_needs_no_long(self):
        header, rows = base.parse_table(
            self.run_cli('list', '-c', 'Name', '-c', 'Reason').stdout)
        self.assertEqual(['Name', 'Reason'], header)

    def test_json_and_yaml_carry_every_key(self):
        cases = ((('list',), list_drivers.COLUMNS),
                 (('check', '--url', 'rabbit://h/'), check.COLUMNS),
                 (('schedule',), schedule.COLUMNS),
                 (('audit', '--driver', 'rabbit'), audit.KEYS))
        for argv, keys in cases:
            status, data, _ = self.run_json(*argv)
            self.assertEqual(0, status, argv)
            evaluated = 'Evaluated At'
            for row in data:
                self.assertEqual(list(keys) + [evaluated], list(row), argv)
            output = self.run_cli(*(argv + ('-f', 'yaml')))
            self.assertEqual(0, output.status, output)
            self.assertEqual(data, yaml.safe_load(output.stdout), argv)

    def test_blanks_for_missing_values(self):
        """rabbit has no deprecation: blank cells, never 'None'."""
        output = self.run_cli('list', '--long', '--release', 'epoxy')
        header, rows = base.parse_table(output.stdout)
        rabbit = dict(zip(header, next(row for row in rows
                                       if row[0] == 'rabbit')))
        self.assertEqual('', rabbit['Deprecated In'])
        self.assertEqual('', rabbit['Replacement'])
        self.assertNotIn('None', output.stdout)
        status, data, _ = self.run_json('list', '--release', 'epoxy')
        rabbit = next(row for row in data if row['Name'] == 'rabbit')
        self.assertIsNone(rabbit['Deprecated In'])


class TestPlainValues(base.CommandTestCase):
    """Enumerations reach the formatters as plain ``str``."""

    def test_enums_become_plain_strings(self):
        row = (tiers.Tier.SUPPORTED, tiers.Action.WARN, None, True,
               {'tier': tiers.Compliance.GRACE,
                'list': [tiers.Tier.REMOVED]})
        plain = [_common.plain(value) for value in row]
        self.assertIs(str, type(plain[0]))
        self.assertIs(str, type(plain[4]['tier']))
        self.assertIs(str, type(plain[4]['list'][0]))
        # PyYAML's safe dumper refuses str subclasses; cliff's -f yaml uses
        # it.
        self.assertRaises(yaml.representer.RepresenterError,
                          yaml.safe_dump, list(row))
        self.assertEqual(
            ['supported', 'warn', None, True,
             {'tier': 'grace', 'list': ['removed']}],
            yaml.safe_load(yaml.safe_dump(plain)))

    def test_numbers_become_plain_numbers(self):
        class Percent(float):
            pass

        values = [_common.plain(value) for value in
                  (Percent(84.1), fractions.Fraction(1, 4), 3, False)]
        self.assertEqual([84.1, 0.25, 3, False], values)
        self.assertEqual([float, float, int, bool],
                         [type(value) for value in values])
        self.assertEqual(values, yaml.safe_load(yaml.safe_dump(values)))

    def test_cells_are_blank_or_escaped(self):
        self.assertEqual('', _common.cell(None))
        self.assertEqual('a\\nb', _common.cell('a\nb'))
        self.assertEqual('deprecated', _common.cell(tiers.Tier.DEPRECATED))


class TestEmbedded(base.CommandTestCase):
    """``main()`` called in a process leaves the process as it was."""

    def test_no_root_handler_per_call(self):
        root = logging.getLogger()
        handlers = list(root.handlers)
        level = root.level
        for _ in range(3):
            self.run_cli('list', '-f', 'json')
            self.run_cli('list', '--bogus')
        self.assertEqual(handlers, root.handlers)
        self.assertEqual(level, root.level)

    def test_third_party_info_is_not_shown(self):
        """oslo.service's INFO lines stay off the terminal unless -v."""
        rows = list_drivers.driver_rows

        def noisy(*args):
            logging.getLogger('oslo_service.backend').info(
                'Loading backend: eventlet')
            return rows(*args)

        self.useFixture(fixtures.MonkeyPatch(
            'oslo_messaging_support.cmd.list_drivers.driver_rows', noisy))
        output = self.run_cli('list', '-f', 'json')
        self.assertEqual((0, ''), (output.status, output.stderr))
        output = self.run_cli('-v', 'list', '-f', 'json')
        self.assertIn('Loading backend: eventlet', output.stderr)

    def test_warning_filters_untouched(self):
        before = list(warnings.filters)
        self.run_cli('schedule', '-f', 'json')
        self.run_cli('nonexist')
        self.assertEqual(before, warnings.filters)


class TestNoDeprecationNoise(base.CommandTestCase):
    """No third-party deprecation notice reaches the terminal."""

    def test_every_command(self):
        env = dict(os.environ, PYTHONWARNINGS='default')
        env.pop('EVENTLET_TESTS', None)
        for argv in COMMANDS:
            process = subprocess.run(
                [sys.executable, '-m', 'oslo_messaging_support.cmd.main']
                + list(argv) + ['-f', 'json'],
                capture_output=True, text=True, env=env, timeout=120)
            self.assertEqual(0, process.returncode, process.stderr)
            json.loads(process.stdout)
            self.assertEqual('', process.stderr, argv)
