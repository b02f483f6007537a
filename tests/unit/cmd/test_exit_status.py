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
"""The exit statuses of every command, and typos that get help.

0 success, 1 warning, 2 failure (oslo.upgradecheck's), 255 for a usage
or input error and for any unexpected error, always as one
``prog: error:`` line on standard error.
"""

import os

import fixtures

from oslo_messaging_support.cmd import _common
from tests.unit.cmd import base
from tests.unit.cmd import test_operator_view

#: One ordinary run of each command.
COMMANDS = {
    'list': ('list',),
    'check': ('check', '--url', 'rabbit://h/'),
    'schedule': ('schedule',),
    'audit': ('audit', '--driver', 'rabbit'),
}

#: The module and class of each command, where a crash is injected.
CLASSES = {
    'list': 'oslo_messaging_support.cmd.list_drivers.ListDrivers',
    'check': 'oslo_messaging_support.cmd.check.Check',
    'schedule': 'oslo_messaging_support.cmd.schedule.Schedule',
    'audit': 'oslo_messaging_support.cmd.audit.Audit',
}


class TestTheTable(base.CommandTestCase):
    """The documented table, for every command."""

    def test_values(self):
        self.assertEqual((0, 1, 2, 255), tuple(int(item) for item in (
            _common.ExitStatus.SUCCESS, _common.ExitStatus.WARNING,
            _common.ExitStatus.FAILURE, _common.ExitStatus.ERROR)))

    def test_success(self):
        for name, argv in COMMANDS.items():
            self.assertEqual(0, self.run_cli(*argv).status, name)

    def test_usage_error_of_every_command(self):
        for name, argv in list(COMMANDS.items()) + [('help', ('help',))]:
            output = self.run_cli(*(argv + ('--no-such-option',)))
            self.assertOneLineError(output, '--no-such-option')

    def test_input_error_of_every_command(self):
        for name, argv in COMMANDS.items():
            output = self.run_cli(*(argv + ('--release', 'zebra')))
            self.assertOneLineError(output, "'zebra'")

    def test_cliff_usage_errors(self):
        self.assertOneLineError(self.run_cli('--no-such-global'),
                                '--no-such-global')
        self.assertOneLineError(self.run_cli('list', '-f', 'nonsense'),
                                'nonsense')
        self.assertOneLineError(self.run_cli('list', '-c', 'Nope'),
                                "unknown column 'Nope'")
        self.assertOneLineError(self.run_cli('help', 'nosuch'),
                                "unknown command 'nosuch'")

    def test_crash_in_any_command(self):
        def boom(*args, **kwargs):
            raise RuntimeError('boom')

        for name, argv in COMMANDS.items():
            with fixtures.MonkeyPatch(CLASSES[name] + '.listing', boom):
                output = self.run_cli(*argv)
            self.assertOneLineError(
                output, 'oslo-messaging-support %s: error: RuntimeError: '
                        'boom' % name)

    def test_crash_while_the_commands_are_listed(self):
        """A broken installation (a malformed distribution's metadata)."""
        def broken(*args, **kwargs):
            raise ValueError('malformed RECORD of some-dist')

        self.useFixture(fixtures.MonkeyPatch(
            'cliff.commandmanager.CommandManager.load_commands', broken))
        output = self.run_cli('list')
        self.assertOneLineError(output, 'oslo-messaging-support: error:',
                                'malformed RECORD')

    def test_unwritable_log_file(self):
        path = os.path.join(self.tempdir, 'no-such-dir', 'cli.log')
        output = self.run_cli('--log-file', path, 'list')
        self.assertOneLineError(output, '--log-file', path)

    def test_unknown_xml_encoding(self):
        report = self.write_file('coverage.xml', (
            '<?xml version="1.0" encoding="no-such-encoding"?>\n'
            '<coverage></coverage>\n'))
        output = self.run_cli('audit', '--coverage', report)
        self.assertOneLineError(output, 'no-such-encoding')

    def test_warning_and_failure(self):
        self.assertEqual(1, self.run_cli('check', '--url', 'fake://').status)
        self.assertEqual(2, self.run_cli('check', '--url', 'zmq://').status)
        self.assertEqual(2, self.run_cli('schedule', '--check', '--release',
                                         '2027.1').status)
        self.assertEqual(0, self.run_cli('schedule', '--check', '--release',
                                         '2025.1', '--driver',
                                         'amqp').status)


class TestSubprocess(base.CommandTestCase):
    """The same statuses from the console entry point."""

    def test_statuses(self):
        cases = (
            (0, ('check', '--url', 'rabbit://h/')),
            (1, ('check', '--url', 'fake://')),
            (2, ('check', '--url', 'zmq://h/')),
            (255, ('check', '--no-such-option')),
            (255, ('check',)),
            (255, ('list', '--release', 'zebra')),
            (255, ('lsit',)),
            (2, ('schedule', '--check', '--release', '2027.1')),
        )
        for status, argv in cases:
            process = test_operator_view.run_subprocess(*argv)
            self.assertEqual(status, process.returncode,
                             (argv, process.stderr))
            if status == 255:
                self.assertEqual(1, len(process.stderr.splitlines()),
                                 process.stderr)
                self.assertIn('error:', process.stderr)


class TestTypos(base.CommandTestCase):
    """Misspelled commands, series and drivers get the nearest name."""

    def test_command(self):
        output = self.run_cli('lsit')
        self.assertOneLineError(output, "unknown command 'lsit'",
                                "did you mean 'list'")

    def test_series(self):
        output = self.run_cli('list', '--release', 'epoxi')
        self.assertOneLineError(output, "'epoxi'", "did you mean 'epoxy'")

    def test_series_in_the_configuration(self):
        conf = self.write_file('svc.conf', """
            [oslo_messaging_support]
            evaluation_release = dalmation
            """)
        output = self.run_cli('list', '--config-file', conf)
        self.assertOneLineError(output, 'evaluation_release',
                                "did you mean 'dalmatian'")

    def test_driver_in_a_url(self):
        status, data, _ = self.run_json('check', '--url', 'kafak://h/')
        self.assertEqual(2, status)
        self.assertIn("Did you mean 'kafka'?", data[0]['Reason'])

    def test_driver_option(self):
        for command in ('schedule', 'audit'):
            output = self.run_cli(command, '--driver', 'rabit')
            self.assertOneLineError(output, "'rabit'",
                                    "did you mean 'rabbit'")
